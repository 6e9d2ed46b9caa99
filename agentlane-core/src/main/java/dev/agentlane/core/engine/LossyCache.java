package dev.agentlane.core.engine;

import org.jspecify.annotations.Nullable;

/**
 * A small fixed-size cache of immutable values computed by pure functions (a path normalized against a
 * root, a parsed shell line), keyed by two strings: a scope (the workspace root, or {@code ""}) and a key.
 * Direct-mapped: each key has one slot, and a new entry replaces whatever held the slot. A lookup is one
 * array read and two string comparisons, with no lock, no allocation and no shared write; only a miss
 * writes its slot.
 *
 * <p>Thread-safe: entries are immutable (final fields), so a thread that reads a slot another thread
 * wrote sees a whole entry or none. Two threads may compute the same value at once; both results are
 * equal. Correctness never depends on a hit: a miss recomputes. Values must be immutable and must depend
 * on nothing but the scope and the key.
 *
 * @param <V> the value type
 */
final class LossyCache<V> {
  private record Entry<V>(String scope, String key, V value) {}

  private final Entry<V>[] slots;
  private final int mask;

  /** A cache of {@code size} slots, rounded up to a power of two. */
  @SuppressWarnings("unchecked")
  LossyCache(int size) {
    int n = Integer.highestOneBit(Math.max(2, size - 1)) << 1;
    this.slots = (Entry<V>[]) new Entry<?>[n];
    this.mask = n - 1;
  }

  private int index(String scope, String key) {
    int h = key.hashCode() * 31 + scope.hashCode();
    return (h ^ (h >>> 16)) & mask;
  }

  /** The cached value, or {@code null}. */
  @Nullable V get(String scope, String key) {
    Entry<V> e = slots[index(scope, key)];
    return e != null && e.key.equals(key) && e.scope.equals(scope) ? e.value : null;
  }

  /** Caches a value, replacing whatever held its slot. */
  void put(String scope, String key, V value) {
    slots[index(scope, key)] = new Entry<>(scope, key, value);
  }
}
