package dev.agentlane.fuzz;

import java.util.function.Supplier;

/**
 * The checks fuzz targets make on every input.
 *
 * <p>Stateless; thread-safe.
 *
 * <p>A fuzz target runs tens of thousands of times a second, so these checks build their message only
 * when they fail (AssertJ, used by the plain tests, would build an assertion object per check). A
 * failure is an {@link AssertionError}, which Jazzer reports as a finding together with the input.
 */
final class Oracle {
  private Oracle() {}

  /** Fails with a message naming the input when {@code condition} is false. */
  static void check(boolean condition, String what, Object input) {
    if (!condition) {
      throw new AssertionError(what + "\n  input: " + quote(input));
    }
  }

  /** As {@link #check(boolean, String, Object)}, building the message only on failure. */
  static void check(boolean condition, Supplier<String> what, Object input) {
    if (!condition) {
      throw new AssertionError(what.get() + "\n  input: " + quote(input));
    }
  }

  /** Fails with {@code what}, the input and the unexpected exception as the cause. */
  static AssertionError unexpected(String what, Object input, Throwable cause) {
    return new AssertionError(what + "\n  input: " + quote(input), cause);
  }

  /** A Java-escaped rendering of a string, so that invisible characters show. */
  static String quote(Object input) {
    String s = String.valueOf(input);
    StringBuilder sb = new StringBuilder(Math.min(s.length(), 2000) + 2).append('"');
    for (int i = 0; i < s.length() && i < 2000; i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c >= 0x20 && c < 0x7F) {
        sb.append(c);
      } else {
        sb.append(String.format("\\u%04x", (int) c));
      }
    }
    if (s.length() > 2000) {
      sb.append("... (").append(s.length()).append(" chars)");
    }
    return sb.append('"').toString();
  }
}
