package dev.agentlane.core.path;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An ordered collection of {@link Glob}s matched with one call.
 *
 * <p>Immutable and thread-safe; arguments must not be {@code null} and results are never
 * {@code null}. The path is split once per case mode and then offered to every glob.
 */
public final class GlobSet {

  private final List<Glob> globs;
  /** Single-segment patterns answered by lookups on the path's segments, by case mode (0 exact, 1 folded). */
  private final Set<String>[] literals;
  private final List<String>[] suffixes;
  private final List<String>[] prefixes;
  private final boolean[] anyFast;
  /** Everything else, matched glob by glob. */
  private final List<Glob> general;

  @SuppressWarnings("unchecked")
  private GlobSet(List<Glob> globs) {
    this.globs = globs;
    this.literals = new Set[] {new HashSet<String>(), new HashSet<String>()};
    this.suffixes = new List[] {new ArrayList<String>(), new ArrayList<String>()};
    this.prefixes = new List[] {new ArrayList<String>(), new ArrayList<String>()};
    this.anyFast = new boolean[2];
    List<Glob> rest = new ArrayList<>();
    for (Glob g : globs) {
      if (!index(g)) {
        rest.add(g);
      }
    }
    this.general = List.copyOf(rest);
  }

  /**
   * Indexes a pattern of one segment with at most a leading or trailing {@code *} (such as
   * {@code .env}, {@code secrets/}, {@code *.pem}, {@code id_rsa*}). Such a pattern matches a path
   * exactly when one of the path's segments matches it (a match of the path or of an ancestor), so a
   * hash lookup or a prefix/suffix test per segment answers it. {@code GlobSetTest} checks that the
   * index agrees with {@link Glob#matches} on generated paths.
   */
  private boolean index(Glob g) {
    String p = g.pattern();
    if (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    if (p.isEmpty() || p.indexOf('/') >= 0 || p.startsWith("~")) {
      return false;
    }
    int mode = g.caseInsensitive() ? 1 : 0;
    if (g.caseInsensitive()) {
      p = p.toLowerCase(Locale.ROOT);
    }
    if (plain(p)) {
      literals[mode].add(p);
    } else if (p.length() > 1 && p.charAt(0) == '*' && plain(p.substring(1))) {
      suffixes[mode].add(p.substring(1));
    } else if (p.length() > 1 && p.charAt(p.length() - 1) == '*' && plain(p.substring(0, p.length() - 1))) {
      prefixes[mode].add(p.substring(0, p.length() - 1));
    } else {
      return false;
    }
    anyFast[mode] = true;
    return true;
  }

  private static boolean plain(String s) {
    for (int i = 0; i < s.length(); i++) {
      switch (s.charAt(i)) {
        case '*', '?', '[', ']', '{', '}', '\\', ',' -> {
          return false;
        }
        default -> { }
      }
    }
    return !s.isEmpty();
  }

  private boolean fastMatch(String path, int mode) {
    String p = mode == 1 ? path.toLowerCase(Locale.ROOT) : path;
    int start = 0;
    int n = p.length();
    while (start <= n) {
      int end = p.indexOf('/', start);
      if (end < 0) {
        end = n;
      }
      if (end > start) {
        String segment = p.substring(start, end);
        if (literals[mode].contains(segment)) {
          return true;
        }
        for (String suffix : suffixes[mode]) {
          if (segment.endsWith(suffix)) {
            return true;
          }
        }
        for (String prefix : prefixes[mode]) {
          if (segment.startsWith(prefix)) {
            return true;
          }
        }
      }
      start = end + 1;
    }
    return false;
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
    Objects.requireNonNull(path, "path");
    if ((anyFast[0] && fastMatch(path, 0)) || (anyFast[1] && fastMatch(path, 1))) {
      return true;
    }
    if (general.isEmpty()) {
      return false;
    }
    Split split = new Split(path);
    for (Glob glob : general) {
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
