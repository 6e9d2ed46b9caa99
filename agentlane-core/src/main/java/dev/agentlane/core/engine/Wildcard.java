package dev.agentlane.core.engine;

import java.util.Objects;

/**
 * A wildcard pattern over plain text (command arguments, catalogue argument values, whole command
 * lines): {@code *} matches any run of characters, including none, {@code ?} matches one character,
 * and {@code \} escapes the next character. Unlike path globs, no character is a separator.
 *
 * <p>Immutable, thread-safe. Matching is iterative with single-star backtracking: O(n·m) in the worst
 * case, with no recursion and no regular expressions.
 */
final class Wildcard {
  private final String pattern;
  private final char[] tokens;
  private final boolean[] literal;

  private Wildcard(String pattern, char[] tokens, boolean[] literal) {
    this.pattern = pattern;
    this.tokens = tokens;
    this.literal = literal;
  }

  /**
   * Compiles a pattern.
   *
   * @throws IllegalArgumentException if it ends with a dangling escape
   */
  static Wildcard compile(String pattern) {
    Objects.requireNonNull(pattern, "pattern");
    char[] tokens = new char[pattern.length()];
    boolean[] literal = new boolean[pattern.length()];
    int n = 0;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\') {
        if (i + 1 == pattern.length()) {
          throw new IllegalArgumentException("dangling escape at index " + i);
        }
        tokens[n] = pattern.charAt(++i);
        literal[n++] = true;
      } else {
        tokens[n] = c;
        literal[n++] = c != '*' && c != '?';
      }
    }
    return new Wildcard(pattern, java.util.Arrays.copyOf(tokens, n), java.util.Arrays.copyOf(literal, n));
  }

  String pattern() {
    return pattern;
  }

  /** The text this pattern matches if it has no wildcard (escapes resolved), else {@code null}. */
  @org.jspecify.annotations.Nullable String literal() {
    for (boolean l : literal) {
      if (!l) {
        return null;
      }
    }
    return new String(tokens);
  }

  boolean matches(String text) {
    int t = 0;
    int p = 0;
    int star = -1;
    int mark = 0;
    while (t < text.length()) {
      if (p < tokens.length && !isStar(p) && (!literal[p] || tokens[p] == text.charAt(t))) {
        t++;
        p++;
      } else if (p < tokens.length && isStar(p)) {
        star = p++;
        mark = t;
      } else if (star >= 0) {
        p = star + 1;
        t = ++mark;
      } else {
        return false;
      }
    }
    while (p < tokens.length && isStar(p)) {
      p++;
    }
    return p == tokens.length;
  }

  private boolean isStar(int p) {
    return !literal[p] && tokens[p] == '*';
  }

  @Override
  public String toString() {
    return pattern;
  }
}
