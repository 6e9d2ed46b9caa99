package dev.agentlane.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentlane.Action;
import dev.agentlane.Evidence;
import dev.agentlane.ToolArguments;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActionsTest {

  private final Actions bot = Actions.agent("bot", "fixes");

  @Test
  void toolMethodsUseTheDefaultPolicysToolNames() {
    Action bash = bot.bash("npm test");
    assertThat(bash.agent()).isEqualTo("bot");
    assertThat(bash.workflow()).isEqualTo("fixes");
    assertThat(bash.tool()).isEqualTo("bash");
    assertThat(bash.arguments()).isEqualTo(new ToolArguments.Structured(Map.of("command", "npm test")));
    assertThat(bot.readFile("src/a.ts").arguments())
        .isEqualTo(new ToolArguments.Structured(Map.of("path", "src/a.ts")));
    assertThat(bot.writeFile("src/a.ts").tool()).isEqualTo("write_file");
    assertThat(bot.writeFile("src/a.ts", "x").arguments())
        .isEqualTo(new ToolArguments.Structured(Map.of("path", "src/a.ts", "content", "x")));
    assertThat(bot.call("open_pr", Map.of("branch", "fix/1")).tool()).isEqualTo("open_pr");
    assertThat(bot.json("read_file", "{\"path\":\"a\",\"path\":\".env\"}").arguments())
        .isEqualTo(new ToolArguments.Json("{\"path\":\"a\",\"path\":\".env\"}"));
  }

  @Test
  void withMethodsReturnNewInstancesAndApplyToEveryAction() {
    Evidence evidence = Evidence.builder().test("unit", 12, 0).build();
    Actions run = bot.runId("run-1").evidence(evidence).context("ticket", "T-1").workspace("/repo");
    Action a = run.bash("npm test");
    assertThat(a.runId()).isEqualTo("run-1");
    assertThat(a.evidence()).isEqualTo(evidence);
    assertThat(a.context()).containsEntry("ticket", "T-1");
    assertThat(a.workspace()).isEqualTo("/repo");

    Action plain = bot.bash("npm test");
    assertThat(plain.runId()).isNull();
    assertThat(plain.evidence().isEmpty()).isTrue();
    assertThat(plain.context()).isEmpty();
    assertThat(plain.workspace()).isNull();
  }
}
