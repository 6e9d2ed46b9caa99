package dev.agentlane.core.engine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.agentlane.Action;
import dev.agentlane.policy.Per;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fixed-window counters for rate limits and budgets, keyed by rule, subject and window, on the
 * engine's clock. Entries expire two windows after they are written, driven by the same clock, so
 * memory stays bounded by the number of active subjects; no live counter is ever evicted for size
 * (that would reset a budget and over-allow).
 *
 * <p>Thread-safe. {@link #tryAcquire} is exact under contention: a compare-and-set loop never lets a
 * counter pass its limit.
 */
final class WindowCounters {
  record Key(String ruleId, String subject, long window, long windowMillis) {}

  private final Cache<Key, AtomicLong> counters;

  WindowCounters(InstantSource clock) {
    this.counters = Caffeine.newBuilder()
        .executor(Runnable::run)
        .ticker(() -> {
          Instant now = clock.instant();
          return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        })
        .expireAfter(new Expiry<Key, AtomicLong>() {
          @Override
          public long expireAfterCreate(Key key, AtomicLong value, long currentTime) {
            return Duration.ofMillis(key.windowMillis()).multipliedBy(2).toNanos();
          }

          @Override
          public long expireAfterUpdate(Key key, AtomicLong value, long currentTime, long currentDuration) {
            return currentDuration;
          }

          @Override
          public long expireAfterRead(Key key, AtomicLong value, long currentTime, long currentDuration) {
            return currentDuration;
          }
        })
        .build();
  }

  /** The key of the window containing {@code now} for this rule and subject. */
  static Key key(String ruleId, String subject, Duration window, Instant now) {
    long millis = Math.max(1, window.toMillis());
    return new Key(ruleId, subject, Math.floorDiv(now.toEpochMilli(), millis), millis);
  }

  /** The counter's subject for an action. */
  static String subject(Per per, Action action) {
    return switch (per) {
      case PAIR -> action.agent() + "\u0000" + action.workflow();
      case AGENT -> action.agent();
      case WORKFLOW -> action.workflow();
      case RUN -> action.agent() + "\u0000" + action.workflow() + "\u0000" + (action.runId() == null ? "" : action.runId());
      case GLOBAL -> "";
    };
  }

  /** The end of the window a key belongs to. */
  static Instant windowEnd(Key key) {
    return Instant.ofEpochMilli((key.window() + 1) * key.windowMillis());
  }

  /** Counts one more event and returns the new count. */
  long increment(Key key) {
    return counter(key).incrementAndGet();
  }

  /** Takes one unit if fewer than {@code limit} are taken; exact under contention. */
  boolean tryAcquire(Key key, long limit) {
    AtomicLong c = counter(key);
    while (true) {
      long cur = c.get();
      if (cur >= limit) {
        return false;
      }
      if (c.compareAndSet(cur, cur + 1)) {
        return true;
      }
    }
  }

  /** Gives back one unit taken by {@link #tryAcquire}. */
  void release(Key key) {
    AtomicLong c = counters.getIfPresent(key);
    if (c != null) {
      c.updateAndGet(v -> v > 0 ? v - 1 : 0);
    }
  }

  /** The current count, 0 if none. */
  long current(Key key) {
    AtomicLong c = counters.getIfPresent(key);
    return c == null ? 0 : c.get();
  }

  private AtomicLong counter(Key key) {
    return counters.get(key, k -> new AtomicLong());
  }
}
