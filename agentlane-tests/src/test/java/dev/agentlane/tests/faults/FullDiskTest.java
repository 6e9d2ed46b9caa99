package dev.agentlane.tests.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.agentlane.Action;
import dev.agentlane.AgentKey;
import dev.agentlane.AuditException;
import dev.agentlane.AuditRecord;
import dev.agentlane.Decision;
import dev.agentlane.Lane;
import dev.agentlane.PolicyEngine;
import dev.agentlane.ReasonCode;
import dev.agentlane.Verdict;
import dev.agentlane.core.TestPolicies;
import dev.agentlane.core.audit.AuditDurability;
import dev.agentlane.core.audit.AuditHead;
import dev.agentlane.core.audit.AuditLogs;
import dev.agentlane.core.audit.AuditVerification;
import dev.agentlane.core.audit.JsonLinesAuditSink;
import dev.agentlane.core.promotion.FileLedgerStore;
import dev.agentlane.core.promotion.LedgerLaneDirectory;
import dev.agentlane.policy.Policy;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A full disk under the audit log and the promotion ledger: real devices and file systems, no mocked
 * channel. {@code /dev/full} (Linux) fails every write with ENOSPC; a 256 KiB tmpfs, mounted for the test
 * when the process may mount (root, or passwordless sudo; otherwise those tests are skipped and say
 * why), fills up while the engine decides, and gets its space back.
 *
 * <p>What must hold: in the durable modes ({@code SYNC}, {@code GROUP_COMMIT}) a decision whose record
 * cannot be written is DENY, naming the disk's error; no acknowledged record is lost (every decision
 * returned before the disk filled is in the file, the chain intact up to the torn write); reopening the
 * sink once there is space truncates the torn line and continues the same chain; a halt the ledger
 * cannot save still latches.
 */
class FullDiskTest {
  private static final Path DEV_FULL = Path.of("/dev/full");
  private static final AgentKey BOT = AgentKey.of("bot", "fixes");
  private static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2026-11-24T10:00:00Z"));

  private @Nullable Path mountPoint;
  private @Nullable String mountPrefix;

  private static Action read(String path) {
    return Action.builder().key(BOT).tool("read_file").arguments(Map.of("path", path)).build();
  }

  private static PolicyEngine.Builder engine(Policy policy) {
    return PolicyEngine.builder().policy(policy).clock(CLOCK).workspace(TestPolicies.WORKSPACE);
  }

  // ---- /dev/full ---------------------------------------------------------------------------------

  @ParameterizedTest
  @EnumSource(value = AuditDurability.class, names = {"SYNC", "GROUP_COMMIT"})
  void auditLogOnDevFullDeniesEveryDecision(AuditDurability mode) {
    assumeThat(Files.isWritable(DEV_FULL)).as("/dev/full (Linux)").isTrue();
    try (JsonLinesAuditSink sink = AuditLogs.jsonLines(DEV_FULL, mode);
        PolicyEngine engine = engine(TestPolicies.realistic()).auditSink(sink).build()) {
      for (int i = 0; i < 3; i++) {
        Decision d = engine.decide(read("src/A.java"));
        assertThat(d.verdict()).isEqualTo(Verdict.DENY);
        assertThat(d.hasReason(ReasonCode.INTERNAL_ERROR)).isTrue();
        assertThat(d.reasons().get(0).ruleId()).isEqualTo("audit");
        assertThat(d.reasons().get(0).message()).contains("No space left on device");
      }
    }
  }

