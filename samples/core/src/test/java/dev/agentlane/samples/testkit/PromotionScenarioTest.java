package dev.agentlane.samples.testkit;

import dev.agentlane.AgentKey;
import dev.agentlane.Lane;
import dev.agentlane.Verdict;
import dev.agentlane.promotion.Severity;
import dev.agentlane.testkit.Actions;
import dev.agentlane.testkit.sim.Scenario;
import org.junit.jupiter.api.Test;

/** Promotion scenarios on the shipped default policy, written the way the promotion path reads. */
class PromotionScenarioTest {
  static final AgentKey BOT = AgentKey.of("bot", "fixes");

  @Test
  void cleanWorkEarnsGovernedAndASecretHaltsAndDemotes() {
    // docs:scenario:begin
    Scenario.onDefaultPolicy()
        .given(BOT, Lane.SANDBOX)
        .after(40, 0.97, 3)                 // 40 reviews over 3 release cycles at 97% clean
        .expectEligibleFor("governed")
        .promotedBy("alice")
        .when(Actions.of(BOT).bash("cat .env"))
        .expectVerdict(Verdict.HALT)
        .expectHalted()
        .expectDemotedTo("sandbox")         // a halt demotes one lane at once
        .resetBy("dave")
        .expectNotHalted();
    // docs:scenario:end
  }

  @Test
  void reworkAndIncidentsKeepAnAgentDown() {
    // docs:scenario-setbacks:begin
    Scenario.onDefaultPolicy()
        .given(BOT, Lane.SANDBOX)
        .after(40, 1.0, 3)
        .reworked(20)                                   // clean reviews, but every other change needed a fix
        .expectNotEligibleBecause("rework rate upper bound")
        .incident(Severity.HIGH, "broke the nightly build")
        .expectDemotedTo("draft");                      // a severe incident demotes at once
    // docs:scenario-setbacks:end
  }
}
