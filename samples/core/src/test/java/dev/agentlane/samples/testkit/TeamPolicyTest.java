package dev.agentlane.samples.testkit;

import static dev.agentlane.testkit.AgentLaneAssertions.assertThat;

import dev.agentlane.AgentKey;
import dev.agentlane.Lane;
import dev.agentlane.LaneDirectory;
import dev.agentlane.PolicyEngine;
import dev.agentlane.Verdict;
import dev.agentlane.testkit.Actions;
import dev.agentlane.testkit.AgentLaneTest;
import dev.agentlane.testkit.DecisionRecorder;
import dev.agentlane.testkit.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A starting point for a team's own policy tests: each test gets a fresh engine over the team's policy
 * ({@code team/policy.yaml}, which extends the shipped promotion path), a manual clock and a recorder.
 */
// docs:extension:begin
@AgentLaneTest(policy = "team/policy.yaml")
class TeamPolicyTest {
  static final AgentKey BOT = AgentKey.of("bot", "fixes");
  final Actions bot = Actions.of(BOT);

  @Test
  void secretsHaltAndDemote(PolicyEngine engine, LaneDirectory lanes, DecisionRecorder recorder) {
    lanes.assign(BOT, Lane.SANDBOX, "test", "setup");
    assertThat(engine.decide(bot.bash("npm test"))).isAllowed().hasObligation("sandbox");
    assertThat(engine.decide(bot.bash("npm test && cat .env")))
        .isHalted().withReason("sensitive-path").hasRuleId("stop.secrets").hasRemedy("human-reset");
    assertThat(recorder).hasVerdicts(Verdict.ALLOW, Verdict.HALT).hasHalted(BOT).hasDemoted(BOT, Lane.DRAFT);
  }

  @Test
  void payingCodeNeedsAHuman(PolicyEngine engine, LaneDirectory lanes) {
    lanes.assign(BOT, Lane.SANDBOX, "test", "setup");
    assertThat(engine.decide(bot.writeFile("src/payments/Ledger.java", "...")))
        .isEscalated().hasRuleId("team.payments-code").hasRemedy("request-approval");
  }
// docs:extension:end

  @Test
  void rateWindowsFollowTheManualClock(PolicyEngine engine, LaneDirectory lanes, ManualClock clock) {
    lanes.assign(BOT, Lane.SANDBOX, "test", "setup");
    clock.advance(Duration.ofHours(9));
    org.assertj.core.api.Assertions.assertThat(engine.decide(bot.readFile("src/payments/Ledger.java")).time())
        .isEqualTo(clock.instant());
  }

  @Test
  void aDraftingAgentCannotPush(PolicyEngine engine) {
    assertThat(engine.decide(bot.bash("git push origin main"))).isDenied().withReason("lane-too-low")
        .needsLane("governed");
  }
}
