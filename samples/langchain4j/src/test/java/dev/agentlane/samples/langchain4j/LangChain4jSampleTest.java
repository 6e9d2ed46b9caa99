package dev.agentlane.samples.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Runs the sample's main, as CI does, and checks what it prints. */
class LangChain4jSampleTest {
  private static String output() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      LangChain4jSample.main(new String[0]);
    } finally {
      System.setOut(original);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

  /** The text of step {@code n}, up to the blank line after it. */
  private static String step(String out, int n) {
    int start = out.indexOf("\n" + n + ". ");
    assertThat(start).as("step %s is printed", n).isNotNegative();
    int end = out.indexOf("\n\n", start + 1);
    return out.substring(start + 1, end);
  }

  @Test
  void theSandboxAgentReadsAndTestsIsHaltedOnTheSecretsFileAndNothingAboveItsLaneRuns() {
    String out = output();

    assertThat(out).startsWith("agentlane + LangChain4j: agent coder, workflow bugfix, in lane sandbox");
    assertThat(step(out, 1)).startsWith("1. read_file {\"path\": \"src/main/java/App.java\"}")
        .contains("decision: ALLOW at lane sandbox").contains("run id:   task-17").contains("ran:      yes")
        .contains("the model was told: public final class App");
    assertThat(step(out, 2)).startsWith("2. bash {\"command\": \"mvn -q test\"}")
        .contains("decision: ALLOW at lane sandbox").contains("obligation: sandbox: run in an isolated environment")
        .contains("ran:      yes").contains("the model was told: Tests run: 118, Failures: 0");
    assertThat(step(out, 3)).startsWith("3. bash {\"command\": \"cat .env\"}")
        .contains("decision: HALT at lane sandbox").contains("sensitive-path [stop.secrets]")
        .contains("ran:      no")
        .contains("the model was told: agentlane refused this tool call (decision ");
    assertThat(step(out, 4)).startsWith("4. bash {\"command\": \"git push origin main\"}")
        .contains("decision: HALT").contains("halted [halt]").contains("ran:      no");
    assertThat(step(out, 5)).startsWith("5. deploy_production {\"service\": \"web\"")
        .contains("decision: HALT").contains("halted [halt]").contains("ran:      no");
    assertThat(out).contains("The agent's answer: I read the code and the tests pass; everything after that was refused.")
        .contains("Halted: true");

    assertThat(out).contains("alice reviews the attempt and resets coder/bugfix.");
    assertThat(step(out, 6)).startsWith("6. bash {\"command\": \"git push origin main\"}")
        .contains("decision: DENY at lane sandbox").contains("lane-too-low").contains("governed")
        .contains("run id:   task-18").contains("ran:      no");
    assertThat(step(out, 7)).startsWith("7. deploy_production")
        .contains("decision: DENY at lane sandbox").contains("lane-too-low").contains("production")
        .contains("ran:      no");
    assertThat(out).endsWith("\nTools that really ran: read_file src/main/java/App.java; bash mvn -q test\n");
  }
}
