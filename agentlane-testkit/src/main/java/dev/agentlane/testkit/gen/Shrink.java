package dev.agentlane.testkit.gen;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Ready-made shrink hooks for {@link Gen#withShrinker}: strings and lists get smaller by removing chunks
 * (halves, quarters, … single elements), like delta debugging.
 *
 * <p><b>Thread-safety:</b> stateless; all methods are safe to call from any thread.
 */
public final class Shrink {
  private Shrink() {}

  /** Simpler strings: the empty string, shorter prefixes and suffixes, then {@code s} with chunks removed. */
  public static List<String> string(String s) {
    Set<String> out = new LinkedHashSet<>();
    int n = s.length();
    if (n == 0) {
      return List.of();
    }
    out.add("");
    for (int chunk = n / 2; chunk >= 1; chunk /= 2) {
      for (int start = 0; start + chunk <= n; start += chunk) {
        out.add(s.substring(0, start) + s.substring(start + chunk));
      }
    }
    out.remove(s);
    return List.copyOf(out);
  }

  /**
   * Simpler lists: {@code list} with chunks of elements removed (never below {@code min} elements), then
   * with one element replaced by one of its own shrink candidates.
   */
  public static <T> List<List<T>> list(List<T> list, int min, Function<? super T, ? extends List<? extends T>> element) {
    Set<List<T>> out = new LinkedHashSet<>();
    int n = list.size();
    if (min == 0 && n > 0) {
      out.add(List.of());
    }
    for (int chunk = n / 2; chunk >= 1; chunk /= 2) {
      if (n - chunk < min) {
        continue;
      }
      for (int start = 0; start + chunk <= n; start += chunk) {
        List<T> smaller = new ArrayList<>(list.subList(0, start));
        smaller.addAll(list.subList(start + chunk, n));
        out.add(List.copyOf(smaller));
      }
    }
    for (int i = 0; i < n; i++) {
      for (T candidate : element.apply(list.get(i))) {
        List<T> changed = new ArrayList<>(list);
        changed.set(i, candidate);
        out.add(List.copyOf(changed));
      }
    }
    out.remove(list);
    return List.copyOf(out);
  }
}
