package dev.agentlane.policyfile;

import dev.agentlane.Capability;
import dev.agentlane.policy.Policy;
import dev.agentlane.policy.ToolMapping;

/**
 * Puts policies together. Stateless.
 */
final class Layers {
  private Layers() {}

  /**
   * The rules of {@code first} followed by those of {@code second}, for a file that extends several
   * bases. Definitions that are identical in both are kept once; a rule id or a tool defined differently
   * in both is reported by the builder as a duplicate. Lanes and settings come from {@code first}.
   */
  static Policy append(Policy first, Policy second) {
    Policy.Builder b = first.toBuilder();
    for (Capability c : second.capabilities().values()) {
      Capability existing = first.capabilities().get(c.name());
      if (existing == null || !existing.equals(c)) {
        b.capability(c.name(), c.lane().name(), c.effect());
      }
    }
    for (ToolMapping t : second.tools()) {
      if (!first.tools().contains(t)) {
        b.tool(t);
      }
    }
    second.commands().stream().filter(r -> !first.commands().contains(r)).forEach(b::command);
    second.hosts().stream().filter(r -> !first.hosts().contains(r)).forEach(b::host);
    second.outsidePaths().stream().filter(r -> !first.outsidePaths().contains(r)).forEach(b::outsidePath);
    second.stopConditions().stream().filter(r -> !first.stopConditions().contains(r)).forEach(b::stopCondition);
    second.evidence().stream().filter(r -> !first.evidence().contains(r)).forEach(b::evidence);
    second.catalogue().stream().filter(r -> !first.catalogue().contains(r)).forEach(b::catalogue);
    second.approvals().stream().filter(r -> !first.approvals().contains(r)).forEach(b::approval);
    second.obligations().stream().filter(r -> !first.obligations().contains(r)).forEach(b::obligation);
    second.budgets().stream().filter(r -> !first.budgets().contains(r)).forEach(b::budget);
    second.promotion().forEach((lane, c) -> {
      if (!first.promotion().containsKey(lane)) {
        b.promotion(lane, c);
      }
    });
    if (first.shellWrites().isEmpty()) {
      b.shellWrites(second.shellWrites().toArray(String[]::new));
    }
    return b.build();
  }
}