  /**
   * The queued modes acknowledge an entry once it is queued, so the first decision is ALLOW and its
   * record is lost with the failed write (logged at ERROR, as {@link AuditDurability} says); from then on
   * the sink refuses entries and every decision is DENY.
   */
  @ParameterizedTest
  @EnumSource(value = AuditDurability.class, names = {"ASYNC_BLOCK", "ASYNC_FAIL_CLOSED"})
  void queuedAuditLogOnDevFullDeniesOnceTheWriteHasFailed(AuditDurability mode) {
    assumeThat(Files.isWritable(DEV_FULL)).as("/dev/full (Linux)").isTrue();
    try (JsonLinesAuditSink sink = AuditLogs.jsonLines(DEV_FULL, mode);
        PolicyEngine engine = engine(TestPolicies.realistic()).auditSink(sink).build()) {
      assertThat(engine.decide(read("src/A.java")).verdict()).as("acknowledged when queued").isEqualTo(Verdict.ALLOW);
      AuditException flushed = org.assertj.core.api.Assertions.catchThrowableOfType(AuditException.class, sink::flush);
      assertThat(flushed).as("flush reports the failed write").isNotNull();
      assertThat(flushed.getMessage()).contains("No space left on device");
      Decision d = engine.decide(read("src/A.java"));
      assertThat(d.verdict()).isEqualTo(Verdict.DENY);
      assertThat(d.reasons().get(0).message()).contains("No space left on device");
    }
  }

  // ---- a small real file system ------------------------------------------------------------------

  /** Mounts a 256 KiB tmpfs, or skips the test saying why it cannot. */
  private Path smallFileSystem() throws Exception {
    Path point = Files.createTempDirectory("agentlane-full-disk-");
    String failure = null;
    for (String prefix : new String[] {"", "sudo -n "}) {
      Run r = run(prefix + "mount -t tmpfs -o size=256k,mode=0777 agentlane-full-disk " + point);
      if (r.exit() == 0) {
        mountPoint = point;
        mountPrefix = prefix;
        return point;
      }
      failure = r.output();
    }
    Files.delete(point);
    assumeThat(failure).as("mounting a small tmpfs needs root or passwordless sudo").isNull();
    throw new AssertionError("unreachable");
  }

  @AfterEach
  void unmount() throws Exception {
    if (mountPoint != null) {
      Run r = run(mountPrefix + "umount " + mountPoint);
      assertThat(r.exit()).as("umount: %s", r.output()).isZero();
      Files.delete(mountPoint);
    }
  }

  private record Run(int exit, String output) {}

  private static Run run(String command) throws Exception {
    Process p = new ProcessBuilder(command.split(" ")).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
    return new Run(p.exitValue(), out);
  }

