package dev.agentlane.testkit.gen;

import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A small property runner: draws {@link #cases} values from a generator with a fixed seed, checks each, and on
 * the first failure shrinks it and throws an {@link AssertionError} naming the seed, the case, the original
 * and reduced values, the original failure and how to reproduce it.
 *
 * <pre>{@code
 * Property.forAll(Gens.hostilePaths()).cases(2_000).check(path ->
 *     assertThat(engine.decide(read(path)).verdict()).isNotEqualTo(Verdict.ALLOW));
 * }</pre>
 *
 * <p>The seed is {@link #DEFAULT_SEED} unless the system property {@value #SEED_PROPERTY} is set (rerun a
 * failure with {@code -Dagentlane.seed=<seed>}) or {@link #seed(long)} is called. Case {@code i} is the
 * {@code i}-th value drawn from one {@link Source} seeded with the seed, so the same seed reproduces the same
 * sequence.
 *
 * <p><b>Thread-safety:</b> not thread-safe; configure and run a property on one thread. The property body
 * runs on the calling thread.
 *
 * @param <T> the type of generated values
 */
public final class Property<T> {
  /** The system property that overrides the seed. */
  public static final String SEED_PROPERTY = "agentlane.seed";
  /** The seed used when neither {@link #seed(long)} nor {@value #SEED_PROPERTY} is given. */
  public static final long DEFAULT_SEED = 0x5eed_a9e1L;

  private final Gen<T> gen;
  private int cases = 1_000;
  private long seed;
  private int maxShrinks = 2_000;

  private Property(Gen<T> gen) {
    this.gen = gen;
    this.seed = defaultSeed();
  }

  /** A property over values of {@code gen}. */
  public static <T> Property<T> forAll(Gen<T> gen) {
    return new Property<>(Objects.requireNonNull(gen, "gen"));
  }

  /** The seed from {@value #SEED_PROPERTY}, or {@link #DEFAULT_SEED}. */
  public static long defaultSeed() {
    String value = System.getProperty(SEED_PROPERTY);
    if (value == null || value.isBlank()) {
      return DEFAULT_SEED;
    }
    try {
      return Long.decode(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(SEED_PROPERTY + " must be a long but was '" + value + "'", e);
    }
  }

  /** How many values to check (default 1,000); must be positive. */
  public Property<T> cases(int n) {
    if (n <= 0) {
      throw new IllegalArgumentException("cases must be > 0 but was " + n);
    }
    this.cases = n;
    return this;
  }

  /** The seed; overrides {@value #SEED_PROPERTY}. */
  public Property<T> seed(long seed) {
    this.seed = seed;
    return this;
  }

  /** How many shrink candidates to try at most after a failure (default 2,000; 0 disables shrinking). */
  public Property<T> maxShrinks(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("maxShrinks must be >= 0 but was " + n);
    }
    this.maxShrinks = n;
    return this;
  }

  /**
   * Checks {@code body} against each case; a case fails when the body throws an {@link AssertionError} or
   * a {@link RuntimeException}.
   *
   * @throws AssertionError for the first failing case, after shrinking it
   */
  public void check(Consumer<? super T> body) {
    Objects.requireNonNull(body, "body");
    Source source = Source.of(seed);
    for (int i = 0; i < cases; i++) {
      T value = gen.generate(source);
      Throwable failure = run(body, value);
      if (failure != null) {
        throw report(body, i, value, failure);
      }
    }
  }

  private AssertionError report(Consumer<? super T> body, int index, T original, Throwable originalFailure) {
    T reduced = original;
    Throwable reducedFailure = originalFailure;
    int tried = 0;
    int steps = 0;
    boolean progress = true;
    while (progress && tried < maxShrinks) {
      progress = false;
      for (T candidate : gen.shrink(reduced)) {
        if (tried++ >= maxShrinks) {
          break;
        }
        Throwable f = run(body, candidate);
        if (f != null) {
          reduced = candidate;
          reducedFailure = f;
          steps++;
          progress = true;
          break;
        }
      }
    }
    String message = "property failed at case " + index + " of " + cases + " with seed " + seed
        + "\n  original value: " + show(original)
        + "\n  reduced value:  " + show(reduced) + " (after " + steps + " shrink steps, " + tried + " tried)"
        + "\n  original failure: " + originalFailure
        + (reducedFailure == originalFailure ? "" : "\n  reduced failure:  " + reducedFailure)
        + "\n  reproduce with: -D" + SEED_PROPERTY + "=" + seed;
    AssertionError error = new AssertionError(message, reducedFailure);
    if (reducedFailure != originalFailure) {
      error.addSuppressed(originalFailure);
    }
    return error;
  }

  private static <T> @Nullable Throwable run(Consumer<? super T> body, T value) {
    try {
      body.accept(value);
      return null;
    } catch (AssertionError | RuntimeException e) {
      return e;
    }
  }

  private static String show(Object value) {
    if (value instanceof CharSequence s) {
      StringBuilder b = new StringBuilder("\"");
      s.codePoints().forEach(cp -> {
        if (cp == '"' || cp == '\\') {
          b.append('\\').appendCodePoint(cp);
        } else if (cp >= 0x20 && cp < 0x7f) {
          b.appendCodePoint(cp);
        } else if (cp == '\n') {
          b.append("\\n");
        } else if (cp == '\t') {
          b.append("\\t");
        } else {
          b.append(String.format("\\u{%04X}", cp));
        }
      });
      return b.append('"').toString();
    }
    return String.valueOf(value);
  }
}
