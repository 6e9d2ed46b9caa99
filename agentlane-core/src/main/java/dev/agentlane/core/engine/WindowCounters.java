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
 * clock. Each counter holds its current window and the one just before it; a new window replaces the
 * old one atomically. A decision counts in the window of its own time: at a window's end, a decision
 * that read the clock just before it and counts just after another thread opened the next window still
 * counts in its own (the previous) window, so a budget of N per window never allows more than N decisions
 * timed in that window. A decision timed before the previous window (a thread stalled for a whole window,
 * or a clock stepped back) takes no budget ({@link #tryAcquire} refuses it) and counts its rate in the
 * current window.
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
    /** The window this one replaced, if it was the one just before; late decisions still count there. */
    volatile @Nullable Window previous;

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
    Window w = window(key);
    if (w.index != key.window()) {
      return false; // timed before the previous window: its count is gone, so nothing can be taken from it
    }
    AtomicLong c = w.count;
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
    if (w != null && w.index != key.window()) {
      w = w.previous;
    }
    if (w != null && w.index == key.window()) {
      w.count.updateAndGet(v -> v > 0 ? v - 1 : 0);
    }
  }


  /**
   * The window of the key's time: the current one, or the one just before it if another thread has
   * already opened the next; the current (later) window if the key's is older than that.
   */
  private Window window(Key key) {
    Slot slot = key.slot();
    Window w = windows.get(slot);
    if (w != null && w.index >= key.window()) {
      if (w.index == key.window()) {
        return w;
      }
      Window previous = w.previous;
      return previous != null && previous.index == key.window() ? previous : w;
    }
    Window next = windows.compute(slot, (s, old) -> {
      if (old != null && old.index >= key.window()) {
        return old;
      }
      Window opened = new Window(key.window(), key.windowMillis());
      if (old != null && old.index == key.window() - 1) {
        old.previous = null; // one window back is kept, not a chain
        opened.previous = old;
      }
      return opened;
    });
    if (next.index != key.window()) {
      return window(key); // another thread opened a later window meanwhile: look again
    }
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
