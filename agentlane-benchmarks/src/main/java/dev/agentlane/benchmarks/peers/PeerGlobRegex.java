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
    StringJoiner bodies = new StringJoiner("|", "(?:\\A|/)(?:", ")");
    for (String g : globs) {
      bodies.add(body(g));
    }
    return bodies + "(?:/|(?:\\r\\n|[\\n\\r\\x{85}\\x{2028}\\x{2029}])?\\z)";
  }

  private static String body(String glob) {
    String regex = ReferencePeer.regexOf(glob);
    if (!regex.startsWith(HEAD) || !regex.endsWith(TAIL)) {
      throw new IllegalStateException("ReferencePeer.regexOf no longer has the form " + HEAD + "…" + TAIL
          + ": " + regex + " (update PeerGlobRegex.re2Search)");
    }
    return regex.substring(HEAD.length(), regex.length() - TAIL.length());
  }
}
