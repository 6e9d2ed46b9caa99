package dev.agentlane.core.path;

/**
 * A glob pattern that {@link Glob#compile(String, boolean)} cannot compile.
 *
 * <p>Immutable; no accessor returns {@code null}.
 */
public final class InvalidGlobException extends Exception {

  private final String pattern;
  private final int index;
  private final String reason;

  /**
   * Creates the exception.
   *
   * @param pattern the offending pattern
   * @param index the char index in the pattern where the problem was found
   * @param reason what is wrong, in lower case without trailing punctuation
   */
  public InvalidGlobException(String pattern, int index, String reason) {
    super(reason + " at index " + index + " in glob '" + pattern + "'");
    this.pattern = pattern;
    this.index = index;
    this.reason = reason;
  }

  /** The offending pattern. */
  public String pattern() {
    return pattern;
  }

  /** The char index in the pattern where the problem was found. */
  public int index() {
    return index;
  }

  /** What is wrong, e.g. {@code "unclosed '['"}. */
  public String reason() {
    return reason;
  }
}
