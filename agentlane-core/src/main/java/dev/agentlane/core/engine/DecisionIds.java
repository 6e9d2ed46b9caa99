package dev.agentlane.core.engine;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Decision ids ({@code d-<engine>-<n>}), unique within an engine, without a counter that every decision
 * writes: each thread takes numbers in blocks from a shared counter, so threads deciding at once do not
 * contend for one cache line. Numbers increase within a thread; across threads they are unique, not
 * ordered, and may skip (a thread that ends leaves the rest of its block unused).
 *
 * <p>Thread-safe.
 */
final class DecisionIds {
  private static final int BLOCK = 1024;

  private final String prefix;
  private final AtomicLong blocks = new AtomicLong();
  /**
   * Per thread: the next number ({@code [NEXT]}) and the end of its block ({@code [END]}, exclusive), in
   * the middle of an array padded to keep them off the cache lines of other threads' arrays, which the
   * garbage collector may move next to this one.
   */
  private final ThreadLocal<long[]> range = ThreadLocal.withInitial(() -> new long[2 * PAD + 2]);
  private static final int PAD = 8;
  private static final int NEXT = PAD;
  private static final int END = PAD + 1;

  DecisionIds(String prefix) {
    this.prefix = prefix;
  }

  String next() {
    long[] r = range.get();
    if (r[NEXT] == r[END]) {
      long start = blocks.getAndAdd(BLOCK);
      r[NEXT] = start + 1;
      r[END] = start + 1 + BLOCK;
    }
    return prefix + r[NEXT]++;
  }
}
