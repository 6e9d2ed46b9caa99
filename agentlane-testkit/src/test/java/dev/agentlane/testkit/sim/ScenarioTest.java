package dev.agentlane.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentlane.Action;
import dev.agentlane.AgentKey;
import dev.agentlane.Lane;
import dev.agentlane.Verdict;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScenarioTest {
  private static final AgentKey BOT = AgentKey.of("bot", "fixes");

  private static Action bash(String command) {
    return Action.builder().key(BOT).tool("bash").arguments(Map.of("command", command)).build();
  }

  @Test
  void cleanWorkOverSeveralCyclesEarnsGovernedAndASecretHalts() {
    Scenario.onDefaultPolicy()
        .given(BOT, Lane.SANDBOX)
        .after(40, 1.0, 3)
        .expectEligibleFor("governed")
        .promotedBy("alice")
        .expectLane(Lane.GOVERNED)
        .when(bash("cat .env"))
        .expectVerdict(Verdict.HALT)
        .expectHalted();
  }

  @Test
  void aSmallSampleIsNotEnoughAndTheFailurePrintsTheTimeline() {
    Scenario s = Scenario.onDefaultPolicy().given(BOT, Lane.SANDBOX).after(3, 1.0, 3).expectNotEligible();
    assertThatThrownBy(() -> s.expectEligibleFor("governed"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("expected bot/fixes to be eligible for governed")
        .hasMessageContaining("given bot/fixes in sandbox")
        .hasMessageContaining("after 3 reviews (3 clean) over 3 release cycles")
        .hasMessageContaining("proposal:");
    assertThat(s.timeline()).startsWith("1. ");
  }
}
