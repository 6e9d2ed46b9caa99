package dev.agentlane.core.path;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A compiled gitignore-like glob for matching {@link NormalizedPath#path() normalized paths}.
 *
 * <p>Immutable and thread-safe; arguments must not be {@code null}.
 *
 * <h2>Syntax</h2>
 *
 * <ul>
 *   <li>{@code *} matches any run of characters within one segment (including none, and including
 *       a leading dot: {@code *} matches {@code .env}).
 *   <li>{@code **} as a whole segment matches any number of whole segments, including zero;
 *       {@code **} inside a segment ({@code a**b}) is the same as {@code *}.
 *   <li>{@code ?} matches exactly one character (code point) within a segment.
 *   <li>{@code [abc]}, {@code [a-z]} match one character from the set; {@code [!x]} and
 *       {@code [^x]} match one character not in it; a {@code ]} right after {@code [} or
 *       {@code [!} is literal, and {@code \} escapes inside brackets.
 *   <li>{@code {a,b,c}} matches any of the alternatives, which may contain {@code /} and other
 *       syntax, and may nest ({@code {a,b{c,d}}}); at most 256 alternatives in total.
 *   <li>{@code \} makes the next character literal.
 * </ul>
 *
 * <h2>Anchoring and directories</h2>
 *
 * <ul>
 *   <li>A pattern with no {@code /} except a trailing one matches the last segment at any depth:
 *       {@code .env} matches {@code .env} and {@code app/.env}; {@code *.pem} matches
 *       {@code a/b/c.pem}.
 *   <li>A pattern with a {@code /} elsewhere is anchored at the start of the path; a leading
 *       {@code /} is optional for workspace paths: {@code src/*.java} and {@code /src/*.java} both
 *       match {@code src/A.java} but not {@code lib/src/A.java}.
 *   <li>Every pattern also matches everything below a path it matches, as in gitignore: {@code
 *       secrets} matches {@code secrets/prod/key}, {@code .git} matches {@code .git/config}. So a
 *       trailing {@code /} or {@code /**} only documents intent: {@code infra/}, {@code infra} and
 *       {@code infra/**} all match {@code infra/x/y.tf}. (Unlike gitignore, a trailing {@code /}
 *       cannot restrict the match to directories: the path alone does not say.)
 *   <li>{@link NormalizedPath.Location#OUTSIDE} paths are matched the same way against their
 *       absolute form, with one leading {@code /} of both pattern and path ignored: {@code
 *       /etc/**} matches {@code /etc/passwd}, {@code ~/.ssh} matches {@code ~/.ssh/id_rsa},
 *       {@code /C:/Windows} matches {@code /C:/Windows/System32}. The caller decides which rules
 *       apply to which location, since {@code /etc/**} would equally match the inside path
 *       {@code etc/passwd}.
 * </ul>
 *
 * <p>Invalid: the empty pattern (or one that is only {@code /}), unclosed {@code [} or {@code {},
 * unmatched {@code }}, a dangling {@code \}, reversed ranges ({@code [z-a]}), empty segments
 * ({@code a//b}), and {@code .} or {@code ..} segments, which never occur in normalized paths.
 *
 * <p>Matching never backtracks exponentially: a two-pointer wildcard algorithm is used at both the
 * segment level ({@code **}) and the character level ({@code *}), so a match costs at most
 * O(pattern length × path length) per alternative. With {@code caseInsensitive} both pattern and
 * path are lower-cased with {@link Locale#ROOT}.
 */
public final class Glob {

  private static final int MAX_ALTERNATIVES = 256;

  private final String pattern;
  private final boolean caseInsensitive;
  /** One entry per brace alternative; each is a sequence of segment matchers. */
  private final List<Segment[]> alternatives;

  private Glob(String pattern, boolean caseInsensitive, List<Segment[]> alternatives) {
    this.pattern = pattern;
    this.caseInsensitive = caseInsensitive;
    this.alternatives = alternatives;
  }

  /**
   * Compiles a pattern.
   *
   * @param pattern the glob, see the class javadoc
   * @param caseInsensitive whether to compare case-insensitively (with {@link Locale#ROOT} folding)
   * @throws InvalidGlobException if the pattern is malformed
   */
  public static Glob compile(String pattern, boolean caseInsensitive) throws InvalidGlobException {
    Objects.requireNonNull(pattern, "pattern");
    String source = caseInsensitive ? pattern.toLowerCase(Locale.ROOT) : pattern;
    if (source.isEmpty()) {
      throw new InvalidGlobException(pattern, 0, "empty pattern");
    }
    List<Token> tokens = new Tokenizer(pattern, source).tokenize();
    List<List<Token>> expanded = new ArrayList<>();
    expandBraces(pattern, tokens, expanded);
    List<Segment[]> alternatives = new ArrayList<>(expanded.size());
    for (List<Token> alternative : expanded) {
      alternatives.add(compileAlternative(pattern, alternative));
    }
    return new Glob(pattern, caseInsensitive, List.copyOf(alternatives));
  }

  /** The pattern as given to {@link #compile}. */
  public String pattern() {
    return pattern;
  }

  /** Whether matching is case-insensitive. */
  public boolean caseInsensitive() {
    return caseInsensitive;
  }

  /**
   * Whether the pattern matches a normalized path or one of its ancestors.
   *
   * @param normalizedPath a {@link NormalizedPath#path()}: workspace-relative for inside paths,
   *     absolute for outside paths; {@code ""} is the workspace root
   */
  public boolean matches(String normalizedPath) {
    return matchesSegments(split(normalizedPath, caseInsensitive));
  }

  /** Matching on a path already split by {@link #split}. */
  boolean matchesSegments(int[][] segments) {
    for (Segment[] alternative : alternatives) {
      if (matchPath(alternative, segments)) {
        return true;
      }
    }
    return false;
  }

  /** How a glob of the simplest shape matches one segment at any depth; see {@link #simpleForm()}. */
  enum SimpleKind {
    /** The segment equals the text. */
    EQUALS,
    /** The segment ends with the text ({@code *.pem}). */
    ENDS_WITH,
    /** The segment starts with the text ({@code id_rsa*}). */
    STARTS_WITH
  }

  /** A glob that matches a path exactly when one of its segments equals, ends with or starts with text. */
  record SimpleForm(SimpleKind kind, String text) {}

  /**
   * The simple form of this glob, or {@code null}: a glob of one alternative that is one segment at any
   * depth ({@code .env}, {@code secrets/}, {@code **}{@code /*.pem}, {@code id_rsa*}) whose segment is
   * plain text, or a {@code *} then plain text, or plain text then a {@code *}. Such a glob matches a
   * path (or an ancestor) exactly when some segment of the path equals, ends with, or starts with the
   * text (lower-cased if the glob is case-insensitive). Text with surrogate characters has no simple form.
   */
  @Nullable SimpleForm simpleForm() {
    if (alternatives.size() != 1) {
      return null;
    }
    Segment[] a = alternatives.get(0);
    if (a.length != 3 || !a[0].globstar || a[1].globstar || !a[2].globstar) {
      return null;
    }
    Token[] tokens = a[1].tokens;
    int from = 0;
    int to = tokens.length;
    SimpleKind kind = SimpleKind.EQUALS;
    if (tokens.length > 1 && tokens[0].kind == Kind.STAR) {
      kind = SimpleKind.ENDS_WITH;
      from = 1;
    } else if (tokens.length > 1 && tokens[tokens.length - 1].kind == Kind.STAR) {
      kind = SimpleKind.STARTS_WITH;
      to = tokens.length - 1;
    }
    StringBuilder text = new StringBuilder();
    for (int i = from; i < to; i++) {
      if (tokens[i].kind != Kind.LITERAL || Character.isSupplementaryCodePoint(tokens[i].codePoint)
          || Character.isSurrogate((char) tokens[i].codePoint)) {
        return null;
      }
      text.appendCodePoint(tokens[i].codePoint);
    }
    return text.length() == 0 ? null : new SimpleForm(kind, text.toString());
  }

  /**
   * For each brace alternative, the segments of the pattern that are plain text (no wildcard, class or
   * globstar), lower-cased if the glob is case-insensitive. Every segment of an alternative matches
   * exactly one segment of a path it matches, so a path can match that alternative only if the path
   * has a segment equal to each of these; {@link GlobSet} indexes globs by one of them.
   */
  List<List<String>> literalSegments() {
    List<List<String>> out = new ArrayList<>(alternatives.size());
    for (Segment[] alternative : alternatives) {
      List<String> literals = new ArrayList<>();
      for (Segment s : alternative) {
        if (s.globstar || s.tokens.length == 0) {
          continue;
        }
        StringBuilder text = new StringBuilder();
        for (Token t : s.tokens) {
          if (t.kind != Kind.LITERAL) {
            text = null;
            break;
          }
          text.appendCodePoint(t.codePoint);
        }
        if (text != null) {
          literals.add(text.toString());
        }
      }
      out.add(List.copyOf(literals));
    }
    return List.copyOf(out);
  }

  /**
   * A literal text that a segment of every path matching one alternative starts ({@code prefix}) or
   * ends with: the plain characters before the first wildcard ({@code docker-compose} of
   * {@code docker-compose*.yml}) or after the last one.
   */
  record Affix(boolean prefix, String text) {}

  /**
   * For each brace alternative, the longest literal {@link Affix} of any of its segments, or a
   * {@code null} element if the alternative has none. Lower-cased if the glob is case-insensitive; text
   * with surrogate characters is never used. {@link GlobSet} indexes globs that have no plain-text
   * segment by these, and matches the candidates in full.
   */
  List<@Nullable Affix> literalAffixes() {
    List<@Nullable Affix> out = new ArrayList<>(alternatives.size());
    for (Segment[] alternative : alternatives) {
      Affix best = null;
      for (Segment s : alternative) {
        if (s.globstar) {
          continue;
        }
        Token[] t = s.tokens;
        int lead = 0;
        while (lead < t.length && plainLiteral(t[lead])) {
          lead++;
        }
        int trail = 0;
        while (trail < t.length && plainLiteral(t[t.length - 1 - trail])) {
          trail++;
        }
        if (lead == t.length) {
          continue; // a plain segment: literalSegments() has it
        }
        if (lead > 0 && (best == null || lead > best.text().length())) {
          best = new Affix(true, text(t, 0, lead));
        }
        if (trail > 0 && (best == null || trail > best.text().length())) {
          best = new Affix(false, text(t, t.length - trail, t.length));
        }
      }
      out.add(best);
    }
    return out;
  }

  private static boolean plainLiteral(Token t) {
    return t.kind == Kind.LITERAL && !Character.isSupplementaryCodePoint(t.codePoint)
        && !Character.isSurrogate((char) t.codePoint);
  }

  private static String text(Token[] tokens, int from, int to) {
    StringBuilder b = new StringBuilder(to - from);
    for (int i = from; i < to; i++) {
      b.append((char) tokens[i].codePoint);
    }
    return b.toString();
  }

  /** Splits a normalized path into code-point segments; one leading and trailing '/' ignored. */
  static int[][] split(String path, boolean fold) {
    String p = fold ? path.toLowerCase(Locale.ROOT) : path;
    if (p.startsWith("/")) {
      p = p.substring(1);
    }
    if (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    if (p.isEmpty()) {
      return new int[0][];
    }
    int count = 1;
    for (int i = 0; i < p.length(); i++) {
      if (p.charAt(i) == '/') {
        count++;
      }
    }
    int[][] out = new int[count][];
    int start = 0;
    for (int k = 0; k < count; k++) {
      int end = p.indexOf('/', start);
      if (end < 0) {
        end = p.length();
      }
      out[k] = codePoints(p, start, end);
      start = end + 1;
    }
    return out;
  }

  /** The code points of {@code s[from, to)}; one int per char unless there are surrogate pairs. */
  private static int[] codePoints(String s, int from, int to) {
    int[] out = new int[to - from];
    int n = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
        out[n++] = Character.toCodePoint(c, s.charAt(++i));
      } else {
        out[n++] = c;
      }
    }
    return n == out.length ? out : Arrays.copyOf(out, n);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Glob g && g.pattern.equals(pattern) && g.caseInsensitive == caseInsensitive;
  }

  @Override
  public int hashCode() {
    return pattern.hashCode() * 31 + Boolean.hashCode(caseInsensitive);
  }

  @Override
  public String toString() {
    return pattern;
  }

  // ---------------------------------------------------------------------------------------------
  // Matching

  /** Two-pointer wildcard match where GLOBSTAR is the star and each segment is one "char". */
  private static boolean matchPath(Segment[] pattern, int[][] path) {
    int pi = 0;
    int si = 0;
    int starP = -1;
    int starS = 0;
    while (si < path.length) {
      if (pi < pattern.length && pattern[pi].globstar) {
        starP = pi++;
        starS = si;
      } else if (pi < pattern.length && matchSegment(pattern[pi].tokens, path[si])) {
        pi++;
        si++;
      } else if (starP >= 0) {
        pi = starP + 1;
        si = ++starS;
      } else {
        return false;
      }
    }
    while (pi < pattern.length && pattern[pi].globstar) {
      pi++;
    }
    return pi == pattern.length;
  }

  /** Two-pointer wildcard match of one segment; every non-star token matches one code point. */
  private static boolean matchSegment(Token[] pattern, int[] text) {
    int pi = 0;
    int ti = 0;
    int starP = -1;
    int starT = 0;
    while (ti < text.length) {
      if (pi < pattern.length && pattern[pi].kind == Kind.STAR) {
        starP = pi++;
        starT = ti;
      } else if (pi < pattern.length && pattern[pi].matches(text[ti])) {
        pi++;
        ti++;
      } else if (starP >= 0) {
        pi = starP + 1;
        ti = ++starT;
      } else {
        return false;
      }
    }
    while (pi < pattern.length && pattern[pi].kind == Kind.STAR) {
      pi++;
    }
    return pi == pattern.length;
  }

  // ---------------------------------------------------------------------------------------------
  // Compilation

  private enum Kind {
    LITERAL,
    ANY,
    STAR,
    CLASS,
    SLASH,
    OPEN,
    COMMA,
    CLOSE
  }

  /** A lexical token; {@code index} is its position in the pattern, for error messages. */
  private record Token(Kind kind, int index, int codePoint, boolean negated, int[] ranges) {

    static Token of(Kind kind, int index) {
      return new Token(kind, index, -1, false, new int[0]);
    }

    static Token literal(int index, int codePoint) {
      return new Token(Kind.LITERAL, index, codePoint, false, new int[0]);
    }

    boolean matches(int c) {
      return switch (kind) {
        case LITERAL -> c == codePoint;
        case ANY -> true;
        case CLASS -> inRanges(c) != negated;
        default -> false;
      };
    }

    private boolean inRanges(int c) {
      for (int i = 0; i < ranges.length; i += 2) {
        if (c >= ranges[i] && c <= ranges[i + 1]) {
          return true;
        }
      }
      return false;
    }
  }

  /** One pattern segment: either a globstar or a sequence of within-segment tokens. */
  private record Segment(boolean globstar, Token[] tokens) {}

  private static final Segment GLOBSTAR = new Segment(true, new Token[0]);

  /** Turns the (possibly lower-cased) source into tokens, validating brackets and braces. */
  private static final class Tokenizer {
    private final String pattern;
    private final String source;
    private int pos;

    Tokenizer(String pattern, String source) {
      this.pattern = pattern;
      this.source = source;
    }

    List<Token> tokenize() throws InvalidGlobException {
      List<Token> tokens = new ArrayList<>();
      List<Integer> openBraces = new ArrayList<>();
      while (pos < source.length()) {
        int start = pos;
        int c = source.codePointAt(pos);
        pos += Character.charCount(c);
        switch (c) {
          case '\\' -> tokens.add(Token.literal(start, escaped(start)));
          case '*' -> tokens.add(Token.of(Kind.STAR, start));
          case '?' -> tokens.add(Token.of(Kind.ANY, start));
          case '/' -> tokens.add(Token.of(Kind.SLASH, start));
          case '[' -> tokens.add(bracket(start));
          case '{' -> {
            openBraces.add(start);
            tokens.add(Token.of(Kind.OPEN, start));
          }
          case '}' -> {
            if (openBraces.isEmpty()) {
              throw new InvalidGlobException(pattern, start, "unmatched '}'");
            }
            openBraces.remove(openBraces.size() - 1);
            tokens.add(Token.of(Kind.CLOSE, start));
          }
          case ',' ->
              tokens.add(
                  openBraces.isEmpty() ? Token.literal(start, c) : Token.of(Kind.COMMA, start));
          default -> tokens.add(Token.literal(start, c));
        }
      }
      if (!openBraces.isEmpty()) {
        int unclosed = openBraces.get(openBraces.size() - 1);
        throw new InvalidGlobException(pattern, unclosed, "unclosed '{'");
      }
      return tokens;
    }

    private int escaped(int backslash) throws InvalidGlobException {
      if (pos >= source.length()) {
        throw new InvalidGlobException(pattern, backslash, "dangling '\\'");
      }
      int c = source.codePointAt(pos);
      pos += Character.charCount(c);
      return c;
    }

    private Token bracket(int open) throws InvalidGlobException {
      boolean negated = false;
      if (pos < source.length() && (source.charAt(pos) == '!' || source.charAt(pos) == '^')) {
        negated = true;
        pos++;
      }
      List<Integer> ranges = new ArrayList<>();
      boolean first = true;
      while (true) {
        if (pos >= source.length()) {
          throw new InvalidGlobException(pattern, open, "unclosed '['");
        }
        int at = pos;
        int c = source.codePointAt(pos);
        pos += Character.charCount(c);
        if (c == ']' && !first) {
          break;
        }
        first = false;
        if (c == '/') {
          throw new InvalidGlobException(pattern, at, "'/' inside '[...]'");
        }
        if (c == '\\') {
          c = escaped(at);
        }
        int low = c;
        int high = c;
        boolean range =
            pos + 1 < source.length() && source.charAt(pos) == '-' && source.charAt(pos + 1) != ']';
        if (range) {
          pos++;
          int rangeAt = pos;
          high = source.codePointAt(pos);
          pos += Character.charCount(high);
          if (high == '\\') {
            high = escaped(rangeAt);
          }
          if (high < low) {
            throw new InvalidGlobException(pattern, at, "reversed range in '[...]'");
          }
        }
        ranges.add(low);
        ranges.add(high);
      }
      int[] r = ranges.stream().mapToInt(Integer::intValue).toArray();
      return new Token(Kind.CLASS, open, -1, negated, r);
    }
  }

  /** Expands the first top-level brace group recursively, appending results to {@code out}. */
  private static void expandBraces(String pattern, List<Token> tokens, List<List<Token>> out)
      throws InvalidGlobException {
    int open = -1;
    for (int i = 0; i < tokens.size(); i++) {
      if (tokens.get(i).kind == Kind.OPEN) {
        open = i;
        break;
      }
    }
    if (open < 0) {
      if (out.size() >= MAX_ALTERNATIVES) {
        throw new InvalidGlobException(
            pattern, 0, "more than " + MAX_ALTERNATIVES + " alternatives after expanding '{...}'");
      }
      out.add(tokens);
      return;
    }
    List<List<Token>> choices = new ArrayList<>();
    List<Token> current = new ArrayList<>();
    int depth = 0;
    int close = -1;
    for (int i = open + 1; i < tokens.size() && close < 0; i++) {
      Token t = tokens.get(i);
      if (t.kind == Kind.OPEN) {
        depth++;
      } else if (t.kind == Kind.CLOSE && depth > 0) {
        depth--;
      } else if (t.kind == Kind.CLOSE) {
        close = i;
        choices.add(current);
        continue;
      } else if (t.kind == Kind.COMMA && depth == 0) {
        choices.add(current);
        current = new ArrayList<>();
        continue;
      }
      current.add(t);
    }
    // The tokenizer guarantees balance, so close >= 0 here.
    List<Token> prefix = tokens.subList(0, open);
    List<Token> suffix = tokens.subList(close + 1, tokens.size());
    for (List<Token> choice : choices) {
      List<Token> joined = new ArrayList<>(prefix.size() + choice.size() + suffix.size());
      joined.addAll(prefix);
      joined.addAll(choice);
      joined.addAll(suffix);
      expandBraces(pattern, joined, out);
    }
  }

  /** Splits a brace-free alternative into segments; applies anchoring and the ancestor rule. */
  private static Segment[] compileAlternative(String pattern, List<Token> tokens)
      throws InvalidGlobException {
    int errorIndex = tokens.isEmpty() ? 0 : tokens.get(0).index;
    List<List<Token>> segments = new ArrayList<>();
    List<Token> current = new ArrayList<>();
    for (Token t : tokens) {
      if (t.kind == Kind.SLASH) {
        segments.add(current);
        current = new ArrayList<>();
      } else {
        current.add(t);
      }
    }
    segments.add(current);
    boolean leadingSlash = !tokens.isEmpty() && tokens.get(0).kind == Kind.SLASH;
    boolean home =
        tokens.size() > 1
            && tokens.get(0).kind == Kind.LITERAL
            && tokens.get(0).codePoint == '~'
            && tokens.get(1).kind == Kind.SLASH;
    if (leadingSlash) {
      segments.remove(0); // the optional leading '/'
    }
    if (segments.size() > 1 && segments.get(segments.size() - 1).isEmpty()) {
      segments.remove(segments.size() - 1); // trailing '/': a directory, same as without
    }
    boolean anchored = leadingSlash || home || segments.size() > 1;
    if (segments.size() == 1 && segments.get(0).isEmpty()) {
      throw new InvalidGlobException(pattern, errorIndex, "empty pattern");
    }
    List<Segment> out = new ArrayList<>();
    if (!anchored) {
      out.add(GLOBSTAR);
    }
    for (int i = 0; i < segments.size(); i++) {
      List<Token> segment = segments.get(i);
      if (segment.isEmpty() && i > 0) {
        throw new InvalidGlobException(pattern, errorIndex, "empty segment ('//')");
      }
      if (isDotSegment(segment)) {
        throw new InvalidGlobException(
            pattern, segment.get(0).index, "'.' and '..' segments never match a normalized path");
      }
      Segment compiled = compileSegment(segment);
      if (!(compiled.globstar && !out.isEmpty() && out.get(out.size() - 1).globstar)) {
        out.add(compiled);
      }
    }
    if (!out.get(out.size() - 1).globstar) {
      out.add(GLOBSTAR); // a match also covers everything below it
    }
    return out.toArray(new Segment[0]);
  }

  private static boolean isDotSegment(List<Token> segment) {
    if (segment.isEmpty() || segment.size() > 2) {
      return false;
    }
    for (Token t : segment) {
      if (t.kind != Kind.LITERAL || t.codePoint != '.') {
        return false;
      }
    }
    return true;
  }

  private static Segment compileSegment(List<Token> segment) {
    if (segment.size() == 2
        && segment.get(0).kind == Kind.STAR
        && segment.get(1).kind == Kind.STAR) {
      return GLOBSTAR;
    }
    List<Token> tokens = new ArrayList<>(segment.size());
    for (Token t : segment) {
      boolean repeatedStar =
          t.kind == Kind.STAR
              && !tokens.isEmpty()
              && tokens.get(tokens.size() - 1).kind == Kind.STAR;
      if (!repeatedStar) {
        tokens.add(t);
      }
    }
    return new Segment(false, tokens.toArray(new Token[0]));
  }
}
