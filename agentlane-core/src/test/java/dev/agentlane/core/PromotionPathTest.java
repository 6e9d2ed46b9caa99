package dev.agentlane.core;

import static dev.agentlane.core.EngineFixture.read;
import static dev.agentlane.core.EngineFixture.shell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentlane.AgentKey;
import dev.agentlane.Lane;
import dev.agentlane.PolicyEngine;
import dev.agentlane.ReasonCode;
import dev.agentlane.Verdict;
import dev.agentlane.core.audit.AuditDurability;
import dev.agentlane.core.audit.AuditLogs;
import dev.agentlane.core.audit.JsonLinesAuditSink;
import dev.agentlane.core.promotion.FileLedgerStore;
import dev.agentlane.core.promotion.LedgerLaneDirectory;
import dev.agentlane.policy.Policy;
import dev.agentlane.promotion.Outcome;
import dev.agentlane.promotion.PromotionException;
import dev.agentlane.promotion.PromotionProposal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An agent earns its next lane from measured outcomes, through the real engine, ledger and audit log. */
class PromotionPathTest {
  private static final AgentKey BOT = EngineFixture.BOT;
  private final MutableClock clock = MutableClock.startingAt("2026-11-24T10:00:00Z");
  @TempDir Path dir;

  @Test
  void cleanWorkOverSeveralCyclesEarnsTheNextLaneOneAtATime() throws Exception {
    Policy policy = TestPolicies.realistic();
    Path log = dir.resolve("audit.jsonl");
    LedgerLaneDirectory ledger = LedgerLaneDirectory.builder().policy(policy).clock(clock)
        .store(FileLedgerStore.open(dir.resolve("ledger"))).build();
    try (JsonLinesAuditSink sink = AuditLogs.jsonLines(log, AuditDurability.SYNC);
        PolicyEngine engine = EngineFixture.engine(policy, clock).laneDirectory(ledger).auditSink(sink).build()) {
      assertThat(engine.decide(shell("npm test")).hasReason(ReasonCode.LANE_TOO_LOW)).isTrue();

      PromotionProposal early = ledger.propose(BOT);
      assertThat(early.eligible()).isFalse();
      assertThatThrownBy(() -> ledger.promote(BOT, "alice", "too early")).isInstanceOf(PromotionException.class);

      for (int cycle = 1; cycle <= 3; cycle++) {
        for (int i = 0; i < 10; i++) {
          ledger.record(BOT, Outcome.clean(), "ci");
        }
        ledger.record(BOT, Outcome.releaseCycle("r" + cycle), "release-manager");
        clock.advance(Duration.ofDays(7));
      }
      PromotionProposal ready = ledger.propose(BOT);
      assertThat(ready.eligible()).as(ready.explain()).isTrue();
      assertThat(ready.to()).isEqualTo(Lane.SANDBOX);
      ledger.promote(BOT, "alice", "30 clean reviews over 3 cycles");
      assertThat(engine.decide(shell("npm test")).verdict()).isEqualTo(Verdict.ALLOW);
      assertThat(ledger.propose(BOT).eligible()).as("evidence starts fresh in the new lane").isFalse();

      assertThat(engine.decide(read(".env")).verdict()).isEqualTo(Verdict.HALT);
      assertThat(ledger.metrics(BOT).halted()).isTrue();
      assertThat(ledger.status(BOT).lane()).as("a halt demotes at once").isEqualTo(Lane.DRAFT);
      assertThat(ledger.metrics(BOT).demotions()).isEqualTo(1);
      assertThat(engine.decide(read("src/A.java")).verdict()).isEqualTo(Verdict.HALT);
      engine.lanes().reset(BOT, "alice");
      assertThat(engine.decide(read("src/A.java")).verdict()).isEqualTo(Verdict.ALLOW);
      assertThat(engine.decide(shell("npm test")).hasReason(ReasonCode.LANE_TOO_LOW))
          .as("sandbox must be earned again").isTrue();
    }
    List<String> records = Files.readAllLines(log);
    assertThat(records).anySatisfy(r -> assertThat(r).contains("\"kind\":\"promotion\"").contains("alice"));
    assertThat(records).anySatisfy(r -> assertThat(r).contains("\"kind\":\"halt\""));
    assertThat(records).anySatisfy(r -> assertThat(r).contains("\"kind\":\"demotion\"").contains("halted: "));
    assertThat(records).anySatisfy(r -> assertThat(r).contains("\"kind\":\"reset\""));
    assertThat(AuditLogs.verify(log).ok()).isTrue();

    LedgerLaneDirectory restarted = LedgerLaneDirectory.builder().policy(policy).clock(clock)
        .store(FileLedgerStore.open(dir.resolve("ledger"))).build();
    assertThat(restarted.status(BOT).lane()).as("the lane survives a restart").isEqualTo(Lane.DRAFT);
    assertThat(restarted.metrics(BOT).promotions()).isEqualTo(1);
  }

  @Test
  void criteriaComeFromThePolicyUnlessTheLedgerSetsThem() {
    Policy policy = TestPolicies.builder().promotion("sandbox", dev.agentlane.promotion.PromotionCriteria.builder()
        .minObservations(3).minReleaseCycles(0).minTimeInLane(Duration.ofMinutes(1)).minCleanRateLowerBound(0.4)
        .maxReworkUpperBound(0.6).build())
        .build();
    LedgerLaneDirectory ledger = LedgerLaneDirectory.builder().policy(policy).clock(clock)
        .store(new dev.agentlane.core.promotion.InMemoryLedgerStore()).build();
    for (int i = 0; i < 3; i++) {
      ledger.record(BOT, Outcome.clean(), "ci");
    }
    clock.advance(Duration.ofMinutes(2));
    assertThat(ledger.propose(BOT).eligible()).as(ledger.propose(BOT).explain()).isTrue();
    assertThat(ledger.criteriaFor(Lane.GOVERNED).minObservations()).as("other lanes keep the defaults").isEqualTo(20);
  }
}
