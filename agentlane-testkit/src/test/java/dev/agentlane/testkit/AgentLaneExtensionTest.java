package dev.agentlane.testkit;

import static dev.agentlane.testkit.AgentLaneAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.agentlane.AgentKey;
import dev.agentlane.AuditRecord;
import dev.agentlane.Decision;
import dev.agentlane.Lane;
import dev.agentlane.LaneDirectory;
import dev.agentlane.PolicyEngine;
import dev.agentlane.Verdict;
import dev.agentlane.core.promotion.LedgerLaneDirectory;
import dev.agentlane.promotion.Outcome;
import dev.agentlane.promotion.PromotionLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

@AgentLaneTest(policy = "dev-agentlane-testkit/team-policy.yaml")
class AgentLaneExtensionTest {
  private static final AgentKey BOT = AgentKey.of("bot", "fixes");
  private final Actions bot = Actions.agent("bot", "fixes");

  // Both tests change every fixture and both check they start fresh, so a shared fixture fails one of them.
  @Test
  void injectsFreshInstancesOverTheNamedPolicy(PolicyEngine engine, ManualClock clock, DecisionRecorder recorder,
      LaneDirectory lanes) {
    assertFresh(engine, clock, recorder, lanes);
    assertThat(engine.policy().version()).isEqualTo("team-7");
    assertThat(lanes).isSameAs(engine.lanes());
    mutate(engine, clock, lanes);
    assertThat(recorder.decisions()).hasSize(1);
  }

  @Test
  void injectsFreshInstancesAgain(PolicyEngine engine, ManualClock clock, DecisionRecorder recorder,
      LaneDirectory lanes) {
    assertFresh(engine, clock, recorder, lanes);
    mutate(engine, clock, lanes);
  }

  @Test
  void injectsTheLedgerAndTheFixtureTheEngineRunsOn(AgentLaneFixture fixture, PolicyEngine engine,
      PromotionLedger ledger, LedgerLaneDirectory directory, LaneDirectory lanes, DecisionRecorder recorder) {
    assertThat(fixture.engine()).isSameAs(engine);
    assertThat(fixture.ledger()).isSameAs(ledger).isSameAs(directory).isSameAs(lanes).isSameAs(engine.lanes());
    assertThat(fixture.recorder()).isSameAs(recorder);

    directory.assign(BOT, Lane.SANDBOX, "alice", "setup");
    for (int cycle = 1; cycle <= 3; cycle++) {
      for (int i = 0; i < 10; i++) {
        ledger.record(BOT, Outcome.clean(), "review-bot");
      }
      fixture.clock().advance(Duration.ofDays(7));
      ledger.record(BOT, Outcome.releaseCycle("r" + cycle), "release");
    }
    ledger.promote(BOT, "alice", "earned");
    assertThat(engine.decide(bot.bash("git push origin agent/fix"))).isAllowed();
    assertThat(engine.decide(bot.readFile(".env"))).isHalted();

    assertThat(recorder).hasPromoted(BOT, "governed").hasHalted(BOT).hasDemoted(BOT, "sandbox")
        .hasVerdicts(Verdict.ALLOW, Verdict.HALT).auditsEveryDecision()
        .hasAuditedInOrder(AuditRecord.Kind.PROMOTION, AuditRecord.Kind.DECISION, AuditRecord.Kind.HALT,
            AuditRecord.Kind.DEMOTION);
  }

  @Test
  void engineUsesTheManualClockAndRecorder(PolicyEngine engine, ManualClock clock, DecisionRecorder recorder) {
    clock.advance(Duration.ofHours(2));
    Decision d = engine.decide(bot.readFile("src/a.ts"));
    assertThat(d).isAllowed();
    assertThat(d.time()).isEqualTo(Instant.parse("2026-01-01T02:00:00Z"));
    assertThat(recorder.last()).isSameAs(d);
  }

