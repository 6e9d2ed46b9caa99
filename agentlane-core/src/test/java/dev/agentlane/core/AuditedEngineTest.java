package dev.agentlane.core;

import static dev.agentlane.core.EngineFixture.BOT;
import static dev.agentlane.core.EngineFixture.engine;
import static dev.agentlane.core.EngineFixture.read;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentlane.AuditEntry;
import dev.agentlane.AuditException;
import dev.agentlane.AuditRecord;
import dev.agentlane.Decision;
import dev.agentlane.GrantScope;
import dev.agentlane.PolicyEngine;
import dev.agentlane.ReasonCode;
import dev.agentlane.Verdict;
import dev.agentlane.core.audit.AuditDurability;
import dev.agentlane.core.audit.AuditLogs;
import dev.agentlane.core.audit.JsonLinesAuditSink;
import dev.agentlane.spi.AuditSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine records every decision and event, and denies what it cannot record. */
class AuditedEngineTest {
  private final MutableClock clock = MutableClock.startingAt("2026-11-24T10:00:00Z");
  @TempDir Path dir;

  @Test
  void everyDecisionAndEventLeavesAVerifiableRecord() throws Exception {
    Path log = dir.resolve("audit.jsonl");
    try (JsonLinesAuditSink sink = AuditLogs.jsonLines(log, AuditDurability.SYNC);
        PolicyEngine engine = engine(TestPolicies.realistic(), clock).auditSink(sink).build()) {
      engine.decide(read("src/A.java"));
      engine.decide(read(".env"));
      engine.lanes().reset(BOT, "alice");
      engine.grants().issue(read("src/B.java"), GrantScope.exactAction(), "alice", "ok");
      engine.update(TestPolicies.builder().version("test-2").build());
    }
    List<String> lines = Files.readAllLines(log);
    assertThat(lines).hasSize(6);
    assertThat(lines.get(0)).contains("\"kind\":\"decision\"").contains("\"verdict\":\"allow\"");
    // The halt latches while the decision is made, so its event precedes the decision's record.
    assertThat(lines.get(1)).contains("\"kind\":\"halt\"").contains("sensitive-path");
    assertThat(lines.get(2)).contains("\"kind\":\"decision\"").contains("\"verdict\":\"halt\"");
    assertThat(lines.get(3)).contains("\"kind\":\"reset\"").contains("alice");
    assertThat(lines.get(4)).contains("\"kind\":\"grant\"");
    assertThat(lines.get(5)).contains("\"kind\":\"policy-reload\"");
    assertThat(String.join("\n", lines)).doesNotContain("src/A.java").as("arguments never reach the log");
    assertThat(AuditLogs.verify(log).ok()).isTrue();
  }

  @Test
  void aRecordTheSinkRefusesDeniesTheAction() {
    AuditSink refusing = new AuditSink() {
      @Override
      public void append(AuditEntry entry) {
        throw new AuditException(AuditException.Failure.IO_ERROR, "disk full");
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    try (PolicyEngine engine = engine(TestPolicies.realistic(), clock).auditSink(refusing).build()) {
      Decision d = engine.decide(read("src/A.java"));
      assertThat(d.verdict()).isEqualTo(Verdict.DENY);
      assertThat(d.hasReason(ReasonCode.INTERNAL_ERROR)).isTrue();
      assertThat(d.reasons().get(0).message()).contains("disk full");
    }
  }
}
