package dev.agentlane.testkit;

import static dev.agentlane.testkit.AgentLaneAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentlane.AgentKey;
import dev.agentlane.AuditRecord;
import dev.agentlane.Lane;
import dev.agentlane.Verdict;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TimelineAssertTest {
  private static final AgentKey BOT = AgentKey.of("bot", "fixes");
  private final AgentLaneFixture fixture = AgentLaneFixture.ofDefaults();
  private final DecisionRecorder recorder = fixture.recorder();
  private final Actions bot = Actions.of(BOT);

  @AfterEach
  void close() {
    fixture.close();
  }

  private void readTestThenTouchASecretInSandbox() {
    fixture.ledger().assign(BOT, Lane.SANDBOX, "alice", "setup");
    fixture.engine().decide(bot.readFile("src/App.java"));
    fixture.engine().decide(bot.bash("npm test"));
    fixture.engine().decide(bot.bash("npm test && cat .env"));
  }

  @Test
  void passesOnWhatHappened() {
    readTestThenTouchASecretInSandbox();
    assertThat(recorder)
        .hasDecisionCount(3)
        .hasVerdicts(Verdict.ALLOW, Verdict.ALLOW, Verdict.HALT)
        .hasNoDecision(Verdict.DENY)
        .hasEventsInOrder("assignment", "decision", "decision", "halt", "demotion", "decision")
        .hasHalted(BOT).hasDemoted(BOT, Lane.DRAFT).hasNoPromotion(BOT)
        .auditsEveryDecision()
        .hasAuditedInOrder(AuditRecord.Kind.PROMOTION, AuditRecord.Kind.DECISION, AuditRecord.Kind.HALT,
            AuditRecord.Kind.DEMOTION, AuditRecord.Kind.DECISION);
    assertThat(recorder).lastDecision().isHalted().withReason("sensitive-path");
    assertThat(recorder).decision(1).isAllowed().hasObligation("sandbox");
  }

  @Test
  void everyFailureSaysWhatWasExpectedAndShowsTheTimeline() {
    readTestThenTouchASecretInSandbox();
    String timeline = recorder.timeline();
    assertThatThrownBy(() -> assertThat(recorder).hasVerdicts(Verdict.ALLOW, Verdict.DENY))
        .hasMessageContaining("Expecting verdicts [ALLOW, DENY] but were [ALLOW, ALLOW, HALT]")
        .hasMessageEndingWith(timeline);
    assertThatThrownBy(() -> assertThat(recorder).hasDecisionCount(2))
        .hasMessageContaining("Expecting 2 decisions but 3 were recorded").hasMessageEndingWith(timeline);
    assertThatThrownBy(() -> assertThat(recorder).hasNoDecision(Verdict.HALT))
        .hasMessageContaining("Expecting no HALT decision but decision 3 of 3 is HALT");
    assertThatThrownBy(() -> assertThat(recorder).hasEventsInOrder("demotion", "halt"))
        .hasMessageContaining("Expecting events [demotion, halt] in this order but found no 'halt' after the first 1");
    assertThatThrownBy(() -> assertThat(recorder).hasPromoted(BOT, "governed"))
        .hasMessageContaining("Expecting a promotion of bot/fixes to governed but the timeline has none")
        .hasMessageContaining("HALTED bot/fixes");
    assertThatThrownBy(() -> assertThat(recorder).hasNoDemotion(BOT))
        .hasMessageContaining("Expecting no demotion of bot/fixes but the timeline has one");
    assertThatThrownBy(() -> assertThat(recorder).hasReset(BOT)).hasMessageContaining("a reset of bot/fixes");
    assertThatThrownBy(() -> assertThat(recorder).hasAuditedInOrder(AuditRecord.Kind.RESET))
        .hasMessageContaining("has no reset after the first 0");
    assertThatThrownBy(() -> assertThat(recorder).decision(3))
        .hasMessageContaining("Expecting a decision at index 3 but 3 were recorded");
  }

  @Test
  void aTypoInAnEventKindIsAnErrorNotAFailure() {
    assertThatThrownBy(() -> assertThat(recorder).hasEventsInOrder("halted"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("unknown event kind 'halted'");
  }

  @Test
  void anEmptyRecorderHasNoLastDecision() {
    assertThatThrownBy(() -> assertThat(recorder).lastDecision())
        .isInstanceOf(AssertionError.class).hasMessageContaining("Expecting a decision but none was recorded");
  }
}
