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
  /** Per thread: the next number and the end of its block (exclusive). */
  private final ThreadLocal<long[]> range = ThreadLocal.withInitial(() -> new long[2]);

  DecisionIds(String prefix) {
    this.prefix = prefix;
  }

  String next() {
    long[] r = range.get();
    if (r[0] == r[1]) {
      long start = blocks.getAndAdd(BLOCK);
      r[0] = start + 1;
      r[1] = start + 1 + BLOCK;
    }
    return prefix + r[0]++;
  }
}
