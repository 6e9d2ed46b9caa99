package dev.agentlane.core.engine;

import dev.agentlane.Capability;
import dev.agentlane.EffectClass;
import dev.agentlane.Lane;
import dev.agentlane.policy.Scope;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A {@link Scope} resolved against a policy's lanes. Immutable. */
final class CompiledScope {
  private final Set<String> capabilities;
  private final EnumSet<EffectClass> effects;
  private final int fromRank;
  private final Set<String> tools;
  private final Set<String> workflows;
  private final Set<String> agentLanes;
  private final boolean all;

  CompiledScope(Scope scope, Map<String, Lane> lanes) {
    this.capabilities = scope.capabilities();
    this.effects = scope.effects().isEmpty() ? EnumSet.noneOf(EffectClass.class) : EnumSet.copyOf(scope.effects());
    Lane from = scope.fromLane() == null ? null : lanes.get(scope.fromLane());
    this.fromRank = from == null ? -1 : from.rank();
    this.tools = scope.tools();
    this.workflows = scope.workflows();
    this.agentLanes = scope.agentLanes();
    this.all = scope.isAll();
  }

  boolean matches(List<Capability> caps, String tool, String workflow, Lane agentLane) {
    if (all) {
      return true;
    }
    if (!tools.isEmpty() && !tools.contains(tool)) {
      return false;
    }
    if (!workflows.isEmpty() && !workflows.contains(workflow)) {
      return false;
    }
    if (!agentLanes.isEmpty() && !agentLanes.contains(agentLane.name())) {
      return false;
    }
    boolean capability = capabilities.isEmpty();
    boolean effect = effects.isEmpty();
    boolean lane = fromRank < 0;
    for (int i = 0; i < caps.size(); i++) {
      Capability c = caps.get(i);
      capability |= capabilities.contains(c.name());
      effect |= effects.contains(c.effect());
      lane |= c.lane().rank() >= fromRank;
    }
    return capability && effect && lane;
  }
}
