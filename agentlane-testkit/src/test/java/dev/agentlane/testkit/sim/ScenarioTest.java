package dev.agentlane.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentlane.AgentKey;
import dev.agentlane.Lane;
import dev.agentlane.Verdict;
import dev.agentlane.policyfile.PolicyFiles;
import dev.agentlane.promotion.Severity;
import dev.agentlane.testkit.Actions;
import dev.agentlane.testkit.AgentLaneAssertions;
import dev.agentlane.testkit.AgentLaneFixture;
import org.junit.jupiter.api.Test;

class ScenarioTest {
  private static final AgentKey BOT = AgentKey.of("bot", "fixes");
  private static final Actions BOT_CALLS = Actions.of(BOT);

  @Test
  void cleanWorkOverSeveralCyclesEarnsGovernedAndASecretHaltsAndDemotes() {
    Scenario s = Scenario.onDefaultPolicy()
        .given(BOT, Lane.SANDBOX)
        .after(40, 0.97, 3)
        .expectEligibleFor("governed")
        .promotedBy("alice")
        .expectLane(Lane.GOVERNED)
        .when(BOT_CALLS.bash("cat .env"))
        .expectVerdict(Verdict.HALT)
        .expectDecision(d -> d.withReason("sensitive-path").hasRemedy("human-reset"))
        .expectHalted()
        .expectDemotedTo("sandbox");
    AgentLaneAssertions.assertThat(s.fixture().recorder())
        .hasPromoted(BOT, "governed").hasHalted(BOT).hasDemoted(BOT, Lane.SANDBOX)
        .hasEventsInOrder("assignment", "outcome", "promotion", "halt", "demotion", "decision");
  }

  @Test
  void aHaltLatchesUntilAHumanResetsItAndTheLaneMustBeEarnedAgain() {
    Scenario.onDefaultPolicy()
        .given(BOT, "sandbox")
        .when(BOT_CALLS.bash("npm test")).expectVerdict(Verdict.ALLOW)
        .when(BOT_CALLS.readFile("config/.env.production")).expectVerdict(Verdict.HALT)
        .expectDemotedTo(Lane.DRAFT)
        .when(BOT_CALLS.readFile("src/App.java")).expectVerdict(Verdict.HALT)
        .resetBy("dave").expectNotHalted()
        .when(BOT_CALLS.readFile("src/App.java")).expectVerdict(Verdict.ALLOW)
        .when(BOT_CALLS.bash("npm test"))
        .expectDecision(d -> d.isDenied().withReason("lane-too-low").needsLane("sandbox"));
  }

  @Test
  void aSevereIncidentDemotesAtOnceAndBlocksPromotionForItsWindow() {
    Scenario.onDefaultPolicy()
        .given(BOT, Lane.GOVERNED)
        .after(60, 1.0, 4)
        .expectEligibleFor("staging")
        .incident(Severity.HIGH, "dropped a staging table")
        .expectDemotedTo("sandbox")
        .after(60, 1.0, 3)
        .expectNotEligibleBecause("severe incident");
  }

  @Test
  void heavyReworkKeepsAnAgentWhereItIsEvenWithCleanReviews() {
    Scenario.onDefaultPolicy()
        .given(BOT, Lane.SANDBOX)
        .after(40, 1.0, 3)
        .reworked(20)
        .expectNotEligibleBecause("rework rate upper bound 0.65 > 0.20")
        .expectLane("sandbox");
  }

  @Test
  void aSmallSampleIsNotEnoughAndTheFailurePrintsTheTimeline() {
    Scenario s = Scenario.onDefaultPolicy().given(BOT, Lane.SANDBOX).after(3, 1.0, 3)
        .when(BOT_CALLS.bash("npm test"))
        .expectNotEligible();
    assertThatThrownBy(() -> s.expectEligibleFor("governed"))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("expected bot/fixes to be eligible for governed\n\nagentlane timeline: ")
        .hasMessageContaining("[scenario] given bot/fixes in sandbox")
        .hasMessageContaining("ASSIGNED bot/fixes draft -> sandbox by scenario")
        .hasMessageContaining("[scenario] after 3 reviews (3 clean) over 3 release cycles")
        .hasMessageContaining("OUTCOMES bot/fixes: 3 review clean, 3 release-cycle")
        .hasMessageContaining("bot/fixes bash {command=npm test} -> ALLOW")
        .hasMessageContaining("proposal for bot/fixes: not eligible; next lane governed; not halted; 3 of 20 reviews");
    assertThat(s.timeline()).startsWith("agentlane timeline: ").contains("\n1. 2026-01-01T00:00:00Z [scenario] given");
  }

  @Test
  void aFailedDecisionExpectationShowsTheDecisionAndTheTimeline() {
    Scenario s = Scenario.onDefaultPolicy().given(BOT, Lane.DRAFT).when(BOT_CALLS.bash("git push origin main"));
    assertThatThrownBy(() -> s.expectDecision(d -> d.isAllowed()))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting verdict ALLOW but was DENY")
        .hasMessageContaining("lane-too-low")
        .hasMessageContaining("agentlane timeline: ");
    assertThatThrownBy(() -> s.expectVerdict(Verdict.ALLOW)).hasMessageStartingWith("expected the last decision to be ALLOW");
    assertThatThrownBy(() -> s.expectLane("governed")).hasMessageStartingWith("expected bot/fixes in governed but it is in draft");
  }

  @Test
  void promotingAPairThatIsNotEligibleFailsTheScenarioWithTheProposal() {
    Scenario s = Scenario.onDefaultPolicy().given(BOT, Lane.SANDBOX);
    assertThatThrownBy(() -> s.promotedBy("alice"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("expected bot/fixes to be promotable, but the ledger refused")
        .hasMessageContaining("[scenario] promote bot/fixes by alice");
  }

  @Test
  void badArgumentsAreRefusedWithTheRule() {
    Scenario s = Scenario.onDefaultPolicy();
    assertThatThrownBy(() -> s.given(BOT, "heaven")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the policy has no lane 'heaven'; its lanes are [draft, sandbox, governed, staging, production]");
    assertThatThrownBy(() -> s.after(0, 0.5, 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reviews > 0");
    assertThatThrownBy(() -> s.after(10, 1.5, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> s.reworked(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rework times must be > 0 but was 0");
    assertThatThrownBy(() -> s.expectVerdict(Verdict.ALLOW)).isInstanceOf(AssertionError.class)
        .hasMessageContaining("nothing was decided");
  }

  @Test
  void aScenarioCanRunOnAFixtureOfItsOwn() {
    AgentLaneFixture fixture = AgentLaneFixture.builder().policy(PolicyFiles.defaultPolicy()).workspace("/repo")
        .demoteOnHalt(false).build();
    try (Scenario s = Scenario.on(fixture)) {
      s.given(BOT, Lane.SANDBOX).when(BOT_CALLS.readFile("/repo/.env")).expectVerdict(Verdict.HALT)
          .expectHalted().expectLane(Lane.SANDBOX);
      assertThat(s.fixture()).isSameAs(fixture);
      assertThat(s.pair()).isEqualTo(BOT);
      assertThat(s.lastDecision()).isNotNull();
    }
  }
}
