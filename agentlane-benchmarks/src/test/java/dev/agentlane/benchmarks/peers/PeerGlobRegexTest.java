package dev.agentlane.benchmarks.peers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentlane.testkit.gen.Property;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class PeerGlobRegexTest {

  private static final List<List<String>> GLOB_LISTS = List.of(PeerPolicy.SECRET_GLOBS, PeerPolicy.PROTECTED_GLOBS);

  @Test
  void bothFormsMatchExactlyTheOraclesPathsOnGeneratedPaths() {
    PeerRequestGen gen = new PeerRequestGen();
    Property.forAll(source -> {
      PeerRequest r = gen.generate(source);
      return Stream.concat(r.readPaths().stream(), r.writePaths().stream()).toList();
    }).cases(3_000).check(paths -> paths.forEach(PeerGlobRegexTest::assertSameAsOracle));
  }

  @Test
  void bothFormsMatchExactlyTheOraclesPathsOnCornerPaths() {
    for (String path : PeerRequestGen.CORNER_PATHS) {
      assertSameAsOracle(path);
      for (String ending : PeerRequestGen.LINE_ENDINGS) {
        assertSameAsOracle(path + ending);
      }
    }
  }

  @Test
  void theRe2FormUsesNoJavaOnlySyntax() {
    for (List<String> globs : GLOB_LISTS) {
      String re2 = PeerGlobRegex.re2Search(globs);
      // Anchors differ between the engines (Java's $ also matches before a final line terminator): only \A
      // and \z, which mean the same in both. \Q...\E and look-around do not exist in RE2.
      assertThat(re2).doesNotContain("\\Q", "(?<", "(?=", "(?!", "$").doesNotContainPattern("(?<!\\[)\\^");
    }
  }

  private static void assertSameAsOracle(String path) {
    for (List<String> globs : GLOB_LISTS) {
      boolean oracle = globs.stream().anyMatch(g -> Pattern.compile(ReferencePeer.regexOf(g)).matcher(path).find());
      assertThat(Pattern.matches(PeerGlobRegex.javaWholeMatch(globs), path))
          .as("whole-match form on %s", escape(path)).isEqualTo(oracle);
      assertThat(Pattern.compile(PeerGlobRegex.re2Search(globs)).matcher(path).find())
          .as("RE2 form on %s", escape(path)).isEqualTo(oracle);
    }
  }

  private static String escape(String s) {
    return s.replace("\n", "\\n").replace("\r", "\\r").replace("\u2028", "\\u2028").replace("\u0085", "\\u0085");
  }
}
