package dev.agentlane.policyfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.agentlane.PolicyException;
import dev.agentlane.PolicyProblem;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file in {@code broken/} must be refused with the exact problem its last line names:
 * {@code # expect: LINE:COLUMN | message fragment} (or a {@code .expect} file beside an empty one).
 */
class BrokenPolicyCorpusTest {

  static Stream<Path> corpus() throws IOException, URISyntaxException {
    Path dir = Path.of(BrokenPolicyCorpusTest.class.getResource("/broken").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".json")).sorted().toList().stream();
    }
  }

  @Test
  void corpusIsLarge() throws Exception {
    assertThat(corpus().count()).isGreaterThanOrEqualTo(40);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void brokenFileIsRefusedWithItsExactProblem(Path file) throws IOException {
    String expect = expectation(file);
    int bar = expect.indexOf('|');
    String location = expect.substring(0, bar).trim();
    String fragment = expect.substring(bar + 1).trim();
    PolicyException e = catchThrowableOfType(PolicyException.class, () -> PolicyFiles.load(file));
    assertThat(e).as("%s must be refused", file.getFileName()).isNotNull();
    List<PolicyProblem> problems = e.problems();
    assertThat(problems).as("problems of %s", file.getFileName()).anySatisfy(p -> {
      assertThat(p.source()).endsWith(file.getFileName().toString());
      assertThat(p.message()).contains(fragment);
      if (!location.isEmpty()) {
        assertThat(p.line() + ":" + p.column()).isEqualTo(location);
      }
    });
  }

  private static String expectation(Path file) throws IOException {
    Path sidecar = file.resolveSibling(file.getFileName().toString().replaceAll("\\.(yaml|json)$", ".expect"));
    if (Files.exists(sidecar)) {
      return Files.readString(sidecar).trim();
    }
    List<String> lines = Files.readAllLines(file);
    String last = lines.get(lines.size() - 1);
    assertThat(last).as("%s ends with '# expect: LINE:COLUMN | message'", file.getFileName()).startsWith("# expect: ");
    return last.substring("# expect: ".length());
  }
}
