package dev.agentlane.policy;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Immutable copies of the policy model's sets that iterate in a stable order (sorted, or enum order), so
 * that everything printed from a policy (explanations, lint findings, inventories) is the same on every
 * run. {@code Set.copyOf} iterates in an order that changes from one JVM to the next.
 */
final class OrderedSets {
  private OrderedSets() {}

  /** A sorted, immutable copy with hash lookups. */
  static Set<String> of(Collection<String> values) {
    return values.isEmpty() ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(new TreeSet<>(values)));
  }

  /** An immutable copy in enum order. */
  static <E extends Enum<E>> Set<E> ofEnum(Collection<E> values) {
    return values.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(values));
  }
}
