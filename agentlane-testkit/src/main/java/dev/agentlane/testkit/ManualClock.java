package dev.agentlane.testkit;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that only moves when a test moves it, in the manner of Caffeine's {@code FakeTicker}: hand it to
 * {@code PolicyEngine.builder().clock(...)} and rate windows, budgets, grant expiry and promotion time in
 * lane become deterministic.
 *
 * <p>Thread-safe; share one instance between the engine and the test. Reads and moves are atomic; two
 * concurrent {@link #advance} calls both take effect. The clock may be set backwards with {@link #set}, as
 * a wall clock can be, but {@link #advance} refuses negative durations.
 *
 * <pre>{@code
 * ManualClock clock = ManualClock.of("2026-03-01T09:00:00Z");
 * PolicyEngine engine = PolicyEngine.builder().policy(policy).clock(clock).build();
 * clock.advance(Duration.ofMinutes(5));
 * }</pre>
 */
public final class ManualClock implements InstantSource {
  /** Where a clock made by {@link #ManualClock()} starts: {@code 2026-01-01T00:00:00Z}. */
  public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

  private final AtomicReference<Instant> now;

  /** A clock at {@link #DEFAULT_START}. */
  public ManualClock() {
    this(DEFAULT_START);
  }

  /**
   * A clock at {@code start}.
   *
   * @throws NullPointerException if {@code start} is null
   */
  public ManualClock(Instant start) {
    this.now = new AtomicReference<>(Objects.requireNonNull(start, "start"));
  }

  /**
   * A clock at an ISO-8601 instant such as {@code 2026-01-01T00:00:00Z}.
   *
   * @throws IllegalArgumentException if {@code isoInstant} is not an ISO-8601 instant
   */
  public static ManualClock of(String isoInstant) {
    Objects.requireNonNull(isoInstant, "isoInstant");
    try {
      return new ManualClock(Instant.parse(isoInstant));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "start must be an ISO-8601 instant such as 2026-01-01T00:00:00Z but was '" + isoInstant + "'", e);
    }
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  /**
   * Moves the clock forward.
   *
   * @return the new time
   * @throws IllegalArgumentException if {@code duration} is negative
   */
  public Instant advance(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("duration must be >= 0 but was " + duration);
    }
    return now.updateAndGet(t -> t.plus(duration));
  }

  /** Sets the clock to {@code instant}, forwards or backwards. */
  public void set(Instant instant) {
    now.set(Objects.requireNonNull(instant, "instant"));
  }

  @Override
  public String toString() {
    return "ManualClock{" + now.get() + "}";
  }
}
