package dev.agentlane.testkit.gen;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A generator of random values of type {@code T}, drawn from a seeded {@link Source}, with a {@link #shrink}
 * hook that proposes simpler candidates for a failing value.
 *
 * <p><b>Thread-safety:</b> generators built by this package are immutable and may be shared between threads
 * and tests; the {@link Source} passed to {@link #generate} is confined to one thread. A generator you write
 * yourself should keep no mutable state: its output must depend only on the source.
 *
 * <p>Shrinking: {@link #shrink} returns candidates that are "simpler" than the given value (shorter strings,
 * fewer list elements). The {@link Property} runner keeps any candidate that still fails and shrinks it
 * again. Generators whose values cannot be taken apart (composite objects, results of {@link #map}) return
 * no candidates.
 *
 * @param <T> the type of generated values
 */
@FunctionalInterface
public interface Gen<T> {
  /** How many times {@link #filter} draws before giving up. */
  int MAX_FILTER_TRIES = 1_000;

  /** Draws one value from {@code source}. */
  T generate(Source source);

  /** Simpler candidates for {@code value}, simplest first; none by default. */
  default List<T> shrink(T value) {
    return List.of();
  }

  /** The first {@code n} values drawn from a fresh source seeded with {@code seed}. */
  default List<T> sample(long seed, int n) {
    Source source = Source.of(seed);
    List<T> values = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      values.add(generate(source));
    }
    return values;
  }

  /** This generator with {@code shrinker} as its shrink hook. */
  default Gen<T> withShrinker(Function<? super T, ? extends List<? extends T>> shrinker) {
    Objects.requireNonNull(shrinker, "shrinker");
    Gen<T> self = this;
    return new Gen<>() {
      @Override
      public T generate(Source source) {
        return self.generate(source);
      }

      @Override
      public List<T> shrink(T value) {
        return List.copyOf(shrinker.apply(value));
      }
    };
  }

  /** Values of this generator passed through {@code f}; the result does not shrink. */
  default <R> Gen<R> map(Function<? super T, ? extends R> f) {
    Objects.requireNonNull(f, "f");
    return source -> f.apply(generate(source));
  }

  /** A generator chosen by each value of this one; the result does not shrink. */
  default <R> Gen<R> flatMap(Function<? super T, ? extends Gen<? extends R>> f) {
    Objects.requireNonNull(f, "f");
    return source -> f.apply(generate(source)).generate(source);
  }

  /**
   * Values of this generator that satisfy {@code predicate}, drawing at most {@link #MAX_FILTER_TRIES} times
   * per value; shrink candidates are filtered too.
   *
   * @throws IllegalStateException from {@link #generate} when no value passes within the bound
   */
  default Gen<T> filter(Predicate<? super T> predicate) {
    Objects.requireNonNull(predicate, "predicate");
    Gen<T> self = this;
    return new Gen<>() {
      @Override
      public T generate(Source source) {
        for (int i = 0; i < MAX_FILTER_TRIES; i++) {
          T value = self.generate(source);
          if (predicate.test(value)) {
            return value;
          }
        }
        throw new IllegalStateException("filter rejected " + MAX_FILTER_TRIES + " values in a row");
      }

      @Override
      public List<T> shrink(T value) {
        return self.shrink(value).stream().filter(predicate).toList();
      }
    };
  }

  /**
   * Lists of {@code min} to {@code max} values of this generator (length uniform). Shrinks by removing
   * elements (never below {@code min}), then by shrinking single elements.
   */
  default Gen<List<T>> listOf(int min, int max) {
    if (min < 0 || max < min) {
      throw new IllegalArgumentException("need 0 <= min <= max but got min " + min + ", max " + max);
    }
    Gen<T> self = this;
    return new Gen<>() {
      @Override
      public List<T> generate(Source source) {
        int n = source.between(min, max);
        List<T> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          list.add(self.generate(source));
        }
        return List.copyOf(list);
      }

      @Override
      public List<List<T>> shrink(List<T> value) {
        return Shrink.list(value, min, self::shrink);
      }
    };
  }

  /** Always {@code value}. */
  static <T> Gen<T> constant(T value) {
    Objects.requireNonNull(value, "value");
    return source -> value;
  }

  /** A uniformly chosen element of {@code values} (copied; must not be empty). */
  static <T> Gen<T> choose(List<? extends T> values) {
    List<T> copy = List.copyOf(values);
    if (copy.isEmpty()) {
      throw new IllegalArgumentException("choose needs at least one value");
    }
    return source -> source.pick(copy);
  }

  /** A uniformly chosen one of {@code gens}; shrinks with the union of their candidates. */
  @SafeVarargs
  static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
    return oneOf(List.of(gens));
  }

  /** A uniformly chosen one of {@code gens}; shrinks with the union of their candidates. */
  static <T> Gen<T> oneOf(List<? extends Gen<? extends T>> gens) {
    List<Weighted<T>> weighted = new ArrayList<>();
    for (Gen<? extends T> g : gens) {
      weighted.add(new Weighted<>(1, g));
    }
    return frequency(weighted);
  }

  /** One of {@code gens}, each chosen with probability proportional to its weight. */
  @SafeVarargs
  static <T> Gen<T> frequency(Weighted<? extends T>... gens) {
    return frequency(List.of(gens));
  }

  /** One of {@code gens}, each chosen with probability proportional to its weight. */
  @SuppressWarnings("unchecked")
  static <T> Gen<T> frequency(List<? extends Weighted<? extends T>> gens) {
    List<Weighted<? extends T>> copy = List.copyOf(gens);
    if (copy.isEmpty()) {
      throw new IllegalArgumentException("frequency needs at least one generator");
    }
    int total = copy.stream().mapToInt(Weighted::weight).sum();
    return new Gen<>() {
      @Override
      public T generate(Source source) {
        int r = source.nextInt(total);
        for (Weighted<? extends T> w : copy) {
          r -= w.weight();
          if (r < 0) {
            return w.gen().generate(source);
          }
        }
        throw new AssertionError("unreachable");
      }

      @Override
      public List<T> shrink(T value) {
        Set<T> candidates = new LinkedHashSet<>();
        for (Weighted<? extends T> w : copy) {
          candidates.addAll(((Gen<T>) w.gen()).shrink(value));
        }
        candidates.remove(value);
        return List.copyOf(candidates);
      }
    };
  }

  /** A weighted choice for {@link #frequency}. */
  static <T> Weighted<T> weighted(int weight, Gen<? extends T> gen) {
    return new Weighted<>(weight, gen);
  }

  /**
   * A generator with a positive weight, for {@link Gen#frequency}.
   *
   * <p><b>Thread-safety:</b> immutable.
   *
   * @param weight positive relative weight
   * @param gen the generator
   * @param <T> the type of generated values
   */
  record Weighted<T>(int weight, Gen<? extends T> gen) {
    /** Validates the weight. */
    public Weighted {
      if (weight <= 0) {
        throw new IllegalArgumentException("weight must be > 0 but was " + weight);
      }
      Objects.requireNonNull(gen, "gen");
    }
  }
}
