package dev.agentlane.core.audit;

import static dev.agentlane.core.audit.AuditFixture.lines;
import static dev.agentlane.core.audit.AuditFixture.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A real crash: a child JVM appending in SYNC mode is killed with SIGKILL mid-stream. */
class AuditCrashTest {
  private static final int ACKS = 200;

  @TempDir
  Path dir;

  @Test
  @Timeout(30)
  void killNineLosesNoAcknowledgedRecordAndTheFileVerifiesAfterRecovery() throws Exception {
    Path file = dir.resolve("crash.jsonl");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb = new ProcessBuilder(java.toString(), "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), AuditCrashChild.class.getName(), file.toString());
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process child = pb.start();
    long lastAck = 0;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while (lastAck < ACKS && (line = out.readLine()) != null) {
        long seq = Long.parseLong(line.trim());
        assertThat(seq).isEqualTo(lastAck + 1);
        lastAck = seq;
      }
      assertThat(lastAck).as("acknowledgements before the child stopped").isEqualTo(ACKS);
    } finally {
      child.destroyForcibly();
      assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    AuditRecovery recovery;
    try (JsonLinesAuditSink sink = AuditLogs.jsonLines(file, AuditDurability.SYNC)) {
      recovery = sink.recovery();
    }
    assertThat(recovery.head().seq()).isGreaterThanOrEqualTo(lastAck);
    AuditVerification v = AuditLogs.verify(file);
    assertThat(v.ok()).as("%s", v.problem()).isTrue();
    assertThat(v.records()).isEqualTo(recovery.head().seq());
    List<Long> seqs = new ArrayList<>();
    for (String l : lines(file)) {
      seqs.add(parse(l).seq());
    }
    for (long s = 1; s <= lastAck; s++) {
      assertThat(seqs.get((int) s - 1)).isEqualTo(s);
    }
  }
}
