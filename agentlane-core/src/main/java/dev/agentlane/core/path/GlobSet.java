package dev.agentlane.core.path;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An ordered collection of {@link Glob}s matched with one call, in time that does not grow with the
 * number of globs for the shapes policies use.
 *
 * <p>Immutable and thread-safe; arguments must not be {@code null} and results are never
 * {@code null}.
 *
 * <h2>The index</h2>
 *
 * A path is scanned once, segment by segment, and each segment is looked up in hash tables (per case
 * mode: exact, and folded for case-insensitive globs):
 *
 * <ul>
 *   <li>patterns of one segment that are plain text ({@code .env}, {@code secrets/}), or plain text after
 *       a leading {@code *} ({@code *.pem}) or before a trailing {@code *} ({@code id_rsa*}), match exactly
 *       when a segment of the path equals the text, ends with it or starts with it: one lookup of the
 *       segment, and one lookup for each distinct suffix and prefix length, with hashes computed in one
 *       pass over the segment;
 *   <li>every other pattern whose alternatives each have a plain-text segment ({@code deploy/env-1/*.pem},
 *       {@code **}{@code /cred.json}, {@code /etc/**}) is a candidate only for paths that have a segment
 *       equal to it (the least common such segment of the set is chosen), and is then matched in full;
 *   <li>the others whose alternatives each have a segment that starts or ends with plain text
 *       ({@code docker-compose*.yml}, {@code id_*.pub}) are candidates only for paths with a segment
 *       that starts (ends) with that text, found in the prefix (suffix) tables, and are then matched in full;
 *   <li>the rest ({@code *}, {@code **}, {@code [ab]*}, {@code ?x?}) is matched glob by glob.
 * </ul>
 *
 * {@code GlobSetIndexTest} checks on generated sets and paths that the index answers exactly as
 * matching each glob would.
 */
public final class GlobSet {

  /** Receives the positions (in {@link #globs()}) of globs that match. */
  @FunctionalInterface
  public interface MatchSink {
    /** Called for a matching glob; may be called more than once for the same glob. */
    void match(int glob);
  }

  private final List<Glob> globs;
  /** Per case mode (0 exact, 1 folded). */
  private final Mode[] modes;
  /** Globs with no index entry, matched one by one. */
  private final int[] unindexed;
  /** Whether a candidate from the segment table must still be matched in full. */
  private final boolean[] fullMatch;
  /** Single-segment patterns by kind, for {@link #wildcardMayMatch}: per mode, the texts. */
  private final String[][] literalTexts;
  private final String[][] suffixTexts;
  private final String[][] prefixTexts;

  /** The tables of one case mode. */
  private static final class Mode {
    final boolean fold;
    /** A whole segment: single-segment literal patterns, and candidates keyed by a literal segment. */
    final SegmentTable<int[]> segments;
    final SegmentTable<int[]> suffixes;
    final SegmentTable<int[]> prefixes;
    /** Whether a suffix (prefix, whole-segment key) of that length exists; index = length. */
    final boolean[] suffixLengths;
    final boolean[] prefixLengths;
    final boolean[] segmentLengths;
    /** The first characters of prefixes and the last characters of suffixes (see {@link #has}). */
    final long[] prefixFirst;
    final long[] suffixLast;
    /** Directories that lie strictly above an anchored pattern's literal leading directories. */
    final SegmentTable<int[]> ancestors;
    final boolean any;

    Mode(boolean fold, Map<String, List<Integer>> segments, Map<String, List<Integer>> suffixes,
        Map<String, List<Integer>> prefixes, Map<String, List<Integer>> ancestors) {
      this.fold = fold;
      this.segments = table(segments);
      this.suffixes = table(suffixes);
      this.prefixes = table(prefixes);
      this.suffixLengths = lengths(suffixes);
      this.prefixLengths = lengths(prefixes);
      this.segmentLengths = lengths(segments);
      this.prefixFirst = chars(prefixes.keySet(), true);
      this.suffixLast = chars(suffixes.keySet(), false);
      this.ancestors = table(ancestors);
      this.any = !segments.isEmpty() || !suffixes.isEmpty() || !prefixes.isEmpty();
    }

    private static final SegmentTable<int[]> EMPTY = SegmentTable.<int[]>builder().build();

    private static SegmentTable<int[]> table(Map<String, List<Integer>> entries) {
      if (entries.isEmpty()) {
        return EMPTY;
      }
      SegmentTable.Builder<int[]> b = SegmentTable.builder();
      for (Map.Entry<String, List<Integer>> e : entries.entrySet()) {
        b.put(e.getKey(), distinct(e.getValue()));
      }
      return b.build();
    }

    private static int[] distinct(List<Integer> globs) {
      int[] out = new int[globs.size()];
      int n = 0;
      outer:
      for (int g : globs) {
        for (int i = 0; i < n; i++) {
          if (out[i] == g) {
            continue outer;
          }
        }
        out[n++] = g;
      }
      return n == out.length ? out : java.util.Arrays.copyOf(out, n);
    }

    /** A set of characters: bits for ASCII, and one bit (index 128) for every other character. */
    private static long[] chars(Set<String> keys, boolean first) {
      long[] bits = new long[3];
      for (String k : keys) {
        char c = first ? k.charAt(0) : k.charAt(k.length() - 1);
        int i = c < 128 ? c : 128;
        bits[i >> 6] |= 1L << (i & 63);
      }
      return bits;
    }

    static boolean has(long[] bits, char c) {
      int i = c < 128 ? c : 128;
      return (bits[i >> 6] & (1L << (i & 63))) != 0;
    }

    private static boolean[] lengths(Map<String, List<Integer>> entries) {
      int max = 0;
      for (String k : entries.keySet()) {
        max = Math.max(max, k.length());
      }
      boolean[] out = new boolean[entries.isEmpty() ? 0 : max + 1];
      for (String k : entries.keySet()) {
        out[k.length()] = true;
      }
      return out;
    }
  }

  private GlobSet(List<Glob> globs) {
    this.globs = globs;
    int n = globs.size();
    this.fullMatch = new boolean[n];
    List<Map<String, List<Integer>>> segments = List.of(new HashMap<>(), new HashMap<>());
    List<Map<String, List<Integer>>> suffixes = List.of(new HashMap<>(), new HashMap<>());
    List<Map<String, List<Integer>>> prefixes = List.of(new HashMap<>(), new HashMap<>());
    List<Map<String, List<Integer>>> ancestors = List.of(new HashMap<>(), new HashMap<>());
    List<Set<String>> literalTexts = List.of(new LinkedHashSet<>(), new LinkedHashSet<>());
    List<Set<String>> suffixTexts = List.of(new LinkedHashSet<>(), new LinkedHashSet<>());
    List<Set<String>> prefixTexts = List.of(new LinkedHashSet<>(), new LinkedHashSet<>());
    List<Integer> rest = new ArrayList<>();
    List<Integer> general = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Glob g = globs.get(i);
      int mode = g.caseInsensitive() ? 1 : 0;
      Glob.SimpleForm simple = g.simpleForm();
      if (simple == null) {
        general.add(i);
      } else {
        switch (simple.kind()) {
          case EQUALS -> add(segments.get(mode), simple.text(), i);
          case ENDS_WITH -> add(suffixes.get(mode), simple.text(), i);
          case STARTS_WITH -> add(prefixes.get(mode), simple.text(), i);
        }
      }
      // The single-segment patterns as written, for wildcardMayMatch.
      String p = g.pattern();
      if (p.endsWith("/")) {
        p = p.substring(0, p.length() - 1);
      }
      if (g.caseInsensitive()) {
        p = p.toLowerCase(Locale.ROOT);
      }
      if (!p.isEmpty() && p.indexOf('/') < 0 && !p.startsWith("~")) {
        if (plain(p)) {
          literalTexts.get(mode).add(p);
        } else if (p.length() > 1 && p.charAt(0) == '*' && plain(p.substring(1))) {
          suffixTexts.get(mode).add(p.substring(1));
        } else if (p.length() > 1 && p.charAt(p.length() - 1) == '*' && plain(p.substring(0, p.length() - 1))) {
          prefixTexts.get(mode).add(p.substring(0, p.length() - 1));
        }
      }
      String prefix = literalAnchoredPrefix(g.pattern());
      if (prefix != null) {
        String folded = g.caseInsensitive() ? prefix.toLowerCase(Locale.ROOT) : prefix;
        for (int slash = folded.indexOf('/'); slash > 0; slash = folded.indexOf('/', slash + 1)) {
          add(ancestors.get(mode), folded.substring(0, slash), i);
        }
      }
    }
    // Other globs: keyed by the least common literal segment of each alternative (across the set).
    Map<String, Integer> frequency = general.isEmpty() ? Map.of() : new HashMap<>();
    Map<Integer, List<List<String>>> literalsOf = new HashMap<>();
    for (int i : general) {
      List<List<String>> literals = globs.get(i).literalSegments();
      literalsOf.put(i, literals);
      for (List<String> alternative : literals) {
        for (String s : new LinkedHashSet<>(alternative)) {
          frequency.merge(modeKey(globs.get(i), s), 1, Integer::sum);
        }
      }
    }
    for (int i : general) {
      Glob g = globs.get(i);
      List<String> keys = new ArrayList<>();
      for (List<String> alternative : literalsOf.get(i)) {
        String best = null;
        for (String s : alternative) {
          if (!indexable(s)) {
            continue;
          }
          if (best == null || frequency.get(modeKey(g, s)) < frequency.get(modeKey(g, best))
              || (frequency.get(modeKey(g, s)).equals(frequency.get(modeKey(g, best))) && s.length() > best.length())) {
            best = s;
          }
        }
        if (best == null) {
          keys = null;
          break;
        }
        keys.add(best);
      }
      if (keys == null || keys.isEmpty()) {
        // No plain segment: a literal start or end of a segment ({@code docker-compose*.yml}) can key it.
        List<Glob.Affix> affixes = g.literalAffixes();
        if (affixes.isEmpty() || affixes.contains(null)) {
          rest.add(i);
        } else {
          fullMatch[i] = true;
          int m = g.caseInsensitive() ? 1 : 0;
          for (Glob.Affix a : affixes) {
            add(a.prefix() ? prefixes.get(m) : suffixes.get(m), a.text(), i);
          }
        }
      } else {
        fullMatch[i] = true;
        for (String k : keys) {
          add(segments.get(g.caseInsensitive() ? 1 : 0), k, i);
        }
      }
    }
    this.unindexed = rest.stream().mapToInt(Integer::intValue).toArray();
    this.modes = new Mode[2];
    for (int m = 0; m < 2; m++) {
      modes[m] = new Mode(m == 1, segments.get(m), suffixes.get(m), prefixes.get(m), ancestors.get(m));
    }
    this.literalTexts = new String[][] {arr(literalTexts.get(0)), arr(literalTexts.get(1))};
    this.suffixTexts = new String[][] {arr(suffixTexts.get(0)), arr(suffixTexts.get(1))};
    this.prefixTexts = new String[][] {arr(prefixTexts.get(0)), arr(prefixTexts.get(1))};
  }

  private static String[] arr(Set<String> s) {
    return s.toArray(new String[0]);
  }

  private static String modeKey(Glob g, String segment) {
    return (g.caseInsensitive() ? "1" : "0") + segment;
  }

  private static void add(Map<String, List<Integer>> map, String key, int glob) {
    map.computeIfAbsent(key, k -> new ArrayList<>()).add(glob);
  }

  /**
   * Whether a literal segment can serve as a key: not empty and free of surrogates (the table compares
   * characters, the glob code points; without surrogates they agree).
   */
  private static boolean indexable(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (Character.isSurrogate(s.charAt(i))) {
        return false;
      }
    }
    return true;
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

  private static boolean plain(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '*', '?', '[', ']', '{', '}', '\\', ',' -> {
          return false;
        }
        default -> {
          if (Character.isSurrogate(c)) {
            return false;
          }
        }
      }
    }
    return !s.isEmpty();
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
    return scan(path, null, isAscii(path));
  }

  /**
   * Reports every glob that matches the normalized path to {@code sink} (a glob possibly more than
   * once), in no particular order; see {@link Glob#matches(String)}.
   */
  public void forEachMatch(String path, MatchSink sink) {
    Objects.requireNonNull(path, "path");
    scan(path, Objects.requireNonNull(sink, "sink"), isAscii(path));
  }

  /**
   * {@link #forEachMatch}, unless the path has a wildcard character ({@link #hasWildcard}): then reports
   * nothing and returns true. One pass over the path decides both.
   */
  public boolean forEachMatchUnlessWildcard(String path, MatchSink sink) {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(sink, "sink");
    boolean ascii = true;
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '*' || c == '?' || c == '[' || c == '{') {
        return true;
      }
      ascii &= c < 0x80;
    }
    scan(path, sink, ascii);
    return false;
  }

  /**
   * The globs that match the normalized path, in set order; empty if none. Found through the index,
   * like {@link #forEachMatch} (a refusal names the glob that matched: with thousands of globs, looking
   * at each took most of a refused decision).
   */
  public List<Glob> matching(String path) {
    java.util.BitSet hits = new java.util.BitSet(globs.size());
    forEachMatch(path, hits::set);
    if (hits.isEmpty()) {
      return List.of();
    }
    List<Glob> out = new ArrayList<>(hits.cardinality());
    for (int g = hits.nextSetBit(0); g >= 0; g = hits.nextSetBit(g + 1)) {
      out.add(globs.get(g));
    }
    return List.copyOf(out);
  }

  /**
   * Looks the path up; with a {@code null} sink, stops at the first match and says whether there was
   * one; otherwise reports every match to the sink (and returns false).
   */
  private boolean scan(String path, @Nullable MatchSink sink, boolean ascii) {
    for (int m = 0; m < 2; m++) {
      Mode mode = modes[m];
      if (!mode.any) {
        continue;
      }
      String p = path;
      boolean foldAscii = false;
      if (mode.fold) {
        if (ascii) {
          foldAscii = true;
        } else {
          p = path.toLowerCase(Locale.ROOT);
        }
      }
      boolean[] prefixLengths = mode.prefixLengths;
      boolean[] suffixLengths = mode.suffixLengths;
      int n = p.length();
      int start = 0;
      while (start <= n) {
        int end = p.indexOf('/', start);
        if (end < 0) {
          end = n;
        }
        if (end > start) {
          // Cheap tests first: most segments have no key of their length, and start (end) with no
          // prefix's first (suffix's last) character, so most are never hashed.
          char first = p.charAt(start);
          char last = p.charAt(end - 1);
          if (foldAscii) {
            first = SegmentTable.foldAscii(first);
            last = SegmentTable.foldAscii(last);
          }
          int len = end - start;
          boolean prefix = prefixLengths.length > 0 && Mode.has(mode.prefixFirst, first);
          boolean whole = len < mode.segmentLengths.length && mode.segmentLengths[len];
          if (prefix || whole) {
            // Prefixes and the whole segment, with one forward pass.
            int h = 0;
            int to = whole ? end : Math.min(end, start + prefixLengths.length - 1);
            for (int i = start; i < to; i++) {
              char c = p.charAt(i);
              h = 31 * h + (foldAscii ? SegmentTable.foldAscii(c) : c);
              int l = i - start + 1;
              if (prefix && l < prefixLengths.length && prefixLengths[l]) {
                int[] hit = mode.prefixes.get(p, start, i + 1, h, foldAscii);
                if (hit != null && report(hit, sink, path)) {
                  return true;
                }
              }
            }
            int[] wholeHits = whole ? mode.segments.get(p, start, end, h, foldAscii) : null;
            if (wholeHits != null && report(wholeHits, sink, path)) {
              return true;
            }
          }
          if (suffixLengths.length > 0 && Mode.has(mode.suffixLast, last)) {
            // Suffixes with one backward pass.
            int sh = 0;
            int pow = 1;
            for (int i = end - 1; i >= start; i--) {
              int l = end - i;
              if (l >= suffixLengths.length) {
                break;
              }
              char c = p.charAt(i);
              sh += (foldAscii ? SegmentTable.foldAscii(c) : c) * pow;
              pow *= 31;
              if (suffixLengths[l]) {
                int[] hit = mode.suffixes.get(p, i, end, sh, foldAscii);
                if (hit != null && report(hit, sink, path)) {
                  return true;
                }
              }
            }
          }
        }
        start = end + 1;
      }
    }
    Split split = null; // one split of the path for all the globs matched one by one
    for (int g : unindexed) {
      if (split == null) {
        split = new Split(path);
      }
      Glob glob = globs.get(g);
      if (glob.matchesSegments(split.get(glob.caseInsensitive()))) {
        if (sink == null) {
          return true;
        }
        sink.match(g);
      }
    }
    return false;
  }

  /** Reports direct matches; true if there is no sink (the caller stops at the first match). */
  private boolean report(int[] hit, @Nullable MatchSink sink) {
    if (sink == null) {
      return true;
    }
    for (int g : hit) {
      sink.match(g);
    }
    return false;
  }

  /**
   * Reports the candidates of a table hit that match the path: simple forms directly, globs keyed by a
   * segment or an affix ({@link #fullMatch}) after matching them in full. True if there is no sink and one
   * matched.
   */
  private boolean report(int[] hit, @Nullable MatchSink sink, String path) {
    for (int g : hit) {
      if (fullMatch[g] && !globs.get(g).matches(path)) {
        continue;
      }
      if (sink == null) {
        return true;
      }
      sink.match(g);
    }
    return false;
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code text}, read as a wildcard pattern ({@code .e*}, {@code .e?v}, {@code **}/{@code *.pe[m]},
   * {@code ./secret?/*}), can select a name that a single-segment glob of this set protects ({@code .env},
   * {@code x.pem}, {@code id_rsa1}, the directory {@code secrets}) in any of its segments. For words that a
   * program expands as patterns ({@code find -name '.e*'}, {@code find -path './secret?/*'},
   * {@code grep --include='.e*'}). Text without {@code *}, {@code ?}, {@code [} or {@code {} never matches here.
   */
  public boolean wildcardMayMatch(String text) {
    if (!hasWildcard(text)) {
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
      for (String name : literalTexts[mode]) {
        if (pattern.matches(name)) {
          return true;
        }
      }
      for (String suffix : suffixTexts[mode]) {
        if (pattern.matches("x" + suffix)) {
          return true;
        }
      }
      for (String prefix : prefixTexts[mode]) {
        if (pattern.matches(prefix) || pattern.matches(prefix + "x")) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether {@link #wildcardMayMatch} could be true: the text has {@code *}, {@code ?}, {@code [} or <code>{</code>. */
  public static boolean hasWildcard(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '*' || c == '?' || c == '[' || c == '{') {
        return true;
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
    return below(dir, null);
  }

  /**
   * Reports to {@code sink} every glob for which {@link #mayMatchBelow} holds because of that glob:
   * all of them for the workspace root {@code ""}.
   */
  public void forEachBelow(String dir, MatchSink sink) {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(sink, "sink");
    if (dir.isEmpty()) {
      for (int g = 0; g < globs.size(); g++) {
        sink.match(g);
      }
      return;
    }
    below(dir, sink);
  }

  private boolean below(String dir, @Nullable MatchSink sink) {
    for (int m = 0; m < 2; m++) {
      Mode mode = modes[m];
      if (mode.ancestors.isEmpty()) {
        continue;
      }
      String d = dir;
      boolean foldAscii = false;
      if (mode.fold) {
        if (isAscii(dir)) {
          foldAscii = true;
        } else {
          d = dir.toLowerCase(Locale.ROOT);
        }
      }
      int h = 0;
      for (int i = 0; i < d.length(); i++) {
        char c = d.charAt(i);
        h = 31 * h + (foldAscii ? SegmentTable.foldAscii(c) : c);
      }
      int[] hit = mode.ancestors.get(d, 0, d.length(), h, foldAscii);
      if (hit != null && report(hit, sink)) {
        return true;
      }
    }
    return false;
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
