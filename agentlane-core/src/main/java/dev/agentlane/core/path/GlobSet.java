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
  private final String[][] literalArrays;
  private final String[][] suffixArrays;
  private final String[][] prefixArrays;
  /** Everything else, matched glob by glob. */
  private final List<Glob> general;
  /** The literal leading directories of anchored globs ({@code .github/workflows} of {@code .github/workflows/}). */
  private final List<String> anchoredPrefixes;
  private final List<Boolean> anchoredFold;

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
    this.literalArrays = new String[][] {literals[0].toArray(new String[0]), literals[1].toArray(new String[0])};
    this.suffixArrays = new String[][] {suffixes[0].toArray(new String[0]), suffixes[1].toArray(new String[0])};
    this.prefixArrays = new String[][] {this.prefixes[0].toArray(new String[0]), this.prefixes[1].toArray(new String[0])};
    List<String> prefixes = new ArrayList<>();
    List<Boolean> folds = new ArrayList<>();
    for (Glob g : globs) {
      String prefix = literalAnchoredPrefix(g.pattern());
      if (prefix != null) {
        prefixes.add(g.caseInsensitive() ? prefix.toLowerCase(Locale.ROOT) : prefix);
        folds.add(g.caseInsensitive());
      }
    }
    this.anchoredPrefixes = List.copyOf(prefixes);
    this.anchoredFold = List.copyOf(folds);
  }

  /** The literal directories an anchored pattern starts with, or {@code null}. */
  private static @Nullable String literalAnchoredPrefix(String pattern) {
    String p = pattern.startsWith("/") ? pattern.substring(1) : pattern;
    if (p.startsWith("~")) {
      return null;
    }
    String body = p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    if (body.indexOf('/') < 0) {
      return null;
    }
    StringBuilder prefix = new StringBuilder();
    for (String segment : body.split("/")) {
      if (!plain(segment)) {
        break;
      }
      if (prefix.length() > 0) {
        prefix.append('/');
      }
      prefix.append(segment);
    }
    return prefix.length() == 0 ? null : prefix.toString();
  }

  /**
   * Whether {@code text}, read as a wildcard pattern ({@code .e*}, {@code .e?v}, {@code **}/{@code *.pe[m]},
   * {@code ./secret?/*}), can select a name that a single-segment glob of this set protects ({@code .env},
   * {@code x.pem}, {@code id_rsa1}, the directory {@code secrets}) in any of its segments. For words that a
   * program expands as patterns ({@code find -name '.e*'}, {@code find -path './secret?/*'},
   * {@code grep --include='.e*'}). Text without {@code *}, {@code ?}, {@code [} or {@code {} never matches here.
   */
  public boolean wildcardMayMatch(String text) {
    if (text.indexOf('*') < 0 && text.indexOf('?') < 0 && text.indexOf('[') < 0 && text.indexOf('{') < 0) {
      return false;
    }
    for (String segment : text.split("/", -1)) {
      if (segmentMayMatch(segment)) {
        return true;
      }
    }
    return false;
  }

  private boolean segmentMayMatch(String segment) {
    if (segment.isEmpty() || segment.equals("*") || segment.equals("**")
        || (segment.indexOf('*') < 0 && segment.indexOf('?') < 0 && segment.indexOf('[') < 0
            && segment.indexOf('{') < 0)) {
      return false; // a bare star names everything and so says nothing; a literal segment is matched as a path
    }
    Glob pattern;
    try {
      pattern = Glob.compile(segment, true);
    } catch (InvalidGlobException e) {
      return false;
    }
    for (int mode = 0; mode < 2; mode++) {
      for (String name : literals[mode]) {
        if (pattern.matches(name)) {
          return true;
        }
      }
      for (String suffix : suffixes[mode]) {
        if (pattern.matches("x" + suffix)) {
          return true;
        }
      }
      for (String prefix : prefixes[mode]) {
        if (pattern.matches(prefix) || pattern.matches(prefix + "x")) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether a change to the directory {@code dir} (a workspace-relative path) may change paths some
   * glob matches below it: true for the workspace root, and for a directory that an anchored
   * pattern's literal leading directories lie below ({@code .github} for {@code .github/workflows/}).
   * A recursive delete or move of such a directory touches what the globs protect. Unanchored
   * patterns ({@code .env}) can match below any directory and are not counted, except at the root.
   */
  public boolean mayMatchBelow(String dir) {
    Objects.requireNonNull(dir, "dir");
    if (globs.isEmpty()) {
      return false;
    }
    if (dir.isEmpty()) {
      return true;
    }
    String folded = null;
    for (int i = 0; i < anchoredPrefixes.size(); i++) {
      String d = dir;
      if (anchoredFold.get(i)) {
        if (folded == null) {
          folded = dir.toLowerCase(Locale.ROOT);
        }
        d = folded;
      }
      String prefix = anchoredPrefixes.get(i);
      if (prefix.length() > d.length() && prefix.startsWith(d) && prefix.charAt(d.length()) == '/') {
        return true;
      }
    }
    return false;
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
    String p = mode == 1 && needsFolding(path) ? path.toLowerCase(Locale.ROOT) : path;
    String[] lits = literalArrays[mode];
    String[] sufs = suffixArrays[mode];
    String[] pres = prefixArrays[mode];
    int start = 0;
    int n = p.length();
    while (start <= n) {
      int end = p.indexOf('/', start);
      if (end < 0) {
        end = n;
      }
      int len = end - start;
      if (len > 0) {
        for (String literal : lits) {
          if (literal.length() == len && p.regionMatches(start, literal, 0, len)) {
            return true;
          }
        }
        for (String suffix : sufs) {
          if (suffix.length() <= len && p.regionMatches(end - suffix.length(), suffix, 0, suffix.length())) {
            return true;
          }
        }
        for (String prefix : pres) {
          if (prefix.length() <= len && p.regionMatches(start, prefix, 0, prefix.length())) {
            return true;
          }
        }
      }
      start = end + 1;
    }
    return false;
  }

  /** Whether lower-casing could change {@code s}: it has an upper-case or a non-ASCII character. */
  private static boolean needsFolding(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c >= 'A' && c <= 'Z') || c >= 0x80) {
        return true;
      }
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
