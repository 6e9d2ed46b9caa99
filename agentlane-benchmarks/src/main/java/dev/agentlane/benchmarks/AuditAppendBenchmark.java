package dev.agentlane.benchmarks;

import dev.agentlane.AuditEntry;
import dev.agentlane.AuditException;
import dev.agentlane.AuditRecord;
import dev.agentlane.Verdict;
import dev.agentlane.core.audit.AuditDurability;
import dev.agentlane.core.audit.AuditLogs;
import dev.agentlane.core.audit.JsonLinesAuditSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Appending one decision record to the hash-chained JSON Lines audit log, in each durability mode,
 * from one and from two threads, next to an unguarded baseline (building the entry only). A fresh
 * file per iteration, in the default temporary directory. In {@code ASYNC_FAIL_CLOSED} mode a full
 * queue refuses the entry: the {@code accepted} and {@code refused} counters say how many of each.
 *
 * <p>Run: {@code ./benchmarks/run AuditAppendBenchmark -f 1 -wi 3 -i 5 -w 1 -r 1}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AuditAppendBenchmark {
  private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

  /** The durability mode. */
  @Param({"SYNC", "GROUP_COMMIT", "ASYNC_BLOCK", "ASYNC_FAIL_CLOSED"})
  public AuditDurability durability;

  private Path dir;
  private Path file;
  private JsonLinesAuditSink sink;

  /** Accepted and refused appends per thread (reported by JMH as rates). */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Outcome {
    public long accepted;
    public long refused;

    @Setup(Level.Iteration)
    public void reset() {
      accepted = 0;
      refused = 0;
    }
  }

  @Setup(Level.Trial)
  public void createDirectory() throws IOException {
    dir = Files.createTempDirectory("agentlane-audit-bench");
  }

  @Setup(Level.Iteration)
  public void open() {
    file = dir.resolve("audit-" + System.nanoTime() + ".jsonl");
    sink = AuditLogs.jsonLines(file, durability);
  }

  @TearDown(Level.Iteration)
  public void close() throws IOException {
    sink.close();
    Files.deleteIfExists(file);
  }

  @TearDown(Level.Trial)
  public void deleteDirectory() throws IOException {
    Files.deleteIfExists(dir);
  }

  private static AuditEntry entry(long n) {
    return new AuditEntry(T0.plusNanos(n), AuditRecord.Kind.DECISION, "bench-agent", "fixes",
        "3f9a1c0e5b7d2a4c6e8f0a1b3c5d7e9f1a2b4c6d8e0f2a4b6c8d0e2f4a6b8c0d", Verdict.DENY,
        List.of("sensitive-path"), List.of("stop.secrets"), "sandbox", "v1", null, "decision d-" + n);
  }

  private long next;

  private void append(Outcome outcome) {
    try {
      sink.append(entry(next++));
      outcome.accepted++;
    } catch (AuditException e) {
      outcome.refused++;
    }
  }

  /** One appending thread. */
  @Benchmark
  @Threads(1)
  public void append1(Outcome outcome) {
    append(outcome);
  }

  /** Two appending threads. */
  @Benchmark
  @Threads(2)
  public void append2(Outcome outcome) {
    append(outcome);
  }

  /** Baseline: building the entry only, no sink. */
  @Benchmark
  @Threads(1)
  public AuditEntry baseline() {
    return entry(next++);
  }
}
