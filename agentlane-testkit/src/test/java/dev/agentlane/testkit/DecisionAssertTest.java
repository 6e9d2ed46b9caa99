package dev.agentlane.testkit;

import static dev.agentlane.testkit.AgentLaneAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentlane.AgentKey;
import dev.agentlane.Decision;
import dev.agentlane.Lane;
import dev.agentlane.PolicyEngine;
import dev.agentlane.Reason;
import dev.agentlane.ReasonCode;
import dev.agentlane.Remedy;
import dev.agentlane.Verdict;
import dev.agentlane.policyfile.PolicyFiles;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class DecisionAssertTest {

  private final ManualClock clock = new ManualClock();
  private final PolicyEngine engine = PolicyEngine.builder().policy(PolicyFiles.defaultPolicy())
      .workspace("/workspace").clock(clock).build();
  private final Actions bot = Actions.agent("bot", "fixes");

  @AfterEach
  void close() {
    engine.close();
  }

  private static void failsShowingTheDecision(Decision d, Executable assertion, String expectation) {
    assertThatThrownBy(assertion::execute)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(expectation)
        .hasMessageContaining(d.explain())
        .hasMessageContaining("decision " + d.id())
        .hasMessageContaining("policy version " + d.policyVersion());
  }

  @Test
  void laneTooLowDenialPassesItsAssertionsAndFailsTheOthers() {
    Decision d = engine.decide(bot.bash("npm test"));

    assertThat(d).isDenied().withReason("lane-too-low").hasReason(ReasonCode.LANE_TOO_LOW)
        .hasRuleId("lane.tests.run").hasRemedy("needs-lane").hasRemedy("needs lane sandbox")
        .needsLane("sandbox").hasVerdict(Verdict.DENY).isNotShadow().atLane("draft");

    failsShowingTheDecision(d, () -> assertThat(d).isAllowed(), "Expecting verdict ALLOW but was DENY");
    failsShowingTheDecision(d, () -> assertThat(d).isHalted(), "Expecting verdict HALT but was DENY");
    failsShowingTheDecision(d, () -> assertThat(d).isEscalated(), "Expecting verdict ESCALATE but was DENY");
    failsShowingTheDecision(d, () -> assertThat(d).withReason("sensitive-path"),
        "Expecting a reason with code sensitive-path but the reasons were [lane-too-low]");
    failsShowingTheDecision(d, () -> assertThat(d).hasRuleId("stop.secrets"),
        "Expecting a reason from rule stop.secrets");
    failsShowingTheDecision(d, () -> assertThat(d).needsLane("governed"),
        "Expecting a needs-lane remedy naming lane governed");
    failsShowingTheDecision(d, () -> assertThat(d).hasRemedy("attach-evidence"),
        "Expecting a remedy with code or message containing \"attach-evidence\"");
    failsShowingTheDecision(d, () -> assertThat(d).hasObligation("owner-review"),
        "Expecting an obligation with code owner-review but the obligations were [sandbox]");
    failsShowingTheDecision(d, () -> assertThat(d).isShadow(), "Expecting a shadow-mode decision");
    failsShowingTheDecision(d, () -> assertThat(d).permitsExecution(), "Expecting the decision to permit");
  }

  @Test
  void allowedDecisionCarriesObligations() {
    engine.lanes().assign(AgentKey.of("bot", "fixes"), Lane.SANDBOX, "alice", "trusted");
    Decision d = engine.decide(bot.bash("npm test"));

    assertThat(d).isAllowed().permitsExecution().hasObligation("sandbox").atLane("sandbox");
    failsShowingTheDecision(d, () -> assertThat(d).isDenied(), "Expecting verdict DENY but was ALLOW");
    failsShowingTheDecision(d, () -> assertThat(d).needsLane("sandbox"),
        "Expecting a lane-too-low reason (needs lane sandbox) but the reasons were []");
    failsShowingTheDecision(d, () -> assertThat(d).hasObligation("owner-review"),
        "Expecting an obligation with code owner-review but the obligations were [sandbox]");
  }

  @Test
  void secretsPathHalts() {
    Decision d = engine.decide(bot.readFile(".env"));
    assertThat(d).isHalted().withReason("sensitive-path").hasRuleId("stop.secrets");
    assertThat(engine.decide(bot.readFile("src/a.ts"))).isHalted().withReason("halted").hasRemedy("human-reset");
  }

  @Test
  void shadowDecisionRecordsTheRealVerdict() {
    try (PolicyEngine shadow = PolicyEngine.builder().policy(PolicyFiles.defaultPolicy()).workspace("/workspace")
        .clock(clock).shadowMode(true).build()) {
      Decision d = shadow.decide(bot.bash("npm test"));
      assertThat(d).isShadow().isDenied().permitsExecution().needsLane("sandbox");
      failsShowingTheDecision(d, () -> assertThat(d).isNotShadow(), "Expecting an enforced decision");
    }
  }

  @Test
  void escalationAndApproverAreShown() {
    Decision d = new Decision("d-42", Verdict.ESCALATE,
        List.of(Reason.of(ReasonCode.APPROVAL_REQUIRED, "approval.config", Verdict.ESCALATE, "config needs approval")),
        List.of(), List.of(Remedy.of("request-approval", "ask team:platform")), Lane.GOVERNED, List.of(), "v9",
        "abc", null, null, false, Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(d).isEscalated().withReason("approval-required").hasRemedy("team:platform");
    assertThatThrownBy(() -> assertThat(d).isAllowed())
        .hasMessage("Expecting verdict ALLOW but was ESCALATE\n"
            + "decision d-42 (policy version v9, at 2026-01-01T00:00:00Z):\n"
            + "ESCALATE at lane governed\n"
            + "- approval-required [approval.config]: config needs approval\n"
            + "  to proceed: ask team:platform");
  }

  @Test
  void misspelledReasonCodeIsAMisuseNotAFailure() {
    Decision d = engine.decide(bot.bash("npm test"));
    assertThatThrownBy(() -> assertThat(d).withReason("lane-to-low"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("unknown reason code 'lane-to-low'; expected one of invalid-action, halted");
  }

  @Test
  void nullDecisionFails() {
    assertThatThrownBy(() -> assertThat((Decision) null).isAllowed()).isInstanceOf(AssertionError.class);
  }
}
