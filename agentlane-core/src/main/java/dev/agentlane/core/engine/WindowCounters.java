package dev.agentlane.core.engine;

import dev.agentlane.Action;
import dev.agentlane.AgentKey;
import dev.agentlane.policy.Per;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
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
  record Key(String ruleId, Object subject, long window, long windowMillis) {}

  /** A run of an agent and workflow. */
  private record Run(AgentKey key, @Nullable String runId) {}

  /** Padding before a window's fields (superclass fields are laid out first). */
  @SuppressWarnings("unused")
  private abstract static class PadBefore {
    long p1, p2, p3, p4, p5, p6, p7;
  }

  /** A window's fields: which window, and its count. */
  private abstract static class Fields extends PadBefore {
    private static final VarHandle COUNT;

    static {
      try {
        COUNT = MethodHandles.lookup().findVarHandle(Fields.class, "count", long.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    final long index;
    final long millis;
    private volatile long count;

    Fields(long index, long millis) {
      this.index = index;
      this.millis = millis;
    }

    long count() {
      return count;
    }

    long incrementAndGet() {
      return (long) COUNT.getAndAdd(this, 1L) + 1;
    }

    boolean compareAndSet(long expected, long value) {
      return COUNT.compareAndSet(this, expected, value);
    }
  }

  /**
   * One subject's count in one window, padded so that no other window shares its cache lines: counters
   * of different agents are written by different threads, and the garbage collector may place their
   * windows next to each other.
   */
  @SuppressWarnings("unused")
  private static final class Window extends Fields {
    long q1, q2, q3, q4, q5, q6, q7;
    /** The window this one replaced, if it was the one just before; late decisions still count there. */
    volatile @Nullable Window previous;

    Window(long index, long millis) {
      super(index, millis);
    }
  }

  private static final int SWEEP_EVERY = 4096;

  /** By rule id, then by subject: two lookups of existing keys, and no key object to build per count. */
  private final ConcurrentHashMap<String, ConcurrentHashMap<Object, Window>> windows = new ConcurrentHashMap<>();
  private final AtomicLong created = new AtomicLong();

  /** The key of the window containing {@code now} for this rule and subject. */
  static Key key(String ruleId, Object subject, Duration window, Instant now) {
    long millis = millis(window);
    return new Key(ruleId, subject, windowIndex(now, millis), millis);
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

  /** The index of the window of {@code windowMillis} that {@code now} falls in. */
  static long windowIndex(Instant now, long windowMillis) {
    return Math.floorDiv(now.toEpochMilli(), windowMillis);
  }

  /** The length of a window in milliseconds, at least 1. */
  static long millis(Duration window) {
    return Math.max(1, window.toMillis());
  }

  /** Counts one more event for the rule and subject in the given window and returns the new count. */
  long increment(String ruleId, Object subject, long window, long windowMillis) {
    return window(ruleId, subject, window, windowMillis).incrementAndGet();
  }

  /**
   * The counters of one rule, for a caller that counts for that rule on every decision and keeps the
   * handle (one lookup less per count). Immutable handle; thread-safe.
   */
  final class Rule {
    private final ConcurrentHashMap<Object, Window> windows;

    private Rule(ConcurrentHashMap<Object, Window> windows) {
      this.windows = windows;
    }

    /** Whether this handle counts in {@code counters}. */
    boolean of(WindowCounters counters) {
      return counters == WindowCounters.this;
    }

    /** {@link WindowCounters#increment(String, Object, long, long)} for this rule. */
    long increment(Object subject, long window, long windowMillis) {
      return WindowCounters.this.window(windows, subject, window, windowMillis).incrementAndGet();
    }
  }

  /** The handle of a rule's counters. */
  Rule rule(String ruleId) {
    return new Rule(windows.computeIfAbsent(ruleId, k -> new ConcurrentHashMap<>()));
  }

  /** Counts one more event and returns the new count. */
  long increment(Key key) {
    return increment(key.ruleId(), key.subject(), key.window(), key.windowMillis());
  }

  /** Takes one unit if fewer than {@code limit} are taken; exact under contention. */
  boolean tryAcquire(Key key, long limit) {
    Window c = window(key.ruleId(), key.subject(), key.window(), key.windowMillis());
    if (c.index != key.window()) {
      return false; // timed before the previous window: its count is gone, so nothing can be taken from it
    }
    while (true) {
      long cur = c.count();
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
    ConcurrentHashMap<Object, Window> rule = windows.get(key.ruleId());
    Window w = rule == null ? null : rule.get(key.subject());
    if (w != null && w.index != key.window()) {
      w = w.previous;
    }
    if (w != null && w.index == key.window()) {
      while (true) {
        long cur = w.count();
        if (cur <= 0 || w.compareAndSet(cur, cur - 1)) {
          break;
        }
      }
    }
  }


  private Window window(String ruleId, Object subject, long index, long millis) {
    ConcurrentHashMap<Object, Window> rule = windows.get(ruleId);
    if (rule == null) {
      rule = windows.computeIfAbsent(ruleId, k -> new ConcurrentHashMap<>());
    }
    return window(rule, subject, index, millis);
  }

  /**
   * The window of the given index: the current one, or the one just before it if another thread has
   * already opened the next (a decision timed just before a window's end still counts in that window, so
   * a budget cannot be over-spent across the boundary); the current (later) window if the index is older
   * than that.
   */
  private Window window(ConcurrentHashMap<Object, Window> rule, Object subject, long index, long millis) {
    Window w = rule.get(subject);
    if (w != null && w.index >= index) {
      if (w.index == index) {
        return w;
      }
      Window previous = w.previous;
      return previous != null && previous.index == index ? previous : w;
    }
    Window next = rule.compute(subject, (s, old) -> {
      if (old != null && old.index >= index) {
        return old;
      }
      Window opened = new Window(index, millis);
      if (old != null && old.index == index - 1) {
        old.previous = null; // one window back is kept, not a chain
        opened.previous = old;
      }
      return opened;
    });
    if (next.index != index) {
      return window(rule, subject, index, millis); // another thread opened a later window meanwhile: look again
    }
    if (next.count() == 0 && created.incrementAndGet() % SWEEP_EVERY == 0) {
      sweep(index * millis);
    }
    return next;
  }

  /** Drops counters whose window ended more than one window before {@code nowMillis}. */
  private void sweep(long nowMillis) {
    for (ConcurrentHashMap<Object, Window> rule : windows.values()) {
      rule.entrySet().removeIf(e -> (e.getValue().index + 2) * e.getValue().millis <= nowMillis);
    }
  }
}
