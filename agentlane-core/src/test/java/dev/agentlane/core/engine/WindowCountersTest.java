package dev.agentlane.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A decision counts in the window of its own time, also when it counts after the next window opened. */
class WindowCountersTest {
  private static final Duration HOUR = Duration.ofHours(1);
  private static final Instant T = Instant.parse("2026-11-24T10:59:59.999Z");

  private static WindowCounters.Key key(String rule, Instant at) {
    return WindowCounters.key(rule, "bot/fixes", HOUR, at);
  }

  /**
   * At an hour's end one thread reads 10:59:59.999 and another 11:00:00.001; the second takes budget
   * first and opens the 11 o'clock window. The first then took its unit from the 11 o'clock window, so
   * the log showed limit + 1 writes timed in the 10 o'clock hour.
   */
  @Test
  void lateDecisionAtAWindowsEndTakesFromItsOwnWindowNotTheNext() {
    WindowCounters counters = new WindowCounters();
    assertThat(counters.tryAcquire(key("budget", T), 2)).isTrue();
    assertThat(counters.tryAcquire(key("budget", T), 2)).isTrue();
    assertThat(counters.tryAcquire(key("budget", T.plusMillis(2)), 2)).as("11:00 opens its window").isTrue();
    assertThat(counters.tryAcquire(key("budget", T), 2)).as("10:59's window is full").isFalse();
    assertThat(counters.tryAcquire(key("budget", T.plusMillis(2)), 2)).isTrue();
    assertThat(counters.tryAcquire(key("budget", T.plusMillis(2)), 2)).isFalse();

    counters.release(key("budget", T));
    assertThat(counters.tryAcquire(key("budget", T), 2)).as("a refund goes back to its own window").isTrue();
  }

  @Test
  void decisionTimedBeforeThePreviousWindowTakesNoBudget() {
    WindowCounters counters = new WindowCounters();
    assertThat(counters.tryAcquire(key("budget", T.plus(HOUR)), 5)).isTrue();
    assertThat(counters.tryAcquire(key("budget", T.minus(HOUR)), 5)).isFalse();
  }

  @Test
  void rateCountsALateEventInItsOwnWindow() {
    WindowCounters counters = new WindowCounters();
    assertThat(counters.increment(key("rate", T))).isEqualTo(1);
    assertThat(counters.increment(key("rate", T.plusMillis(2)))).isEqualTo(1);
    assertThat(counters.increment(key("rate", T))).isEqualTo(2);
    assertThat(counters.increment(key("rate", T.plusMillis(2)))).isEqualTo(2);
    assertThat(counters.increment(key("rate", T.minus(HOUR)))).as("older than the previous window: counted in the current")
        .isEqualTo(3);
  }
}
