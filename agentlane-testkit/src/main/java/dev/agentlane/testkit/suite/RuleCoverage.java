package dev.agentlane.testkit.suite;

import dev.agentlane.Decision;
import dev.agentlane.policy.Policy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which rules of a policy a suite's decisions exercised, and which they never did, so that teams see
 * their untested rules.
 *
 * <p>The rules counted are the policy's tool mappings, command rules, host and outside-path rules, stop
 * conditions, evidence requirements, catalogue entries, approval rules, obligation rules and budgets. A
 * rule is exercised when some decision of the suite names it in {@code Decision.matchedRules()}: the
 * engine itself reports the tool mapping and the command rule of every command a shell line runs (its
 * real parser, wrappers and substitutions included), the host and outside-path rules that admitted a
 * resource, the catalogue entries and budgets used, and the rules of every reason and obligation.
 *
 * <p>Immutable, so thread-safe.
 */
public final class RuleCoverage {
  private final List<String> rules;
  private final Set<String> exercised;
  private final Map<String, String> kinds;

  private RuleCoverage(Map<String, String> kinds, Set<String> exercised) {
    this.kinds = Map.copyOf(kinds);
    this.rules = List.copyOf(kinds.keySet());
    Set<String> ex = new LinkedHashSet<>();
    for (String r : rules) {
      if (exercised.contains(r)) {
        ex.add(r);
      }
    }
    this.exercised = ex;
  }

  static RuleCoverage of(Policy policy, List<Decision> decisions) {
    Map<String, String> kinds = policy.ruleKinds();
    Set<String> used = new LinkedHashSet<>();
    for (Decision d : decisions) {
      used.addAll(d.matchedRules());
    }
    return new RuleCoverage(kinds, used);
  }

  /** Every rule id counted, in policy order. */
  public List<String> rules() {
    return rules;
  }

  /** The rule ids the suite exercised, in policy order. */
  public Set<String> exercised() {
    return java.util.Collections.unmodifiableSet(exercised);
  }

  /** The rule ids the suite never exercised, in policy order. */
  public List<String> unexercised() {
    return rules.stream().filter(r -> !exercised.contains(r)).toList();
  }

  /** The kind of a counted rule ({@code tool}, {@code command}, {@code stop-condition}, …), or null. */
  public @org.jspecify.annotations.Nullable String kindOf(String ruleId) {
    return kinds.get(ruleId);
  }

  /** The share of rules exercised, 0..1 (1 when the policy has no rules). */
  public double ratio() {
    return rules.isEmpty() ? 1.0 : (double) exercised.size() / rules.size();
  }

  /** A report: the ratio, then the rules never exercised, grouped by kind. */
  public String report() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "rule coverage: %d of %d rules exercised (%.1f%%)", exercised.size(),
        rules.size(), ratio() * 100));
    Map<String, List<String>> byKind = new LinkedHashMap<>();
    for (String r : unexercised()) {
      byKind.computeIfAbsent(kinds.get(r), k -> new ArrayList<>()).add(r);
    }
    if (!byKind.isEmpty()) {
      sb.append("\nnever exercised:");
      byKind.forEach((k, ids) -> sb.append("\n  ").append(k).append(": ").append(String.join(", ", ids)));
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return report();
  }
}