  @Test
  void namedPolicyDecides(PolicyEngine engine, LaneDirectory lanes) {
    assertThat(engine.decide(bot.bash("npm test"))).isDenied().needsLane("sandbox").hasRuleId("lane.tests.run");
    lanes.assign(BOT, Lane.SANDBOX, "alice", "earned");
    assertThat(engine.decide(bot.bash("npm test"))).isAllowed().hasObligation("sandbox");
    assertThat(engine.decide(bot.bash("git push"))).isDenied().needsLane("governed");
    assertThat(engine.decide(bot.readFile(".env"))).isHalted().hasRuleId("secrets");
  }

  @Test
  @AgentLaneTest(start = "2030-06-01T12:00:00Z", shadow = true)
  void methodAnnotationOverridesTheClass(PolicyEngine engine, ManualClock clock) {
    assertThat(clock.instant()).isEqualTo(Instant.parse("2030-06-01T12:00:00Z"));
    assertThat(engine.policy().name()).isEqualTo("default");
    assertThat(engine.decide(bot.bash("npm test"))).isShadow().isDenied().permitsExecution();
  }

  @Nested
  class NestedTests {
    @Test
    void inheritTheEnclosingClassSettings(PolicyEngine engine) {
      assertThat(engine.policy().version()).isEqualTo("team-7");
    }
  }

  private static void assertFresh(PolicyEngine engine, ManualClock clock, DecisionRecorder recorder,
      LaneDirectory lanes) {
    assertThat(clock.instant()).isEqualTo(ManualClock.DEFAULT_START);
    assertThat(recorder.events()).isEmpty();
    assertThat(lanes.all()).isEmpty();
    assertThat(lanes.status(BOT).halted()).isFalse();
  }

  private void mutate(PolicyEngine engine, ManualClock clock, LaneDirectory lanes) {
    clock.advance(Duration.ofDays(1));
    lanes.assign(BOT, Lane.SANDBOX, "alice", "test");
    engine.decide(bot.readFile("src/a.ts"));
  }

  // ---- fixtures run through EngineTestKit only ----

  private static final String FIXTURES = "agentlane.testkit.fixtures";

