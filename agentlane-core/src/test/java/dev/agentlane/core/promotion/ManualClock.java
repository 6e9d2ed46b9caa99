package dev.agentlane.core.promotion;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;

/** A clock the test moves by hand. Thread-safe. */
final class ManualClock implements InstantSource {
  private final AtomicReference<Instant> now;

  ManualClock(String start) {
    this.now = new AtomicReference<>(Instant.parse(start));
  }

  void advance(Duration d) {
    now.updateAndGet(t -> t.plus(d));
  }

  void advanceDays(long days) {
    advance(Duration.ofDays(days));
  }

  @Override
  public Instant instant() {
    return now.get();
  }
}
