package dev.agentlane.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class QuickstartTest {
  private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();

  @Test
  void quickstartHaltsOnTheSecretsFileAndExplainsWhy() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      Quickstart.run();
    } finally {
      System.setOut(original);
    }
    assertThat(buf.toString(StandardCharsets.UTF_8))
        .startsWith("HALT at lane draft")
        .contains("sensitive-path [secrets]")
        .contains("lane-too-low")
        .contains("needs lane sandbox");
  }

  @Test
  void readmeShowsTheCompiledQuickstart() throws Exception {
    String source = Files.readString(ROOT.resolve("samples/core/src/main/java/dev/agentlane/samples/Quickstart.java"));
    String snippet = between(source, "// quickstart:begin\n", "    // quickstart:end");
    String readme = Files.readString(ROOT.resolve("README.md"));
    assertThat(readme).as("README.md must show the quickstart exactly as compiled in Quickstart.java")
        .contains(snippet.stripTrailing().stripIndent().strip());
  }

  @Test
  void ciRunsTheTestCommandTheReadmeDocuments() throws Exception {
    String readme = Files.readString(ROOT.resolve("README.md"));
    String ci = Files.readString(ROOT.resolve(".ci/run"));
    assertThat(readme).contains("mvn -B -ntp verify");
    assertThat(ci).contains("\nmvn -B -ntp verify\n");
  }

  private static String between(String text, String begin, String end) {
    int a = text.indexOf(begin);
    int b = text.indexOf(end, a);
    assertThat(a).isNotNegative();
    assertThat(b).isGreaterThan(a);
    return text.substring(a + begin.length(), b);
  }
}
