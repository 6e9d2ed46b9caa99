package dev.agentlane.core.engine;

import org.jspecify.annotations.Nullable;

/**
 * A small fixed-size cache of immutable values computed by pure functions (a path normalized against a
 * root, a parsed shell line), keyed by two strings: a scope (the workspace root, or {@code ""}) and a key.
 * Two-way set-associative: each key may sit in either slot of its pair, the newer entry first; a new
 * entry moves the newer one to the second slot and drops the older. (Direct-mapped, two keys that share
 * a slot evict each other on every use: with a thousand lines in 4,096 slots, about one line in four had
 * such a rival and was parsed afresh each time.) A lookup is at most two array reads and string
 * comparisons, with no lock, no allocation and no shared write; only a miss writes.
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

  /** The first slot of the key's pair (package-private for tests). */
  int index(String scope, String key) {
    int h = key.hashCode() * 31 + scope.hashCode();
    return (h ^ (h >>> 16)) & mask & ~1;
  }

  /** The cached value, or {@code null}. */
  @Nullable V get(String scope, String key) {
    int i = index(scope, key);
    Entry<V> e = slots[i];
    if (e != null && e.key.equals(key) && e.scope.equals(scope)) {
      return e.value;
    }
    e = slots[i + 1];
    return e != null && e.key.equals(key) && e.scope.equals(scope) ? e.value : null;
  }

  /** Caches a value in the first slot of its pair; the entry that held it moves to the second. */
  void put(String scope, String key, V value) {
    int i = index(scope, key);
    Entry<V> first = slots[i];
    if (first != null && !(first.key.equals(key) && first.scope.equals(scope))) {
      slots[i + 1] = first;
    }
    slots[i] = new Entry<>(scope, key, value);
  }
}
