package dev.agentlane.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ManualClockTest {

  @Test
  void startsAtNewYear2026ByDefault() {
    assertThat(new ManualClock().instant()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(ManualClock.DEFAULT_START).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
  }

  @Test
  void onlyMovesWhenTold() {
    ManualClock clock = ManualClock.of("2026-03-01T09:00:00Z");
    assertThat(clock.instant()).isEqualTo(clock.instant()).isEqualTo(Instant.parse("2026-03-01T09:00:00Z"));
    assertThat(clock.advance(Duration.ofMinutes(5))).isEqualTo(Instant.parse("2026-03-01T09:05:00Z"));
    assertThat(clock.millis()).isEqualTo(Instant.parse("2026-03-01T09:05:00Z").toEpochMilli());
    clock.set(Instant.parse("2025-12-31T23:59:59Z"));
    assertThat(clock.instant()).isEqualTo(Instant.parse("2025-12-31T23:59:59Z"));
  }

  @Test
  void refusesNegativeAdvanceAndBadStart() {
    ManualClock clock = new ManualClock();
    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-3)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("duration must be >= 0 but was PT-3S");
    assertThatThrownBy(() -> ManualClock.of("yesterday"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'yesterday'");
    assertThat(clock.instant()).isEqualTo(ManualClock.DEFAULT_START);
  }

  @Test
  void concurrentAdvancesAreNeverLost() throws Exception {
    ManualClock clock = new ManualClock();
    int threads = 8;
    int perThread = 1_000;
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> all = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread thread = new Thread(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        for (int i = 0; i < perThread; i++) {
          clock.advance(Duration.ofSeconds(1));
        }
      });
      thread.start();
      all.add(thread);
    }
    start.countDown();
    for (Thread thread : all) {
      thread.join();
    }
    assertThat(clock.instant()).isEqualTo(ManualClock.DEFAULT_START.plusSeconds((long) threads * perThread));
  }
}
