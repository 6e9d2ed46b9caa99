package dev.agentlane.core.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentlane.AgentKey;
import dev.agentlane.Lane;
import dev.agentlane.policy.Policy;
import dev.agentlane.promotion.LedgerListener;
import dev.agentlane.promotion.LedgerStore;
import dev.agentlane.promotion.Outcome;
import dev.agentlane.promotion.PairMetrics;
import dev.agentlane.promotion.RecordedOutcome;
import dev.agentlane.promotion.ReviewResult;
import dev.agentlane.promotion.Severity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Eight threads record for one pair at once, started together behind a latch: no update is lost. */
class LedgerConcurrencyTest {
  static final AgentKey KEY = AgentKey.of("release-bot", "dependency-bumps");
  static final int THREADS = 8;

  @TempDir Path dir;

  @Test
  void concurrentOutcomesForOnePairAreCountedExactlyInMemory() throws Exception {
    hammer(new InMemoryLedgerStore(), 500);
  }

  @Test
  void concurrentOutcomesForOnePairAreCountedExactlyOnFile() throws Exception {
    FileLedgerStore store = FileLedgerStore.open(dir);
    hammer(store, 10);
    LedgerLaneDirectory reopened = LedgerLaneDirectory.builder().policy(Policy.builder().build())
        .store(FileLedgerStore.open(dir)).build();
    assertThat(reopened.metrics(KEY).reviews()).isEqualTo(THREADS * 10L);
  }

  private void hammer(LedgerStore store, int perThread) throws Exception {
    AtomicLong heard = new AtomicLong();
    LedgerLaneDirectory ledger = LedgerLaneDirectory.builder().policy(Policy.builder().build()).store(store)
        .listener(new LedgerListener() {
          @Override
          public void outcomeRecorded(RecordedOutcome outcome) {
            heard.incrementAndGet();
          }
        }).build();
    ledger.assign(KEY, Lane.GOVERNED, "admin", "start");
    CountDownLatch ready = new CountDownLatch(THREADS);
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        futures.add(pool.submit(() -> {
          ready.countDown();
          go.await();
          for (int i = 0; i < perThread; i++) {
            ledger.record(KEY, i % 2 == 0 ? Outcome.clean() : Outcome.review(ReviewResult.CHANGES_REQUESTED),
                "thread-" + thread);
            ledger.record(KEY, Outcome.rework(), "thread-" + thread);
            ledger.record(KEY, Outcome.incident(Severity.LOW, "i"), "thread-" + thread);
            ledger.record(KEY, Outcome.stopConditionHit("rate", "r" + thread), "thread-" + thread);
          }
          return null;
        }));
      }
      assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
      go.countDown();
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    long total = (long) THREADS * perThread;
    PairMetrics m = ledger.metrics(KEY);
    assertThat(m.lane()).isEqualTo(Lane.GOVERNED);
    assertThat(m.reviews()).isEqualTo(total);
    assertThat(m.clean() + m.changesRequested()).isEqualTo(total);
    assertThat(m.clean()).isEqualTo(THREADS * ((perThread + 1) / 2L));
    assertThat(m.rework()).isEqualTo(total);
    assertThat(m.incidents()).isEqualTo(Map.of(Severity.LOW, total));
    assertThat(m.stopConditionHits()).isEqualTo(Map.of("rate", total));
    assertThat(heard.get()).isEqualTo(4 * total);
    assertThat(store.load(KEY).orElseThrow().version()).as("one version per change, none lost")
        .isEqualTo(1 + 4 * total);
  }
}
