package dev.agentlane.testkit.gen;

import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The randomness a {@link Gen} draws from: a {@link SplittableRandom} seeded with a {@code long}, so the same
 * seed yields the same sequence of draws.
 *
 * <p><b>Thread-safety:</b> not thread-safe; a source is confined to the thread that draws from it. To use
 * randomness on another thread, hand it a {@link #split()}.
 */
public final class Source {
  private final long seed;
  private final SplittableRandom random;

  private Source(long seed, SplittableRandom random) {
    this.seed = seed;
    this.random = random;
  }

  /** A source whose draws are fully determined by {@code seed}. */
  public static Source of(long seed) {
    return new Source(seed, new SplittableRandom(seed));
  }

  /** The seed this source started from (for a split source, the seed of its parent). */
  public long seed() {
    return seed;
  }

  /** An independent source derived deterministically from this one; advances this source. */
  public Source split() {
    return new Source(seed, random.split());
  }

  /** A uniform int in {@code [0, bound)}; {@code bound} must be positive. */
  public int nextInt(int bound) {
    return random.nextInt(bound);
  }

  /** A uniform int in {@code [min, max]} (both inclusive). */
  public int between(int min, int max) {
    if (max < min) {
      throw new IllegalArgumentException("max " + max + " < min " + min);
    }
    return (int) (min + random.nextLong((long) max - min + 1));
  }

  /** A uniform long. */
  public long nextLong() {
    return random.nextLong();
  }

  /** A fair coin. */
  public boolean nextBoolean() {
    return random.nextBoolean();
  }

  /** A uniform double in {@code [0, 1)}. */
  public double nextDouble() {
    return random.nextDouble();
  }

  /** A uniformly chosen element of a non-empty list. */
  public <T> T pick(List<T> values) {
    Objects.requireNonNull(values, "values");
    if (values.isEmpty()) {
      throw new IllegalArgumentException("cannot pick from an empty list");
    }
    return values.get(random.nextInt(values.size()));
  }
}
