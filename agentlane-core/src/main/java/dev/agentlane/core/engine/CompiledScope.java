package dev.agentlane.core.engine;

import dev.agentlane.Capability;
import dev.agentlane.EffectClass;
import dev.agentlane.Lane;
import dev.agentlane.policy.Scope;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** A {@link Scope} resolved against a policy's lanes. Immutable. */
final class CompiledScope {
  // An empty restriction is null: "no restriction" costs no call.
  private final @Nullable Set<String> capabilities;
  private final @Nullable EnumSet<EffectClass> effects;
  private final int fromRank;
  private final @Nullable Set<String> tools;
  private final @Nullable Set<String> workflows;
  private final @Nullable Set<String> agentLanes;
  /** Whether the scope says nothing about capabilities, effects or the lane they are earned at. */
  private final boolean anyCapability;
  private final boolean all;

  CompiledScope(Scope scope, Map<String, Lane> lanes) {
    this.capabilities = scope.capabilities().isEmpty() ? null : scope.capabilities();
    this.effects = scope.effects().isEmpty() ? null : EnumSet.copyOf(scope.effects());
    Lane from = scope.fromLane() == null ? null : lanes.get(scope.fromLane());
    this.fromRank = from == null ? -1 : from.rank();
    this.tools = scope.tools().isEmpty() ? null : scope.tools();
    this.workflows = scope.workflows().isEmpty() ? null : scope.workflows();
    this.agentLanes = scope.agentLanes().isEmpty() ? null : scope.agentLanes();
    this.anyCapability = capabilities == null && effects == null && fromRank < 0;
    this.all = scope.isAll();
  }

  /**
   * Whether an action is in scope: its tool, workflow and the agent's lane are among those named (if
   * any are), and some capability it needs is named (if any are), some has a named effect (if any
   * are), and some is earned at the scope's lane or above (if it names one).
   */
  boolean matches(List<Capability> caps, String tool, String workflow, Lane agentLane) {
    if (all) {
      return true;
    }
    if (tools != null && !tools.contains(tool)) {
      return false;
    }
    if (workflows != null && !workflows.contains(workflow)) {
      return false;
    }
    if (agentLanes != null && !agentLanes.contains(agentLane.name())) {
      return false;
    }
    if (anyCapability) {
      return true;
    }
    boolean capability = capabilities == null;
    boolean effect = effects == null;
    boolean lane = fromRank < 0;
    for (int i = 0; i < caps.size(); i++) {
      Capability c = caps.get(i);
      capability = capability || capabilities.contains(c.name());
      effect = effect || effects.contains(c.effect());
      lane = lane || c.lane().rank() >= fromRank;
      if (capability && effect && lane) {
        return true;
      }
    }
    return false;
  }
}