  /** Writes {@code file} until the file system is full; returns how many bytes it took. */
  private static long fill(Path file) throws IOException {
    byte[] block = new byte[4096];
    long written = 0;
    try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      while (true) {
        out.write(block);
        out.flush();
        written += block.length;
      }
    } catch (IOException e) {
      assertThat(e.getMessage()).contains("No space left on device");
      return written;
    }
  }

  private static void shrinkBy(Path file, long bytes) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(Math.max(0, ch.size() - bytes));
    }
  }

  @ParameterizedTest
  @EnumSource(value = AuditDurability.class, names = {"SYNC", "GROUP_COMMIT"})
  void diskFillingUpDeniesWhatCannotBeRecordedLosesNoAcknowledgedRecordAndRecovers(AuditDurability mode)
      throws Exception {
    Path fs = smallFileSystem();
    Path log = fs.resolve("audit.jsonl");
    Path filler = fs.resolve("filler");
    List<String> allowedIds = new ArrayList<>();
    Decision refused = null;
    AuditHead lastAcknowledged;
    try (JsonLinesAuditSink sink = AuditLogs.jsonLines(log, mode);
        PolicyEngine engine = engine(TestPolicies.realistic()).auditSink(sink).build()) {
      assertThat(engine.decide(read("src/A.java")).verdict()).isEqualTo(Verdict.ALLOW);
      fill(filler);
      shrinkBy(filler, 8192); // room for a few records, then the disk is full again
      for (int i = 0; i < 10_000 && refused == null; i++) {
        Decision d = engine.decide(read("src/F" + i + ".java"));
        if (d.verdict() == Verdict.ALLOW) {
          allowedIds.add(d.id());
        } else {
          refused = d;
        }
      }
      assertThat(refused).as("the disk filled up").isNotNull();
      assertThat(refused.verdict()).isEqualTo(Verdict.DENY);
      assertThat(refused.reasons().get(0).ruleId()).isEqualTo("audit");
      assertThat(refused.reasons().get(0).message()).contains("No space left on device");
      lastAcknowledged = sink.head();
      // The sink refuses everything after a failed write: the state of the file's tail is unknown.
      assertThat(engine.decide(read("src/A.java")).verdict()).isEqualTo(Verdict.DENY);
    }
    assertThat(allowedIds).as("decisions recorded before the disk filled").isNotEmpty();

    // Every acknowledged record is in the file, with an intact chain up to the torn write (if any).
    List<AuditRecord> before = readComplete(log);
    assertThat(AuditLogs.verify(log, lastAcknowledged).records()).isGreaterThanOrEqualTo(lastAcknowledged.seq());
    assertThat(before).extracting(AuditRecord::detail).containsAll(allowedIds.stream().map(id -> "decision " + id).toList());

    // Space returns; reopening the sink truncates the torn line and continues the same chain.
    Files.delete(filler);
    long tornBytes;
    try (JsonLinesAuditSink sink = AuditLogs.jsonLines(log, mode);
        PolicyEngine engine = engine(TestPolicies.realistic()).auditSink(sink).build()) {
      assertThat(sink.recovery().head()).isEqualTo(lastAcknowledged);
      tornBytes = sink.recovery().truncatedBytes();
      Decision d = engine.decide(read("src/A.java"));
      assertThat(d.verdict()).isEqualTo(Verdict.ALLOW);
      allowedIds.add(d.id());
    }
    AuditVerification v = AuditLogs.verify(log);
    assertThat(v.ok()).as("%s", v.problem()).isTrue();
    List<AuditRecord> after = new ArrayList<>();
    AuditLogs.read(log, after::add);
    assertThat(after).extracting(AuditRecord::detail).containsAll(allowedIds.stream().map(id -> "decision " + id).toList());
    String refusedDetail = "decision " + refused.id();
    assertThat(after).noneMatch(r -> r.detail().equals(refusedDetail));
    System.out.printf("full disk (%s): %d decisions recorded before the disk filled, the next DENY (%s); after space"
        + " returned the sink truncated a torn line of %d bytes and the chain continued at seq %d, %d records verified%n",
        mode.code(), allowedIds.size() - 1, refused.reasons().get(0).message().replaceAll(".*: ", ""), tornBytes,
        lastAcknowledged.seq() + 1, v.records());
  }

  /** The records of a file whose last line may be torn. */
  private static List<AuditRecord> readComplete(Path log) {
    List<AuditRecord> records = new ArrayList<>();
    try {
      AuditLogs.read(log, records::add);
    } catch (AuditException e) {
      assertThat(e.getMessage()).as("only the last line may be torn").contains("incomplete");
    }
    return records;
  }

  @Test
  void haltLatchesWhenTheLedgersDiskIsFull() throws Exception {
    Path fs = smallFileSystem();
    Path filler = fs.resolve("filler");
    FileLedgerStore store = FileLedgerStore.open(fs.resolve("ledger"));
    Policy policy = TestPolicies.realistic();
    LedgerLaneDirectory ledger = LedgerLaneDirectory.builder().policy(policy).clock(CLOCK).store(store).build();
    try (PolicyEngine engine = engine(policy).laneDirectory(ledger).build()) {
      ledger.assign(BOT, Lane.SANDBOX, "admin", "full disk");
      fill(filler);
      Decision secrets = engine.decide(read(".env"));
      assertThat(secrets.verdict()).isNotEqualTo(Verdict.ALLOW);
      assertThat(engine.decide(read("src/A.java")).verdict()).as("the halt latched in memory").isEqualTo(Verdict.HALT);

      Files.delete(filler);
      assertThat(engine.lanes().reset(BOT, "alice")).isTrue();
      assertThat(engine.decide(read("src/A.java")).verdict()).isEqualTo(Verdict.ALLOW);
      assertThat(engine.lanes().status(BOT).lane()).as("the reset saved the halt's demotion").isEqualTo(Lane.DRAFT);
    }
    // What was saved survives a restart.
    LedgerLaneDirectory reopened = LedgerLaneDirectory.builder().policy(policy).clock(CLOCK)
        .store(FileLedgerStore.open(fs.resolve("ledger"))).build();
    assertThat(reopened.status(BOT).lane()).isEqualTo(Lane.DRAFT);
    assertThat(reopened.status(BOT).halted()).isFalse();
  }
}
