package dev.agentlane.policy;

import dev.agentlane.EffectClass;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which actions a rule applies to. Every non-empty criterion must hold; an empty criterion matches
 * anything, so {@link #all()} applies everywhere.
 *
 * <p>Immutable.
 *
 * @param capabilities the action needs at least one of these capabilities
 * @param effects the action needs a capability of at least one of these effect classes
 * @param fromLane the action needs a capability earned at this lane or higher ({@code null}: any)
 * @param tools the action calls one of these tools
 * @param workflows the action belongs to one of these workflow classes
 * @param agentLanes the agent/workflow pair stands in one of these lanes
 */
public record Scope(
    Set<String> capabilities,
    Set<EffectClass> effects,
    @Nullable String fromLane,
    Set<String> tools,
    Set<String> workflows,
    Set<String> agentLanes) {

  private static final Scope ALL = new Scope(Set.of(), Set.of(), null, Set.of(), Set.of(), Set.of());

  /** Copies the sets. */
  public Scope {
    capabilities = OrderedSets.of(capabilities);
    effects = OrderedSets.ofEnum(effects);
    tools = OrderedSets.of(tools);
    workflows = OrderedSets.of(workflows);
    agentLanes = OrderedSets.of(agentLanes);
  }

  /** Applies to every action. */
  public static Scope all() {
    return ALL;
  }

  /** Applies to actions needing any of these capabilities. */
  public static Scope capabilities(String... names) {
    return ALL.withCapabilities(names);
  }

  /** Applies to actions needing a capability of any of these effect classes. */
  public static Scope effects(EffectClass... effects) {
    return ALL.withEffects(effects);
  }

  /** Applies to actions needing a capability earned at {@code lane} or higher. */
  public static Scope fromLane(String lane) {
    return ALL.withFromLane(lane);
  }

  /** A copy restricted to these capabilities. */
  public Scope withCapabilities(String... names) {
    return new Scope(Set.of(names), effects, fromLane, tools, workflows, agentLanes);
  }

  /** A copy restricted to these effect classes. */
  public Scope withEffects(EffectClass... effects) {
    return new Scope(capabilities, Set.of(effects), fromLane, tools, workflows, agentLanes);
  }

  /** A copy restricted to capabilities earned at {@code lane} or higher. */
  public Scope withFromLane(String lane) {
    return new Scope(capabilities, effects, Objects.requireNonNull(lane, "lane"), tools, workflows, agentLanes);
  }

  /** A copy restricted to these tools. */
  public Scope withTools(String... tools) {
    return new Scope(capabilities, effects, fromLane, Set.of(tools), workflows, agentLanes);
  }

  /** A copy restricted to these workflow classes. */
  public Scope withWorkflows(String... workflows) {
    return new Scope(capabilities, effects, fromLane, tools, Set.of(workflows), agentLanes);
  }

  /** A copy restricted to pairs standing in these lanes. */
  public Scope withAgentLanes(String... lanes) {
    return new Scope(capabilities, effects, fromLane, tools, workflows, Set.of(lanes));
  }

  /** Whether this scope applies to every action. */
  public boolean isAll() {
    return equals(ALL);
  }

  /** The lane names this scope refers to, for validation. */
  List<String> laneReferences() {
    List<String> out = new java.util.ArrayList<>(agentLanes);
    if (fromLane != null) {
      out.add(fromLane);
    }
    return out;
  }
}
