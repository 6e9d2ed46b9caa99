package dev.agentlane.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentlane.AgentKey;
import dev.agentlane.AuditEntry;
import dev.agentlane.AuditRecord;
import dev.agentlane.Decision;
import dev.agentlane.Grant;
import dev.agentlane.GrantScope;
import dev.agentlane.Lane;
import dev.agentlane.PolicyEngine;
import dev.agentlane.Verdict;
import dev.agentlane.policyfile.PolicyFiles;
import dev.agentlane.promotion.Outcome;
import dev.agentlane.promotion.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DecisionRecorderTest {

  private final ManualClock clock = new ManualClock();
  private final DecisionRecorder recorder = new DecisionRecorder(clock);
  private final PolicyEngine engine = PolicyEngine.builder().policy(PolicyFiles.defaultPolicy())
      .workspace("/workspace").clock(clock).listener(recorder).build();
  private final Actions bot = Actions.agent("bot", "fixes");
  private final AgentKey key = AgentKey.of("bot", "fixes");

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void recordsDecisionsInOrder() {
    Decision read = engine.decide(bot.readFile("src/a.ts"));
    clock.advance(Duration.ofMinutes(1));
    Decision test = engine.decide(bot.bash("npm test"));
    Decision other = engine.decide(Actions.agent("other", "fixes").readFile("README.md"));

    assertThat(recorder.decisions()).containsExactly(read, test, other);
    assertThat(recorder.last()).isSameAs(other);
    assertThat(recorder.decisionsFor(key)).containsExactly(read, test);
    assertThat(recorder.events()).hasSize(3).allMatch(DecisionRecorder.Decided.class::isInstance);
  }

  @Test
  void recordsHaltsResetsAndGrants() {
    engine.decide(bot.readFile(".env"));
    engine.lanes().reset(key, "alice");
    Grant grant = engine.grants().issue(bot.bash("npm test"), GrantScope.calls(1), "alice", "one run");
    engine.grants().revoke(grant.id(), "bob");

    List<DecisionRecorder.Event> events = recorder.events();
    assertThat(events).extracting(e -> e.getClass().getSimpleName())
        .containsExactly("Halted", "Decided", "Reset", "GrantIssued", "GrantRevoked");
    assertThat(((DecisionRecorder.Decided) events.get(1)).decision().verdict()).isEqualTo(Verdict.HALT);
  }

  @Test
  void timelineIsNumberedAndReadable() {
    engine.decide(bot.readFile("src/a.ts"));
    clock.advance(Duration.ofSeconds(30));
    engine.decide(bot.bash("npm test"));
    engine.lanes().halt(key, "manual stop", "alice");

    String timeline = recorder.timeline();
    assertThat(timeline).startsWith("agentlane timeline: 3 events\n");
    assertThat(timeline).contains(
        "1. 2026-01-01T00:00:00Z bot/fixes read_file {path=src/a.ts} -> ALLOW",
        "2. 2026-01-01T00:00:30Z bot/fixes bash {command=npm test} -> DENY",
        "- lane-too-low [lane.tests.run]",
        "to proceed: needs lane sandbox",
        "3. 2026-01-01T00:00:30Z HALTED bot/fixes by alice: manual stop");
    assertThat(timeline.indexOf("1. ")).isLessThan(timeline.indexOf("2. "));
    assertThat(timeline.indexOf("2. ")).isLessThan(timeline.indexOf("3. "));
    assertThat(timeline).contains("(decision " + recorder.decisions().get(1).id() + ", policy 1)");
  }

  @Test
  void clearForgetsAndLastRefusesWhenEmpty() {
    engine.decide(bot.readFile("src/a.ts"));
    recorder.clear();
    assertThat(recorder.events()).isEmpty();
    assertThat(recorder.timeline()).isEqualTo("agentlane timeline: 0 events");
    assertThatThrownBy(recorder::last).isInstanceOf(IllegalStateException.class)
        .hasMessage("no decision was recorded");
  }

  @Test
  void concurrentDecisionsAreAllRecorded() throws Exception {
    int threads = 8;
    int perThread = 200;
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> all = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Actions agent = Actions.agent("bot" + t, "fixes");
      Thread thread = new Thread(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        for (int i = 0; i < perThread; i++) {
          engine.decide(agent.readFile("src/" + i + ".ts"));
        }
      });
      thread.start();
      all.add(thread);
    }
    start.countDown();
    for (Thread thread : all) {
      thread.join();
    }
    assertThat(recorder.decisions()).hasSize(threads * perThread).allMatch(Decision::isAllowed);
    assertThat(recorder.decisionsFor(AgentKey.of("bot3", "fixes"))).hasSize(perThread);
  }

  @Test
  void recordsLedgerEventsAndCollapsesRunsOfOutcomesButNotIncidents() {
    try (AgentLaneFixture f = AgentLaneFixture.ofDefaults()) {
      DecisionRecorder r = f.recorder();
      f.ledger().assign(key, Lane.GOVERNED, "alice", "seeded");
      for (int i = 0; i < 5; i++) {
        f.ledger().record(key, Outcome.clean(), "review-bot");
      }
      f.ledger().record(key, Outcome.rework(), "ci");
      f.ledger().record(key, Outcome.incident(Severity.HIGH, "dropped a table"), "oncall");
      f.ledger().record(key, Outcome.releaseCycle("r1"), "release");
      r.note("the end");

      assertThat(r.events()).extracting(DecisionRecorder.Event::kind).containsExactly("assignment", "outcome",
          "outcome", "outcome", "outcome", "outcome", "outcome", "outcome", "demotion", "outcome", "note");
      assertThat(r.events(DecisionRecorder.Demoted.class)).singleElement()
          .satisfies(d -> assertThat(d.to()).isEqualTo(Lane.SANDBOX));
      String timeline = r.timeline();
      assertThat(timeline).startsWith("agentlane timeline: 11 events\n")
          .contains("1. 2026-01-01T00:00:00Z ASSIGNED bot/fixes draft -> governed by alice: seeded")
          .contains("2. 2026-01-01T00:00:00Z OUTCOMES bot/fixes: 5 review clean, 1 rework")
          .contains("3. 2026-01-01T00:00:00Z OUTCOME bot/fixes incident high: dropped a table by oncall")
          .contains("4. 2026-01-01T00:00:00Z DEMOTED bot/fixes governed -> sandbox by oncall: severe incident")
          .contains("5. 2026-01-01T00:00:00Z OUTCOME bot/fixes release-cycle by release")
          .contains("6. 2026-01-01T00:00:00Z the end");
    }
  }

  @Test
  void aHaltIsRecordedOnceThoughBothTheEngineAndTheLedgerReportIt() {
    try (AgentLaneFixture f = AgentLaneFixture.ofDefaults()) {
      f.ledger().assign(key, Lane.SANDBOX, "alice", "seeded");
      f.engine().decide(bot.readFile(".env"));
      f.ledger().reset(key, "dave");
      assertThat(f.recorder().events(DecisionRecorder.Halted.class)).hasSize(1);
      assertThat(f.recorder().events(DecisionRecorder.Reset.class)).hasSize(1);
    }
  }

  @Test
  void keepsAuditEntriesApartAndClearForgetsThemToo() {
    try (AgentLaneFixture f = AgentLaneFixture.ofDefaults()) {
      Decision d = f.engine().decide(bot.readFile("src/a.ts"));
      List<AuditEntry> audit = f.recorder().auditEntries();
      assertThat(audit).singleElement().satisfies(e -> {
        assertThat(e.kind()).isEqualTo(AuditRecord.Kind.DECISION);
        assertThat(e.actionDigest()).isEqualTo(d.actionDigest());
        assertThat(e.verdict()).isEqualTo(Verdict.ALLOW);
      });
      assertThat(f.recorder().events()).hasSize(1);
      f.recorder().close();
      f.engine().decide(bot.readFile("src/b.ts"));
      assertThat(f.recorder().auditEntries()).as("close does not stop recording").hasSize(2);
      f.recorder().clear();
      assertThat(f.recorder().auditEntries()).isEmpty();
      assertThat(f.recorder().events()).isEmpty();
    }
  }

  @Test
  void recordsWhatAGuardedToolRan() {
    try (AgentLaneFixture f = AgentLaneFixture.ofDefaults()) {
      dev.agentlane.guard.ToolGuard guard = dev.agentlane.guard.ToolGuard.of(f.engine());
      guard.call(bot.readFile("src/a.ts"), () -> "x");
      guard.call(bot.readFile("src/b.ts"), () -> {
        throw new java.io.IOException("gone");
      });
      assertThat(f.recorder().events()).extracting(DecisionRecorder.Event::kind)
          .containsExactly("decision", "execution", "decision", "execution");
      assertThat(f.recorder().timeline()).contains("RAN bot/fixes read_file (decision ")
          .contains("FAILED bot/fixes read_file (decision ").contains("ms): java.io.IOException: gone");
      AgentLaneAssertions.assertThat(f.recorder()).hasEventsInOrder("decision", "execution");
      assertThat(f.recorder().auditEntries()).extracting(AuditEntry::kind).containsExactly(AuditRecord.Kind.DECISION,
          AuditRecord.Kind.EXECUTION, AuditRecord.Kind.DECISION, AuditRecord.Kind.EXECUTION);
    }
  }
}
