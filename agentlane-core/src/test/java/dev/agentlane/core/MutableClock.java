package dev.agentlane.core;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one clock core's tests move by hand (core cannot use the testkit's {@code ManualClock}: the testkit
 * depends on core). Thread-safe.
 */
public final class MutableClock implements InstantSource {
  private final AtomicReference<Instant> now;

  public MutableClock(Instant start) {
    this.now = new AtomicReference<>(start);
  }

  public static MutableClock startingAt(String instant) {
    return new MutableClock(Instant.parse(instant));
  }

  public void advance(Duration d) {
    now.updateAndGet(t -> t.plus(d));
  }

  public void advanceDays(long days) {
    advance(Duration.ofDays(days));
  }

  @Override
  public Instant instant() {
    return now.get();
  }
}
