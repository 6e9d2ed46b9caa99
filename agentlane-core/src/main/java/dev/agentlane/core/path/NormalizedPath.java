package dev.agentlane.core.path;

import java.util.Objects;

/**
 * The result of {@link PathNormalizer#normalize(String)}: a raw path in canonical form, classified
 * by where it points.
 *
 * <p>Immutable and thread-safe; no component is ever {@code null}.
 *
 * <ul>
 *   <li>{@link Location#INSIDE}: {@link #path()} is relative to the workspace root,
 *       {@code '/'}-separated, with no leading {@code '/'} and no {@code "."}, {@code ".."} or empty
 *       segments. The empty string denotes the workspace root itself.
 *   <li>{@link Location#OUTSIDE}: {@link #path()} is the normalized absolute form:
 *       {@code '/'}-separated and starting with {@code '/'} ({@code "/etc/passwd"}; Windows drive
 *       paths as {@code "/C:/Windows"}, UNC paths as {@code "//server/share/x"}, device paths as
 *       {@code "//?/..."} or {@code "//./..."}), or starting with {@code "~"} for home-relative input
 *       ({@code "~/.ssh/id_rsa"}, {@code "~alice/.ssh"}).
 *   <li>{@link Location#INVALID}: {@link #path()} is empty and {@link #problem()} says why.
 * </ul>
 *
 * <p>For {@code INSIDE} and {@code OUTSIDE} results {@link #problem()} is empty.
 *
 * @param raw the input exactly as given to the normalizer
 * @param path the canonical path, see above
 * @param location where the path points
 * @param problem why the path is invalid, or {@code ""}
 */
public record NormalizedPath(String raw, String path, Location location, String problem) {

  /** Where a normalized path points. */
  public enum Location {
    /** Inside the workspace root (or the root itself). */
    INSIDE,
    /** Anywhere else: above or beside the root, another drive, a server, a home directory. */
    OUTSIDE,
    /** Not interpretable; callers must treat it as the most sensitive possible path. */
    INVALID
  }

  /**
   * Checks the invariants described in the class documentation.
   *
   * @throws IllegalArgumentException if they do not hold
   */
  public NormalizedPath {
    Objects.requireNonNull(raw, "raw");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(problem, "problem");
    switch (location) {
      case INVALID -> {
        if (!path.isEmpty() || problem.isEmpty()) {
          throw new IllegalArgumentException("an INVALID path has an empty path and a problem");
        }
      }
      case INSIDE -> {
        if (!problem.isEmpty() || path.startsWith("/")) {
          throw new IllegalArgumentException("an INSIDE path is relative and has no problem");
        }
      }
      case OUTSIDE -> {
        if (!problem.isEmpty() || !(path.startsWith("/") || path.startsWith("~"))) {
          throw new IllegalArgumentException("an OUTSIDE path is absolute and has no problem");
        }
      }
    }
  }

  /** An {@code INSIDE} result. */
  public static NormalizedPath inside(String raw, String relativePath) {
    return new NormalizedPath(raw, relativePath, Location.INSIDE, "");
  }

  /** An {@code OUTSIDE} result. */
  public static NormalizedPath outside(String raw, String absolutePath) {
    return new NormalizedPath(raw, absolutePath, Location.OUTSIDE, "");
  }

  /** An {@code INVALID} result. */
  public static NormalizedPath invalid(String raw, String problem) {
    return new NormalizedPath(raw, "", Location.INVALID, problem);
  }

  /** Whether the location is {@link Location#INSIDE}. */
  public boolean isInside() {
    return location == Location.INSIDE;
  }

  /** Whether the location is {@link Location#OUTSIDE}. */
  public boolean isOutside() {
    return location == Location.OUTSIDE;
  }

  /** Whether the location is {@link Location#INVALID}. */
  public boolean isInvalid() {
    return location == Location.INVALID;
  }
}
