package dev.agentlane;

/**
 * The declared size of a change: how many files, lines, directories and services it touches.
 *
 * <p>Immutable. The engine takes the larger of the declared size and what it counts itself from
 * the action's resources, so under-declaring never shrinks the blast radius.
 *
 * @param files files touched, {@code >= 0}
 * @param lines lines changed, {@code >= 0}
 * @param directories directories touched, {@code >= 0}
 * @param services services affected, {@code >= 0}
 */
public record ActionSize(int files, int lines, int directories, int services) {
  private static final ActionSize UNKNOWN = new ActionSize(0, 0, 0, 0);

  /** Validates that no count is negative. */
  public ActionSize {
    requireNonNegative("files", files);
    requireNonNegative("lines", lines);
    requireNonNegative("directories", directories);
    requireNonNegative("services", services);
  }

  /** A size that declares nothing (all zero). */
  public static ActionSize unknown() {
    return UNKNOWN;
  }

  /** A size of the given number of files and lines. */
  public static ActionSize of(int files, int lines) {
    return new ActionSize(files, lines, 0, 0);
  }

  private static void requireNonNegative(String name, int value) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must be >= 0 but was " + value);
    }
  }
}
