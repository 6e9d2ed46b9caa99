package dev.agentlane.core.engine;

import dev.agentlane.Action;
import dev.agentlane.AgentKey;
import dev.agentlane.policy.Per;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Fixed-window counters for rate limits and budgets, one per rule and subject, on the engine's
 * clock. Each counter holds only its current window; a new window replaces the old one atomically.
 * Counters idle for two windows are swept now and then, so memory stays bounded by the number of
 * active subjects; a live counter is never dropped (that would reset a budget and over-allow).
 *
 * <p>Thread-safe. {@link #tryAcquire} is exact under contention: a compare-and-set loop never lets a
 * counter pass its limit.
 */
final class WindowCounters {
  /** A rule, a subject and the window an instant falls in. */
  record Key(String ruleId, Object subject, long window, long windowMillis) {
    Slot slot() {
      return new Slot(ruleId, subject);
    }
  }

  private record Slot(String ruleId, Object subject) {}

  /** A run of an agent and workflow. */
  private record Run(AgentKey key, @Nullable String runId) {}

  private static final class Window {
    final long index;
    final long millis;
    final AtomicLong count = new AtomicLong();

    Window(long index, long millis) {
      this.index = index;
      this.millis = millis;
    }
  }

  private static final int SWEEP_EVERY = 4096;

  private final ConcurrentHashMap<Slot, Window> windows = new ConcurrentHashMap<>();
  private final AtomicLong created = new AtomicLong();

  /** The key of the window containing {@code now} for this rule and subject. */
  static Key key(String ruleId, Object subject, Duration window, Instant now) {
    long millis = Math.max(1, window.toMillis());
    return new Key(ruleId, subject, Math.floorDiv(now.toEpochMilli(), millis), millis);
  }

  /** The counter's subject for an action: a value with equals and hashCode. */
  static Object subject(Per per, AgentKey key, Action action) {
    return switch (per) {
      case PAIR -> key;
      case AGENT -> "agent:" + action.agent();
      case WORKFLOW -> "workflow:" + action.workflow();
      case RUN -> new Run(key, action.runId());
      case GLOBAL -> "global";
    };
  }

  /** The end of the window a key belongs to. */
  static Instant windowEnd(Key key) {
    return Instant.ofEpochMilli((key.window() + 1) * key.windowMillis());
  }

  /** Counts one more event and returns the new count. */
  long increment(Key key) {
    return window(key).count.incrementAndGet();
  }

  /** Takes one unit if fewer than {@code limit} are taken; exact under contention. */
  boolean tryAcquire(Key key, long limit) {
    AtomicLong c = window(key).count;
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

  /** Gives back one unit taken by {@link #tryAcquire} in the same window. */
  void release(Key key) {
    Window w = windows.get(key.slot());
    if (w != null && w.index == key.window()) {
      w.count.updateAndGet(v -> v > 0 ? v - 1 : 0);
    }
  }


  private Window window(Key key) {
    Slot slot = key.slot();
    Window w = windows.get(slot);
    if (w != null && w.index >= key.window()) {
      return w; // the current window (or a later one, if another thread saw a later clock: count there)
    }
    Window next = windows.compute(slot, (s, old) ->
        old != null && old.index >= key.window() ? old : new Window(key.window(), key.windowMillis()));
    if (next.count.get() == 0 && created.incrementAndGet() % SWEEP_EVERY == 0) {
      sweep(key.window() * key.windowMillis());
    }
    return next;
  }

  /** Drops counters whose window ended more than one window before {@code nowMillis}. */
  private void sweep(long nowMillis) {
    windows.entrySet().removeIf(e -> (e.getValue().index + 2) * e.getValue().millis <= nowMillis);
  }
}
