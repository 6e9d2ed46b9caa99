package dev.agentlane.policyfile;

import dev.agentlane.Capability;
import dev.agentlane.Lane;
import dev.agentlane.PolicyException;
import dev.agentlane.PolicyProblem;
import dev.agentlane.policy.ApprovalRule;
import dev.agentlane.policy.Budget;
import dev.agentlane.policy.CatalogueEntry;
import dev.agentlane.policy.CommandRule;
import dev.agentlane.policy.EvidenceRequirement;
import dev.agentlane.policy.HostRule;
import dev.agentlane.policy.ObligationRule;
import dev.agentlane.policy.OutsidePathRule;
import dev.agentlane.policy.Policy;
import dev.agentlane.policy.StopConditionSpec;
import dev.agentlane.policy.ToolMapping;
import dev.agentlane.promotion.PromotionCriteria;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Composes policy layers (organization &gt; team &gt; repository, any number of files, highest first)
 * into one effective policy with <em>deny-overrides</em>: whatever is stricter wins, and a lower layer
 * can add rules but not weaken a higher layer's.
 *
 * <ul>
 *   <li>Stop conditions, evidence requirements, approvals, obligations and budgets of every layer all
 *       apply. A lower layer may not redefine a rule id a higher layer defines (unless identically).
 *   <li>A capability defined in several layers takes the highest lane any of them gives it.
 *   <li>Tool mappings of the same tool are merged: the union of capabilities and bindings, the
 *       intersection of {@code only-arguments}.
 *   <li>Command rules of higher layers come first, so they win ties.
 *   <li>The default lane is the lowest any layer names; {@code shell-writes} is the union; promotion
 *       criteria for the same lane combine field by field into the stricter (larger minimums, smaller
 *       maximums).
 *   <li>Lanes are set by the highest layer that declares them; a lower layer may repeat them, not
 *       change them.
 * </ul>
 *
 * <p>What only widens access can be locked by a higher layer's {@code locks}: {@code hosts},
 * {@code outside-paths}, {@code catalogue}, {@code capabilities} (no new capability), {@code commands}
 * or a command rule id (then no lower rule for that rule's program), {@code default-lane}, or a
 * capability name (its lane may only go up). A lower layer that tries is refused with a problem that
 * names both files.
 *
 * <p>Stateless and thread-safe.
 */
public final class PolicyLayers {
  private PolicyLayers() {}

  /** The effective policy and where each piece came from. */
  public record Composition(Policy policy, Map<String, String> origins) {
    /** Copies the map. */
    public Composition {
      Objects.requireNonNull(policy, "policy");
      origins = Map.copyOf(origins);
    }

    /**
     * The effective policy as text: each capability, tool, command rule and rule with the layer it came
     * from, for reviewers.
     */
    public String describe() {
      StringBuilder sb = new StringBuilder();
      sb.append("effective policy ").append(policy.name()).append(" ").append(policy.version()).append('\n');
      sb.append("lanes: ").append(policy.lanes()).append(", default ").append(policy.defaultLane()).append('\n');
      policy.capabilities().values().forEach(c -> line(sb, "capability " + c.name() + " @" + c.lane().name()
          + " (" + c.effect().code() + ")", "capability:" + c.name()));
      policy.tools().forEach(t -> line(sb, "tool " + t.tool() + " needs " + t.capabilities(), "tool:" + t.tool()));
      policy.commands().forEach(r -> line(sb, "command " + r.id() + " needs " + r.capabilities(), r.id()));
      policy.hosts().forEach(h -> line(sb, "host " + h.pattern(), h.id()));
      policy.outsidePaths().forEach(o -> line(sb, "outside path " + o.glob() + " (" + o.access().code() + ")", o.id()));
      policy.stopConditions().forEach(s -> line(sb, "stop condition " + s.id() + " -> " + s.effect().code(), s.id()));
      policy.evidence().forEach(e -> line(sb, "evidence " + e.id() + " " + e.fields(), e.id()));
      policy.catalogue().forEach(c -> line(sb, "catalogue " + c.id() + " for " + c.tool(), c.id()));
      policy.approvals().forEach(a -> line(sb, "approval " + a.id() + " by " + a.approvers(), a.id()));
      policy.obligations().forEach(o -> line(sb, "obligation " + o.id() + " " + o.code(), o.id()));
      policy.budgets().forEach(b -> line(sb, "budget " + b.id() + " " + b.limit() + " per " + b.period(), b.id()));
      return sb.toString();
    }

    private void line(StringBuilder sb, String what, String key) {
      sb.append("  ").append(what).append("   [").append(origins.getOrDefault(key, "?")).append("]\n");
    }
  }

  /**
   * Loads and composes the files, highest layer first.
   *
   * @throws PolicyException if a file is invalid, or a lower layer weakens a locked or higher rule
   */
  public static Composition compose(List<Path> highestFirst) {
    if (highestFirst.isEmpty()) {
      throw new IllegalArgumentException("compose needs at least one policy file");
    }
    List<PolicyFiles.Loaded> layers = new ArrayList<>();
    for (Path p : highestFirst) {
      layers.add(PolicyFiles.loadLayer(p));
    }
    return composeLoaded(layers);
  }

  static Composition composeLoaded(List<PolicyFiles.Loaded> layers) {
    List<PolicyProblem> problems = new ArrayList<>();
    Map<String, String> origins = new LinkedHashMap<>();
    Map<String, String> lockedBy = new LinkedHashMap<>();
    PolicyFiles.Loaded top = layers.get(0);
    List<Lane> lanes = top.policy().lanes();
    String lanesFrom = top.source();
    Lane defaultLane = top.policy().defaultLane();
    Map<String, Capability> caps = new LinkedHashMap<>();
    Map<String, ToolMapping> tools = new LinkedHashMap<>();
    List<CommandRule> commands = new ArrayList<>();
    Map<String, HostRule> hosts = new LinkedHashMap<>();
    Map<String, OutsidePathRule> outside = new LinkedHashMap<>();
    Map<String, Object> rules = new LinkedHashMap<>();
    Map<String, CatalogueEntry> catalogue = new LinkedHashMap<>();
    Set<String> shellWrites = new LinkedHashSet<>();
    Map<String, PromotionCriteria> promotion = new LinkedHashMap<>();
    StringBuilder version = new StringBuilder();
    String name = top.policy().name();

    for (int i = 0; i < layers.size(); i++) {
      PolicyFiles.Loaded layer = layers.get(i);
      Policy p = layer.policy();
      String src = layer.source();
      boolean lower = i > 0;
      name = p.name();
      version.append(version.length() == 0 ? "" : "+").append(p.name()).append('@').append(p.version());
      if (lower && !p.lanes().equals(lanes) && !p.lanes().equals(Lane.defaults())) {
        problems.add(problem(src, "lanes", "lanes are set by " + lanesFrom + " " + lanes + "; a lower layer may not change them"));
      }
      if (!lower || p.defaultLane().rank() < defaultLane.rank()) {
        defaultLane = p.defaultLane(); // the lower lane is the stricter default
      } else if (p.defaultLane().rank() > defaultLane.rank() && lockedBy.containsKey("default-lane")) {
        problems.add(locked(src, "default-lane", lockedBy));
      }
      for (Capability c : p.capabilities().values()) {
        Capability prev = caps.get(c.name());
        if (prev == null) {
          if (lower && lockedBy.containsKey("capabilities")) {
            problems.add(locked(src, "capabilities." + c.name(), "capabilities", lockedBy));
            continue;
          }
          caps.put(c.name(), c);
          origins.put("capability:" + c.name(), src);
        } else if (c.lane().rank() > prev.lane().rank()) {
          caps.put(c.name(), new Capability(c.name(), c.lane(), prev.effect()));
          origins.put("capability:" + c.name(), src);
        } else if (c.lane().rank() < prev.lane().rank() && lockedBy.containsKey(c.name())) {
          problems.add(locked(src, "capabilities." + c.name(), c.name(), lockedBy));
        }
      }
      for (ToolMapping t : p.tools()) {
        ToolMapping prev = tools.get(t.tool());
        tools.put(t.tool(), prev == null ? t : merge(prev, t));
        origins.merge("tool:" + t.tool(), src, (a, b) -> a + ", " + b);
      }
      for (CommandRule r : p.commands()) {
        if (lower && (lockedBy.containsKey("commands") || lockedProgram(r, commands, lockedBy))) {
          problems.add(locked(src, "commands." + r.id(), lockedBy.containsKey("commands") ? "commands"
              : lockedRuleFor(r, commands, lockedBy), lockedBy));
          continue;
        }
        if (commands.stream().noneMatch(x -> x.id().equals(r.id()))) {
          commands.add(r);
          origins.put(r.id(), src);
        } else if (!commands.contains(r)) {
          problems.add(problem(src, "commands." + r.id(), "command rule '" + r.id() + "' is defined by "
              + origins.get(r.id()) + "; a lower layer may not redefine it (choose another id)"));
        }
      }
      addAll(p.hosts(), HostRule::id, hosts, "hosts", src, lower, lockedBy, origins, problems);
      addAll(p.outsidePaths(), OutsidePathRule::id, outside, "outside-paths", src, lower, lockedBy, origins, problems);
      addAll(p.catalogue(), CatalogueEntry::id, catalogue, "catalogue", src, lower, lockedBy, origins, problems);
      for (Object rule : allRules(p)) {
        String id = ruleId(rule);
        Object prev = rules.get(id);
        if (prev == null) {
          rules.put(id, rule);
          origins.put(id, src);
        } else if (!prev.equals(rule)) {
          problems.add(problem(src, id, "rule '" + id + "' is defined by " + origins.get(id)
              + "; a lower layer may not redefine it (choose another id)"));
        }
      }
      shellWrites.addAll(p.shellWrites());
      p.promotion().forEach((lane, c) -> promotion.merge(lane, c, PolicyLayers::stricter));
      for (String lock : layer.locks()) {
        lockedBy.putIfAbsent(lock, src);
      }
    }
    if (!problems.isEmpty()) {
      throw new PolicyException(problems);
    }
    Policy.Builder b = Policy.builder().name(name).version(version.toString()).lanes(lanes).defaultLane(defaultLane.name());
    caps.values().forEach(c -> b.capability(c.name(), c.lane().name(), c.effect()));
    tools.values().forEach(b::tool);
    commands.forEach(b::command);
    hosts.values().forEach(b::host);
    outside.values().forEach(b::outsidePath);
    catalogue.values().forEach(b::catalogue);
    for (Object rule : rules.values()) {
      if (rule instanceof StopConditionSpec s) {
        b.stopCondition(s);
      } else if (rule instanceof EvidenceRequirement e) {
        b.evidence(e);
      } else if (rule instanceof ApprovalRule a) {
        b.approval(a);
      } else if (rule instanceof ObligationRule o) {
        b.obligation(o);
      } else if (rule instanceof Budget bu) {
        b.budget(bu);
      }
    }
    b.shellWrites(shellWrites.toArray(String[]::new));
    promotion.forEach(b::promotion);
    return new Composition(b.build(), origins);
  }

  /** Criteria that hold only where both hold: every minimum the larger, every maximum the smaller. */
  static PromotionCriteria stricter(PromotionCriteria a, PromotionCriteria b) {
    return new PromotionCriteria(Math.max(a.minObservations(), b.minObservations()),
        Math.max(a.minReleaseCycles(), b.minReleaseCycles()),
        a.minTimeInLane().compareTo(b.minTimeInLane()) >= 0 ? a.minTimeInLane() : b.minTimeInLane(),
        Math.max(a.minCleanRateLowerBound(), b.minCleanRateLowerBound()),
        Math.min(a.maxReworkUpperBound(), b.maxReworkUpperBound()),
        Math.max(a.confidence(), b.confidence()),
        a.severeIncidentWindow().compareTo(b.severeIncidentWindow()) >= 0 ? a.severeIncidentWindow() : b.severeIncidentWindow());
  }

  private static ToolMapping merge(ToolMapping a, ToolMapping b) {
    Set<String> caps = new LinkedHashSet<>(a.capabilities());
    caps.addAll(b.capabilities());
    List<dev.agentlane.policy.ArgumentBinding> bindings = new ArrayList<>(a.bindings());
    b.bindings().stream().filter(x -> !bindings.contains(x)).forEach(bindings::add);
    Set<String> only;
    if (a.allowedArguments() == null) {
      only = b.allowedArguments();
    } else if (b.allowedArguments() == null) {
      only = a.allowedArguments();
    } else {
      only = new LinkedHashSet<>(a.allowedArguments());
      only.retainAll(b.allowedArguments());
    }
    return new ToolMapping(a.tool(), List.copyOf(caps), bindings, only, a.id());
  }

  private static boolean lockedProgram(CommandRule r, List<CommandRule> higher, Map<String, String> lockedBy) {
    return lockedRuleFor(r, higher, lockedBy) != null;
  }

  private static String lockedRuleFor(CommandRule r, List<CommandRule> higher, Map<String, String> lockedBy) {
    for (CommandRule h : higher) {
      if (h.program().equals(r.program()) && lockedBy.containsKey(h.id())) {
        return h.id();
      }
    }
    return null;
  }

  private static <T> void addAll(List<T> items, Function<T, String> id, Map<String, T> into, String lockName,
      String src, boolean lower, Map<String, String> lockedBy, Map<String, String> origins, List<PolicyProblem> problems) {
    for (T item : items) {
      String key = id.apply(item);
      if (into.containsKey(key)) {
        continue;
      }
      if (lower && lockedBy.containsKey(lockName)) {
        problems.add(locked(src, lockName + "." + key, lockName, lockedBy));
        continue;
      }
      into.put(key, item);
      origins.put(key, src);
    }
  }

  private static List<Object> allRules(Policy p) {
    List<Object> out = new ArrayList<>();
    out.addAll(p.stopConditions());
    out.addAll(p.evidence());
    out.addAll(p.approvals());
    out.addAll(p.obligations());
    out.addAll(p.budgets());
    return out;
  }

  private static String ruleId(Object rule) {
    if (rule instanceof StopConditionSpec s) {
      return s.id();
    } else if (rule instanceof EvidenceRequirement e) {
      return e.id();
    } else if (rule instanceof ApprovalRule a) {
      return a.id();
    } else if (rule instanceof ObligationRule o) {
      return o.id();
    }
    return ((Budget) rule).id();
  }

  private static PolicyProblem problem(String source, String path, String message) {
    return new PolicyProblem(source, 0, 0, path, message);
  }

  private static PolicyProblem locked(String source, String path, Map<String, String> lockedBy) {
    return locked(source, path, path, lockedBy);
  }

  private static PolicyProblem locked(String source, String path, String lock, Map<String, String> lockedBy) {
    return problem(source, path, "'" + lock + "' is locked by " + lockedBy.get(lock)
        + "; a lower layer may only make it stricter");
  }
}
