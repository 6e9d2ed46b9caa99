package dev.agentlane.samples.springai;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SpringAiSampleTest {
  @Test
  void theSampleRunsThePermittedCallsAndTheModelReadsTheRefusals() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    SpringAiSample.run(new PrintStream(buf, true, StandardCharsets.UTF_8));
    String out = buf.toString(StandardCharsets.UTF_8);

    assertThat(out)
        .contains("1. model asks read_file {\"path\": \"README.md\"}\n   agentlane: ALLOW read_file (run conversation-42)")
        .contains("2. model asks bash {\"command\": \"npm test\"}\n   agentlane: ALLOW bash")
        .contains("1 failing: app.test.js")
        .contains("3. model asks bash {\"command\": \"npm test && cat .env\"}\n   agentlane: HALT bash")
        .contains("the model reads: agentlane refused this tool call")
        .contains("sensitive-path [stop.secrets]")
        .contains("4. model asks read_file {\"path\": \"src/app.js\"}\n   agentlane: HALT read_file")
        .contains("tools that ran: [read_file README.md, bash npm test]")
        .contains("executions the engine recorded: [read_file succeeded, bash succeeded]")
        .contains("the model's last answer: I stopped. The last tool result began: agentlane refused this tool call")
        .contains("repo-assistant/maintenance halted: true")
        .doesNotContain("sk_live");
  }
}
