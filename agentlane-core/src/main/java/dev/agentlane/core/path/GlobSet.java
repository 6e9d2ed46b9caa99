package dev.agentlane.core.path;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An ordered collection of {@link Glob}s matched with one call.
 *
 * <p>Immutable and thread-safe; arguments must not be {@code null} and results are never
 * {@code null}. The path is split once per case mode and then offered to every glob.
 */
public final class GlobSet {

  private final List<Glob> globs;

  private GlobSet(List<Glob> globs) {
    this.globs = globs;
  }

  /**
   * A set of the given globs, in the given order (duplicates are kept).
   *
   * @throws NullPointerException if the list or an element is {@code null}
   */
  public static GlobSet of(List<Glob> globs) {
    return new GlobSet(List.copyOf(Objects.requireNonNull(globs, "globs")));
  }

  /** The globs, in order. */
  public List<Glob> globs() {
    return globs;
  }

  /** Whether any glob matches the normalized path; see {@link Glob#matches(String)}. */
  public boolean matchesAny(String path) {
    Split split = new Split(path);
    for (Glob glob : globs) {
      if (glob.matchesSegments(split.get(glob.caseInsensitive()))) {
        return true;
      }
    }
    return false;
  }

  /** The globs that match the normalized path, in set order; empty if none. */
  public List<Glob> matching(String path) {
    Split split = new Split(path);
    List<Glob> out = new ArrayList<>();
    for (Glob glob : globs) {
      if (glob.matchesSegments(split.get(glob.caseInsensitive()))) {
        out.add(glob);
      }
    }
    return List.copyOf(out);
  }

  @Override
  public String toString() {
    return "GlobSet" + globs;
  }

  /** The path split lazily, once for each case mode in use. */
  private static final class Split {
    private final String path;
    private int @Nullable [][] exact;
    private int @Nullable [][] folded;

    Split(String path) {
      this.path = Objects.requireNonNull(path, "path");
    }

    int[][] get(boolean fold) {
      if (fold) {
        int[][] result = folded;
        if (result == null) {
          result = Glob.split(path, true);
          folded = result;
        }
        return result;
      }
      int[][] result = exact;
      if (result == null) {
        result = Glob.split(path, false);
        exact = result;
      }
      return result;
    }
  }
}
