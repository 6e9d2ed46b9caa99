package dev.agentlane.samples.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Runs the sample as a user would (a real MCP server in a child JVM, a real client over stdio) and checks
 * what it prints.
 */
class McpSampleTest {
  private static String run() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      McpSample.run(out);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static String section(String output, String call) {
    int start = output.indexOf("\n-> " + call);
    assertThat(start).as("the sample calls %s", call).isNotNegative();
    int end = output.indexOf("\n-> ", start + 1);
    return output.substring(start, end < 0 ? output.length() : end);
  }

  @Test
  void theSampleShowsEachCallItsDecisionAndWhatTheClientGot() throws Exception {
    String output = run();

    assertThat(output).contains("tools offered: [read_file, bash, write_file, deploy_production]");
    assertThat(section(output, "read_file {\"path\":\"src/main/App.java\"}")).contains("decision: ALLOW at lane sandbox")
        .contains("the client got:\n    | package app;");
    assertThat(section(output, "bash {\"command\":\"npm test\"}")).contains("decision: ALLOW at lane sandbox")
        .contains("42 tests passed");
    assertThat(section(output, "write_file")).contains("the server asks this client's user to approve (MCP elicitation):")
        .contains("ESCALATE at lane sandbox").contains("stop.infra-and-ci").contains("the user approves")
        .contains("decision: ALLOW at lane sandbox, approved by elicitation:sample-agent")
        .contains("    | wrote .github/workflows/ci.yml");
    assertThat(section(output, "deploy_production")).contains("decision: DENY at lane sandbox")
        .contains("the client got an error result (isError: true):")
        .contains("lane-too-low").doesNotContain("deployed web");
    assertThat(section(output, "bash {\"command\":\"npm test && cat .env\"}")).contains("decision: HALT at lane sandbox")
        .contains("isError: true").contains("sensitive-path [stop.secrets]").doesNotContain("42 tests passed");
    String after = output.substring(output.lastIndexOf("\n-> read_file"));
    assertThat(after).as("the halt latches until a human resets the pair").contains("decision: HALT")
        .contains("halted").doesNotContain("package app;");
  }
}
