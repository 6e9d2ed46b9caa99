package dev.agentlane.core.path;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A read-only hash table from strings to values that is looked up by a region of a larger string (a
 * segment of a path, the end of a host name) without copying the region. The hash of a region is
 * {@link String#hashCode()} of the region as a string, so callers that scan a string once can compute
 * the hashes of many regions incrementally ({@link #extend}).
 *
 * <p>Immutable after {@link Builder#build()}, thread-safe. A lookup costs one hash probe and at most a
 * few region comparisons; it never allocates.
 *
 * @param <V> the value type
 */
public final class SegmentTable<V> {
  private final String[] keys;
  private final int[] hashes;
  private final Object[] values;
  private final int mask;
  private final int size;

  private SegmentTable(String[] keys, int[] hashes, Object[] values, int size) {
    this.keys = keys;
    this.hashes = hashes;
    this.values = values;
    this.mask = keys.length - 1;
    this.size = size;
  }

  /** The number of keys. */
  public int size() {
    return size;
  }

  /** Whether there are no keys. */
  public boolean isEmpty() {
    return size == 0;
  }

  /** {@code hash * 31 + c}: the hash of a region extended by one character. */
  public static int extend(int hash, char c) {
    return 31 * hash + c;
  }

  /** The hash of a region, equal to {@code text.substring(from, to).hashCode()}. */
  public static int hash(String text, int from, int to) {
    int h = 0;
    for (int i = from; i < to; i++) {
      h = 31 * h + text.charAt(i);
    }
    return h;
  }

  /** The value of the key equal to {@code key}, or {@code null} (uses the string's cached hash). */
  public @Nullable V get(String key) {
    return get(key, 0, key.length(), key.hashCode(), false);
  }

  /** The value of the key equal to {@code text.substring(from, to)}, or {@code null}. */
  public @Nullable V get(String text, int from, int to) {
    return get(text, from, to, hash(text, from, to), false);
  }

  /**
   * The value of the key equal to the region {@code [from, to)} of {@code text}, whose hash is
   * {@code hash}; with {@code foldAscii}, ASCII upper-case letters of the region compare as lower-case
   * (and {@code hash} must have been computed over the folded characters).
   */
  @SuppressWarnings("unchecked")
  public @Nullable V get(String text, int from, int to, int hash, boolean foldAscii) {
    if (size == 0) {
      return null;
    }
    int len = to - from;
    int stored = stored(hash);
    // Probe the dense array of hashes first: a miss (the usual answer) touches nothing else.
    for (int i = spread(hash) & mask; ; i = (i + 1) & mask) {
      int h = hashes[i];
      if (h == EMPTY) {
        return null;
      }
      if (h == stored) {
        String k = keys[i];
        if (k.length() == len && regionEquals(k, text, from, foldAscii)) {
          return (V) values[i];
        }
      }
    }
  }

  private static boolean regionEquals(String key, String text, int from, boolean foldAscii) {
    for (int i = 0; i < key.length(); i++) {
      char c = text.charAt(from + i);
      if (foldAscii && c >= 'A' && c <= 'Z') {
        c = (char) (c + ('a' - 'A'));
      }
      if (c != key.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** {@code c}, lower-cased if it is an ASCII upper-case letter. */
  public static char foldAscii(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
  }

  private static int spread(int h) {
    return h ^ (h >>> 16);
  }

  /** Marks a free slot in {@link #hashes}; a key whose hash is 0 is stored with hash 1 (keys are compared anyway). */
  private static final int EMPTY = 0;

  private static int stored(int hash) {
    return hash == EMPTY ? 1 : hash;
  }

  /** A new builder. */
  public static <V> Builder<V> builder() {
    return new Builder<>();
  }

  /**
   * Collects keys and values. Not thread-safe.
   *
   * @param <V> the value type
   */
  public static final class Builder<V> {
    private final java.util.LinkedHashMap<String, V> entries = new java.util.LinkedHashMap<>();

    private Builder() {}

    /** The value of {@code key} so far, or {@code null}. */
    public @Nullable V get(String key) {
      return entries.get(key);
    }

    /** Sets the value of {@code key}. */
    public Builder<V> put(String key, V value) {
      entries.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** The table; the builder stays usable. */
    public SegmentTable<V> build() {
      int capacity = Integer.highestOneBit(Math.max(4, entries.size() * 2 - 1)) << 1;
      String[] keys = new String[capacity];
      int[] hashes = new int[capacity];
      Object[] values = new Object[capacity];
      int mask = capacity - 1;
      for (var e : entries.entrySet()) {
        int h = e.getKey().hashCode();
        int i = spread(h) & mask;
        while (keys[i] != null) {
          i = (i + 1) & mask;
        }
        keys[i] = e.getKey();
        hashes[i] = stored(h);
        values[i] = e.getValue();
      }
      return new SegmentTable<>(keys, hashes, values, entries.size());
    }
  }
}
