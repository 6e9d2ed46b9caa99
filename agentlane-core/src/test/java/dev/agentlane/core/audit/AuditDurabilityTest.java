package dev.agentlane.core.audit;

import static dev.agentlane.core.audit.AuditFixture.entry;
import static dev.agentlane.core.audit.AuditFixture.lines;
import static dev.agentlane.core.audit.AuditFixture.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentlane.AuditException;
import dev.agentlane.AuditRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(60)
class AuditDurabilityTest {
  private static final int THREADS = 8;
  private static final int PER_THREAD = 250;

  @TempDir
  Path dir;

  /**
   * A caller whose thread is interrupted (a cancelled task, a timeout) appends like any other: a file
   * channel closes itself when an interrupted thread writes through it, which used to turn the sink into
   * one that refuses every entry, for every caller.
   */
  @ParameterizedTest
  @EnumSource(AuditDurability.class)
  void interruptedCallerNeitherLosesItsRecordNorClosesTheLog(AuditDurability mode) throws Exception {
    Path file = dir.resolve(mode.code() + "-interrupted.jsonl");
    List<Throwable> failures = new ArrayList<>();
    boolean[] stillInterrupted = new boolean[1];
    try (JsonLinesAuditSink sink = AuditLogs.jsonLines(file, mode)) {
      sink.append(entry("before"));
      Thread caller = new Thread(() -> {
        Thread.currentThread().interrupt();
        try {
          sink.append(entry("interrupted"));
        } catch (RuntimeException e) {
          failures.add(e);
        }
        stillInterrupted[0] = Thread.currentThread().isInterrupted();
      });
      caller.start();
      caller.join();
      sink.append(entry("after"));
      sink.flush();
    }
    assertThat(failures).isEmpty();
    assertThat(stillInterrupted[0]).as("the caller's interrupt status is left as it was").isTrue();
    AuditVerification v = AuditLogs.verify(file);
    assertThat(v.ok()).as("%s", v.problem()).isTrue();
    assertThat(lines(file)).hasSize(3);
    assertThat(lines(file).get(lines(file).size() - 1)).contains("after");
  }

  @ParameterizedTest
  @EnumSource(AuditDurability.class)
  void concurrentAppendsYieldAVerifiableFileWithEveryRecordOnce(AuditDurability mode) throws Exception {
    Path file = dir.resolve(mode.code() + ".jsonl");
    // Big enough that fail-closed never refuses here; refusal has its own test.
    int capacity = THREADS * PER_THREAD;
    List<Throwable> refused = new ArrayList<>();
    try (JsonLinesAuditSink sink = AuditLogs.jsonLines(file, mode, capacity)) {
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      try {
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          int thread = t;
          futures.add(pool.submit(() -> {
            start.await();
            for (int i = 0; i < PER_THREAD; i++) {
              sink.append(entry("t" + thread + "-" + i));
            }
            return null;
          }));
        }
        start.countDown();
        for (Future<?> f : futures) {
          try {
            f.get(30, TimeUnit.SECONDS);
          } catch (java.util.concurrent.ExecutionException e) {
            refused.add(e.getCause());
          }
        }
      } finally {
        pool.shutdownNow();
      }
      sink.flush();
      assertThat(sink.head().seq()).isEqualTo(THREADS * PER_THREAD);
    }
    assertThat(refused).isEmpty();

    AuditVerification v = AuditLogs.verify(file);
    assertThat(v.ok()).as("%s", v.problem()).isTrue();
    assertThat(v.records()).isEqualTo(THREADS * PER_THREAD);
    Set<String> details = new HashSet<>();
    long previous = 0;
    for (String line : lines(file)) {
      AuditRecord r = parse(line);
      assertThat(r.seq()).isGreaterThan(previous);
      previous = r.seq();
      details.add(r.detail());
    }
    Set<String> expected = new HashSet<>();
    for (int t = 0; t < THREADS; t++) {
      for (int i = 0; i < PER_THREAD; i++) {
        expected.add("t" + t + "-" + i);
      }
    }
    assertThat(details).isEqualTo(expected);
  }

  @Test
  void failClosedQueueRefusesWhenFullAndKeepsWhatItAccepted() throws Exception {
    Path file = dir.resolve("fail-closed.jsonl");
    CountDownLatch gate = new CountDownLatch(1);
    JsonLinesAuditSink sink = JsonLinesAuditSink.open(file, AuditDurability.ASYNC_FAIL_CLOSED, 2, () -> await(gate));
    try {
      sink.append(entry("a"));
      sink.append(entry("b"));
      assertThatThrownBy(() -> sink.append(entry("c")))
          .isInstanceOfSatisfying(AuditException.class,
              e -> assertThat(e.failure()).isEqualTo(AuditException.Failure.QUEUE_FULL))
          .hasMessageContaining("full");
    } finally {
      gate.countDown();
      sink.close();
    }
    AuditVerification v = AuditLogs.verify(file);
    assertThat(v.ok()).isTrue();
    assertThat(v.records()).isEqualTo(2);
    assertThat(lines(file)).extracting(l -> parse(l).detail()).containsExactly("a", "b");
  }

  @Test
  void blockingQueueHoldsTheAppenderUntilThereIsRoom() throws Exception {
    Path file = dir.resolve("block.jsonl");
    CountDownLatch gate = new CountDownLatch(1);
    JsonLinesAuditSink sink = JsonLinesAuditSink.open(file, AuditDurability.ASYNC_BLOCK, 2, () -> await(gate));
    Thread third;
    try {
      sink.append(entry("a"));
      sink.append(entry("b"));
      third = new Thread(() -> sink.append(entry("c")));
      third.start();
      while (third.getState() != Thread.State.TIMED_WAITING && third.getState() != Thread.State.WAITING) {
        Thread.onSpinWait();
      }
      assertThat(third.isAlive()).as("the third append waits for room").isTrue();
      assertThat(sink.head().seq()).isZero();
    } finally {
      gate.countDown();
    }
    third.join();
    sink.close();
    assertThat(lines(file)).extracting(l -> parse(l).detail()).containsExactly("a", "b", "c");
  }

  @ParameterizedTest
  @EnumSource(value = AuditDurability.class, names = {"ASYNC_BLOCK", "ASYNC_FAIL_CLOSED"})
  void flushMakesEveryQueuedRecordDurable(AuditDurability mode) throws Exception {
    Path file = dir.resolve(mode.code() + ".jsonl");
    try (JsonLinesAuditSink sink = AuditLogs.jsonLines(file, mode)) {
      for (int i = 0; i < 100; i++) {
        sink.append(entry("e" + i));
      }
      sink.flush();
      assertThat(lines(file)).hasSize(100);
      assertThat(AuditLogs.verify(file, sink.head()).ok()).isTrue();
    }
  }

  @Test
  void closeWritesEverythingAcceptedBeforeIt() throws Exception {
    Path file = dir.resolve("close.jsonl");
    CountDownLatch gate = new CountDownLatch(1);
    JsonLinesAuditSink sink = JsonLinesAuditSink.open(file, AuditDurability.ASYNC_BLOCK, 64, () -> await(gate));
    for (int i = 0; i < 50; i++) {
      sink.append(entry("e" + i));
    }
    gate.countDown();
    sink.close();
    assertThat(AuditLogs.verify(file).records()).isEqualTo(50);
  }

  private static void await(CountDownLatch gate) {
    try {
      gate.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