  /** Runs the fixture classes only when this test runs them through EngineTestKit. */
  static final class OnlyInEngineTestKit implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      return context.getConfigurationParameter(FIXTURES).isPresent()
          ? ConditionEvaluationResult.enabled("run by EngineTestKit")
          : ConditionEvaluationResult.disabled("fixture for AgentLaneExtensionTest");
    }
  }

  @AgentLaneTest(policy = "dev-agentlane-testkit/team-policy.yaml")
  @ExtendWith(OnlyInEngineTestKit.class)
  static class FailingFixture {
    @Test
    void failsAnAssertion(PolicyEngine engine) {
      Actions bot = Actions.agent("bot", "fixes");
      engine.decide(bot.readFile("src/a.ts"));
      assertThat(engine.decide(bot.bash("git push"))).isAllowed();
    }

    @Test
    void throwsAnException(PolicyEngine engine) {
      engine.guard(Actions.agent("bot", "fixes").bash("npm test"));
    }

    @Test
    void passes(PolicyEngine engine) {
      assertThat(engine.decide(Actions.agent("bot", "fixes").readFile("src/a.ts"))).isAllowed();
    }
  }

  @AgentLaneTest
  @ExtendWith(OnlyInEngineTestKit.class)
  static class ExpectedActualFixture {
    @Test
    void comparesValues(PolicyEngine engine) {
      engine.decide(Actions.agent("bot", "fixes").readFile("src/a.ts"));
      org.assertj.core.api.Assertions.assertThat(engine.policy().version()).isEqualTo("2");
    }
  }

  @AgentLaneTest
  @ExtendWith(OnlyInEngineTestKit.class)
  static class NothingRecordedFixture {
    @Test
    void failsBeforeDeciding(PolicyEngine engine) {
      throw new AssertionError("plain failure");
    }
  }

  @AgentLaneTest(policy = "no/such/policy.yaml")
  @ExtendWith(OnlyInEngineTestKit.class)
  static class MissingPolicyFixture {
    @Test
    void needsAnEngine(PolicyEngine engine) {
      engine.decide(Actions.agent("bot", "fixes").readFile("a"));
    }
  }

  private static EngineExecutionResults run(Class<?> fixture) {
    return EngineTestKit.engine("junit-jupiter").configurationParameter(FIXTURES, "true")
        .selectors(selectClass(fixture)).execute();
  }

  private static Throwable failure(EngineExecutionResults results, String method) {
    Event event = results.testEvents().failed().stream()
        .filter(e -> e.getTestDescriptor().getDisplayName().startsWith(method)).findFirst().orElseThrow();
    return event.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
  }

  @Test
  void failedAssertionCarriesTheTimelineInItsMessageAndTheReport() {
    EngineExecutionResults results = run(FailingFixture.class);
    results.testEvents().assertStatistics(s -> s.started(3).succeeded(1).failed(2));

    Throwable assertion = failure(results, "failsAnAssertion");
    assertThat(assertion).isInstanceOf(AssertionError.class);
    assertThat(assertion.getMessage())
        .contains("Expecting verdict ALLOW but was DENY")
        .contains("agentlane timeline: 2 events")
        .contains("1. 2026-01-01T00:00:00Z bot/fixes read_file {path=src/a.ts} -> ALLOW")
        .contains("2. 2026-01-01T00:00:00Z bot/fixes bash {command=git push} -> DENY")
        .contains("needs lane governed");

    List<Map<String, String>> reports = results.allEvents().reportingEntryPublished().stream()
        .map(e -> e.getRequiredPayload(ReportEntry.class).getKeyValuePairs()).toList();
    assertThat(reports).hasSize(2).allMatch(m -> m.containsKey(AgentLaneExtension.REPORT_KEY));
    assertThat(reports).extracting(m -> m.get(AgentLaneExtension.REPORT_KEY))
        .anyMatch(t -> t.startsWith("agentlane timeline: 2 events\n"))
        .anyMatch(t -> t.startsWith("agentlane timeline: 1 event\n"));
  }

  @Test
  void otherFailuresKeepTheirTypeAndCarryTheTimelineAsSuppressed() {
    Throwable thrown = failure(run(FailingFixture.class), "throwsAnException");
    assertThat(thrown).isInstanceOf(dev.agentlane.ActionDeniedException.class);
    assertThat(thrown.getSuppressed()).hasSize(1);
    assertThat(thrown.getSuppressed()[0].getMessage())
        .startsWith("agentlane timeline: 1 event\n")
        .contains("bash {command=npm test} -> DENY");
  }

  @Test
  void expectedAndActualSurviveForIdeDiffs() {
    Throwable thrown = failure(run(ExpectedActualFixture.class), "comparesValues");
    assertThat(thrown).isInstanceOf(org.opentest4j.AssertionFailedError.class)
        .hasMessageContaining("agentlane timeline: 1 event");
    org.opentest4j.AssertionFailedError afe = (org.opentest4j.AssertionFailedError) thrown;
    assertThat(afe.isExpectedDefined() && afe.isActualDefined()).isTrue();
    assertThat(String.valueOf(afe.getExpected().getValue())).contains("2");
    assertThat(String.valueOf(afe.getActual().getValue())).contains("1");
  }

  @Test
  void failureWithNothingRecordedIsLeftAlone() {
    EngineExecutionResults results = run(NothingRecordedFixture.class);
    assertThat(failure(results, "failsBeforeDeciding")).hasMessage("plain failure");
    assertThat(results.allEvents().reportingEntryPublished().count()).isZero();
  }

  @Test
  void unknownPolicyFailsTheTestNamingIt() {
    Throwable thrown = failure(run(MissingPolicyFixture.class), "needsAnEngine");
    assertThat(thrown).hasMessageContaining("policy 'no/such/policy.yaml' is neither a class-path resource nor a file");
  }
}
