package dev.agentlane.core.audit;

import static dev.agentlane.core.audit.AuditFixture.entry;
import static dev.agentlane.core.audit.AuditFixture.lines;
import static dev.agentlane.core.audit.AuditFixture.parse;
import static dev.agentlane.core.audit.AuditFixture.writeLog;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentlane.Action;
import dev.agentlane.AuditEntry;
import dev.agentlane.AuditException;
import dev.agentlane.AuditRecord;
import dev.agentlane.Decision;
import dev.agentlane.Lane;
import dev.agentlane.PolicyEngine;
import dev.agentlane.core.EngineFixture;
import dev.agentlane.core.MutableClock;
import dev.agentlane.core.TestPolicies;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditChainTest {
  @TempDir
  Path dir;

  @Test
  void chainContinuesAcrossReopen() throws Exception {
    Path file = dir.resolve("audit.jsonl");
    AuditHead first = writeLog(file, 3);
    try (JsonLinesAuditSink sink = AuditLogs.jsonLines(file, AuditDurability.SYNC)) {
      assertThat(sink.recovery()).isEqualTo(new AuditRecovery(first, 0));
      sink.append(entry("e4"));
      sink.append(entry("e5"));
      assertThat(sink.head().seq()).isEqualTo(5);
    }
    List<String> lines = lines(file);
    assertThat(lines).hasSize(5);
    String previous = AuditRecord.GENESIS_HASH;
    for (int i = 0; i < lines.size(); i++) {
      AuditRecord r = parse(lines.get(i));
      assertThat(r.seq()).isEqualTo(i + 1);
      assertThat(r.previousHash()).isEqualTo(previous);
      assertThat(r.detail()).isEqualTo("e" + (i + 1));
      previous = r.hash();
    }
    AuditVerification v = AuditLogs.verify(file);
    assertThat(v.ok()).as("%s", v.problem()).isTrue();
    assertThat(v.records()).isEqualTo(5);
  }

  @Test
  void recordRoundTripsThroughTheFile() throws Exception {
    Path file = dir.resolve("audit.jsonl");
    AuditEntry policyEvent = AuditEntry.event(AuditFixture.T0, AuditRecord.Kind.POLICY_REJECTED, null, null, "v7",
        null, "line 3: \"quoted\"\nand a newline, ünïcode");
    try (JsonLinesAuditSink sink = AuditLogs.jsonLines(file, AuditDurability.SYNC)) {
      sink.append(entry("e1"));
      sink.append(policyEvent);
    }
    List<String> lines = lines(file);
    assertThat(lines).hasSize(2);
    assertThat(parse(lines.get(0)).entry()).isEqualTo(entry("e1"));
    assertThat(parse(lines.get(1)).entry()).isEqualTo(policyEvent);
    assertThat(lines.get(1)).startsWith("{\"seq\":2,\"time\":\"2026-11-24T10:00:00Z\",\"kind\":\"policy-rejected\","
        + "\"agent\":null,");
  }

  @Test
  void tornLastLineIsTruncatedOnOpenAndTheChainContinues() throws Exception {
    Path file = dir.resolve("audit.jsonl");
    AuditHead head = writeLog(file, 3);
    byte[] torn = "{\"seq\":4,\"time\":\"2026-11-2".getBytes(StandardCharsets.UTF_8);
    Files.write(file, torn, StandardOpenOption.APPEND);
    assertThat(AuditLogs.verify(file).problem()).satisfies(p -> {
      assertThat(p.kind()).isEqualTo(AuditVerification.Kind.TORN);
      assertThat(p.line()).isEqualTo(4);
    });

    try (JsonLinesAuditSink sink = AuditLogs.jsonLines(file, AuditDurability.GROUP_COMMIT)) {
      assertThat(sink.recovery().truncatedBytes()).isEqualTo(torn.length);
      assertThat(sink.recovery().repaired()).isTrue();
      assertThat(sink.recovery().head()).isEqualTo(head);
      sink.append(entry("e4"));
    }
    AuditVerification v = AuditLogs.verify(file);
    assertThat(v.ok()).as("%s", v.problem()).isTrue();
    assertThat(v.records()).isEqualTo(4);
  }

  @Test
  void completeButInvalidLastLineRefusesToOpen() throws Exception {
    Path file = dir.resolve("audit.jsonl");
    writeLog(file, 2);
    Files.writeString(file, "{\"seq\":3}\n", StandardOpenOption.APPEND);
    assertThatThrownBy(() -> AuditLogs.jsonLines(file, AuditDurability.SYNC))
        .isInstanceOfSatisfying(AuditException.class, e -> assertThat(e.failure()).isEqualTo(AuditException.Failure.CORRUPT))
        .hasMessageContaining("AuditVerifier");
  }

  @Test
  void aSecondSinkOnTheSameFileIsRefused() {
    Path file = dir.resolve("audit.jsonl");
    try (JsonLinesAuditSink sink = AuditLogs.jsonLines(file, AuditDurability.SYNC)) {
      assertThatThrownBy(() -> AuditLogs.jsonLines(file, AuditDurability.SYNC))
          .isInstanceOf(AuditException.class).hasMessageContaining("already open");
      sink.append(entry("e1"));
    }
    assertThat(AuditLogs.verify(file).records()).isEqualTo(1);
  }

  @Test
  void appendAfterCloseThrowsInEveryMode() {
    for (AuditDurability mode : AuditDurability.values()) {
      Path file = dir.resolve(mode.code() + ".jsonl");
      JsonLinesAuditSink sink = AuditLogs.jsonLines(file, mode);
      sink.append(entry("e1"));
      sink.close();
      sink.close();
      assertThatThrownBy(() -> sink.append(entry("e2")))
          .isInstanceOfSatisfying(AuditException.class, e -> assertThat(e.failure()).isEqualTo(AuditException.Failure.CLOSED));
      assertThat(AuditLogs.verify(file).records()).as(mode.code()).isEqualTo(1);
    }
  }

  @Test
  void argumentsNeverReachTheLogOnlyTheirDigest() throws Exception {
    PolicyEngine engine = EngineFixture.engine(TestPolicies.realistic(), new MutableClock(AuditFixture.T0)).build();
    EngineFixture.put(engine, EngineFixture.BOT, Lane.SANDBOX);
    Action action = Action.builder().key(EngineFixture.BOT).tool("write_file")
        .arguments(Map.of("path", "notes.txt", "content", "password=hunter2-SECRET")).build();
    Decision decision = engine.decide(action);
    Path file = dir.resolve("audit.jsonl");
    try (JsonLinesAuditSink sink = AuditLogs.jsonLines(file, AuditDurability.SYNC)) {
      sink.append(AuditEntry.decision(EngineFixture.BOT, decision));
    }
    String text = Files.readString(file);
    assertThat(text).doesNotContain("hunter2").doesNotContain("notes.txt")
        .contains(decision.actionDigest()).contains("\"verdict\":\"" + decision.verdict().code() + "\"");
  }
}
