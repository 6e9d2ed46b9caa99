package dev.agentlane.benchmarks.peers;

import java.util.List;
import java.util.StringJoiner;

/**
 * {@link PeerPolicy}'s segment globs as one regular expression per glob list, for engines that match with
 * regular expressions (SAPL's {@code =~}, Rego's {@code regex.match}). Both forms are built from
 * {@link ReferencePeer#regexOf}, so they cannot drift from the oracle's glob translation. Stateless.
 */
final class PeerGlobRegex {

  private static final String HEAD = "(^|/)";
  private static final String ANCHORED = "^/?";
  private static final String TAIL = "(/|$)";

  private PeerGlobRegex() {}

  /**
   * For Java's {@code Pattern.matches} (whole input, as SAPL's {@code =~} does): true exactly when
   * {@code Pattern.compile(ReferencePeer.regexOf(g)).matcher(path).find()} holds for some glob. The
   * oracle's own expressions are joined, wrapped in {@code (?s).*….*} to turn a whole-input match into a
   * search, so every quirk of Java's anchors carries over unchanged.
   */
  static String javaWholeMatch(List<String> globs) {
    StringJoiner alternatives = new StringJoiner("|", "(?s).*(?:", ").*");
    for (String g : globs) {
      alternatives.add(ReferencePeer.regexOf(g));
    }
    return alternatives.toString();
  }

  /**
   * For RE2 searches (Rego's {@code regex.match}): the same language as the oracle's expressions, written
   * with constructs that RE2 and Java read alike ({@code \A}, {@code \z}, {@code \x{…}}), so a test can
   * check it with Java's engine. Java's {@code $} (no flags) also matches before one final line
   * terminator ({@code \r\n}, {@code \n}, {@code \r}, U+0085, U+2028, U+2029), RE2's does not; the tail
   * spells that out.
   */
  static String re2Search(List<String> globs) {
    StringJoiner alternatives = new StringJoiner("|", "(?:", ")");
    for (String g : globs) {
      alternatives.add(re2Body(g));
    }
    return alternatives + "(?:/|(?:\\r\\n|[\\n\\r\\x{85}\\x{2028}\\x{2029}])?\\z)";
  }

  /** One glob without the shared tail: a segment glob may start after any {@code /}; one with a {@code /} inside is anchored at the root. */
  private static String re2Body(String glob) {
    String regex = ReferencePeer.regexOf(glob);
    if (!regex.endsWith(TAIL)) {
      throw new IllegalStateException("ReferencePeer.regexOf no longer ends with " + TAIL + ": " + regex
          + " (update PeerGlobRegex.re2Search)");
    }
    String inner = regex.substring(0, regex.length() - TAIL.length());
    if (inner.startsWith(HEAD)) {
      return "(?:\\A|/)" + inner.substring(HEAD.length());
    }
    if (inner.startsWith(ANCHORED)) {
      return "\\A/?" + inner.substring(ANCHORED.length());
    }
    throw new IllegalStateException("ReferencePeer.regexOf no longer starts with " + HEAD + " or " + ANCHORED
        + ": " + regex + " (update PeerGlobRegex.re2Search)");
  }
}
