package dev.agentlane.core.audit;

import dev.agentlane.AuditEntry;
import dev.agentlane.AuditRecord;
import dev.agentlane.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Entries and file surgery for the audit tests. */
final class AuditFixture {
  private AuditFixture() {}

  static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

  /** A decision entry; its detail names it, so tests can tell entries apart. */
  static AuditEntry entry(String name) {
    boolean deny = name.hashCode() % 2 == 0;
    return new AuditEntry(T0.plusMillis(Math.abs(name.hashCode() % 100_000)), AuditRecord.Kind.DECISION, "bot",
        "fixes", "ab".repeat(32), deny ? Verdict.DENY : Verdict.ALLOW,
        deny ? List.of("sensitive-path") : List.of(), deny ? List.of("stop.secrets") : List.of(), "sandbox", "v1",
        null, name);
  }

  /** Writes {@code n} records (details e1 … en) in SYNC mode and returns the head. */
  static AuditHead writeLog(Path file, int n) {
    try (JsonLinesAuditSink sink = JsonLinesAuditSink.open(file, AuditDurability.SYNC)) {
      for (int i = 1; i <= n; i++) {
        sink.append(entry("e" + i));
      }
      return sink.head();
    }
  }

  static List<String> lines(Path file) throws IOException {
    return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
  }

  static void writeLines(Path file, List<String> lines) throws IOException {
    StringBuilder b = new StringBuilder();
    for (String l : lines) {
      b.append(l).append('\n');
    }
    Files.writeString(file, b, StandardCharsets.UTF_8);
  }

  /** A well-formed record line with a correct hash, as a forger who knows the format would write it. */
  static String forge(long seq, AuditEntry e, String previousHash) {
    byte[] line = AuditCodec.encode(seq, e, previousHash).line();
    return new String(line, 0, line.length - 1, StandardCharsets.UTF_8);
  }

  static AuditRecord parse(String line) throws Exception {
    return AuditCodec.decode(line.getBytes(StandardCharsets.UTF_8)).record();
  }
}
