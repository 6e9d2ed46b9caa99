package dev.agentlane.policy;

import dev.agentlane.Capability;
import dev.agentlane.EffectClass;
import dev.agentlane.Lane;
import dev.agentlane.PolicyException;
import dev.agentlane.PolicyProblem;
import dev.agentlane.promotion.PromotionCriteria;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A promotion-path policy: lanes, the capabilities earned at each, how tool calls map onto them,
 * and the stop conditions, evidence requirements, production catalogue, approvals, obligations and
 * budgets that gate them.
 *
 * <p>Immutable and validated when built: every reference resolves, ids are unique, and no
 * capability is a <em>lane jump</em> (an effect class earned below the lane it belongs to, such as a
 * production effect earned at draft). Glob and host-pattern syntax is checked when an engine
 * compiles the policy. Both report every problem at once in a {@link PolicyException}.
 *
 * <pre>{@code
 * Policy policy = Policy.builder()
 *     .capability("code.read", "draft", EffectClass.READ)
 *     .tool(ToolMapping.tool("read_file").capability("code.read").readPath("/path").build())
 *     .stopCondition(StopConditionSpec.sensitivePaths("secrets", Verdict.HALT, ".env", "*.pem"))
 *     .build();
 * }</pre>
 */
public final class Policy {
  private final String name;
  private final String version;
  private final List<Lane> lanes;
  private final Lane defaultLane;
  private final Map<String, Capability> capabilities;
  private final List<ToolMapping> tools;
  private final List<CommandRule> commands;
  private final List<HostRule> hosts;
  private final List<OutsidePathRule> outsidePaths;
  private final List<StopConditionSpec> stopConditions;
  private final List<EvidenceRequirement> evidence;
  private final List<CatalogueEntry> catalogue;
  private final List<ApprovalRule> approvals;
  private final List<ObligationRule> obligations;
  private final List<Budget> budgets;
  private final List<String> shellWrites;
  private final Map<String, PromotionCriteria> promotion;

  private Policy(Builder b, List<Lane> lanes, Lane defaultLane, Map<String, Capability> capabilities) {
    this.name = b.name;
    this.version = b.version;
    this.lanes = lanes;
    this.defaultLane = defaultLane;
    this.capabilities = capabilities;
    this.tools = List.copyOf(b.tools);
    this.commands = List.copyOf(b.commands);
    this.hosts = List.copyOf(b.hosts);
    this.outsidePaths = List.copyOf(b.outsidePaths);
    this.stopConditions = List.copyOf(b.stopConditions);
    this.evidence = List.copyOf(b.evidence);
    this.catalogue = List.copyOf(b.catalogue);
    this.approvals = List.copyOf(b.approvals);
    this.obligations = List.copyOf(b.obligations);
    this.budgets = List.copyOf(b.budgets);
    this.shellWrites = List.copyOf(b.shellWrites);
    this.promotion = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.promotion));
  }

  /** A new builder with the five default lanes. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder initialised with this policy's content, to derive a changed policy. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.name = name;
    b.version = version;
    b.lanes.clear();
    b.lanes.addAll(lanes);
    b.defaultLane = defaultLane.name();
    capabilities.values().forEach(c -> b.capabilities.add(new PendingCapability(c.name(), c.lane().name(), c.effect())));
    b.tools.addAll(tools);
    b.commands.addAll(commands);
    b.hosts.addAll(hosts);
    b.outsidePaths.addAll(outsidePaths);
    b.stopConditions.addAll(stopConditions);
    b.evidence.addAll(evidence);
    b.catalogue.addAll(catalogue);
    b.approvals.addAll(approvals);
    b.obligations.addAll(obligations);
    b.budgets.addAll(budgets);
    b.shellWrites.addAll(shellWrites);
    b.promotion.putAll(promotion);
    return b;
  }

  /** The policy's name. */
  public String name() {
    return name;
  }

  /** The policy's version, recorded on every decision. */
  public String version() {
    return version;
  }

  /** The lanes, in rank order. */
  public List<Lane> lanes() {
    return lanes;
  }

  /** The lane of pairs that were never assigned one; the lowest lane by default. */
  public Lane defaultLane() {
    return defaultLane;
  }

  /** The lane with this name, if the policy has one. */
  public Optional<Lane> lane(String name) {
    return lanes.stream().filter(l -> l.name().equals(name)).findFirst();
  }

  /** The capabilities by name, in declaration order. */
  public Map<String, Capability> capabilities() {
    return capabilities;
  }

  /** The tool mappings. */
  public List<ToolMapping> tools() {
    return tools;
  }

  /** The command rules for shell tools. */
  public List<CommandRule> commands() {
    return commands;
  }

  /** The hosts that may be contacted. */
  public List<HostRule> hosts() {
    return hosts;
  }

  /** The paths outside the workspace that may be used. */
  public List<OutsidePathRule> outsidePaths() {
    return outsidePaths;
  }

  /** The stop conditions. */
  public List<StopConditionSpec> stopConditions() {
    return stopConditions;
  }

  /** The evidence requirements. */
  public List<EvidenceRequirement> evidence() {
    return evidence;
  }

  /** The production catalogue. */
  public List<CatalogueEntry> catalogue() {
    return catalogue;
  }

  /** The approval rules. */
  public List<ApprovalRule> approvals() {
    return approvals;
  }

  /** The obligation rules. */
  public List<ObligationRule> obligations() {
    return obligations;
  }

  /** The budgets. */
  public List<Budget> budgets() {
    return budgets;
  }

  /**
   * Every rule of the policy by id, with its kind ({@code tool}, {@code command}, {@code host},
   * {@code outside-path}, {@code stop-condition}, {@code evidence}, {@code catalogue}, {@code approval},
   * {@code obligation}, {@code budget}), in that order and in policy order within each kind: the rules a
   * decision's {@code matchedRules()} can name. Rule coverage and {@code explain} read it.
   *
   * @return an unmodifiable map, computed on each call
   */
  public Map<String, String> ruleKinds() {
    Map<String, String> kinds = new LinkedHashMap<>();
    tools.forEach(t -> kinds.put(t.id(), "tool"));
    commands.forEach(c -> kinds.put(c.id(), "command"));
    hosts.forEach(h -> kinds.put(h.id(), "host"));
    outsidePaths.forEach(o -> kinds.put(o.id(), "outside-path"));
    stopConditions.forEach(sc -> kinds.put(sc.id(), "stop-condition"));
    evidence.forEach(e -> kinds.put(e.id(), "evidence"));
    catalogue.forEach(e -> kinds.put(e.id(), "catalogue"));
    approvals.forEach(a -> kinds.put(a.id(), "approval"));
    obligations.forEach(o -> kinds.put(o.id(), "obligation"));
    budgets.forEach(b -> kinds.put(b.id(), "budget"));
    return java.util.Collections.unmodifiableMap(kinds);
  }

  /**
   * Promotion criteria by target lane: what a pair must show in the lane below to be promoted into it.
   * A lane without an entry uses the ledger's defaults ({@link PromotionCriteria#defaults()}).
   */
  public Map<String, PromotionCriteria> promotion() {
    return promotion;
  }

  /**
   * The capabilities a shell line needs for every write it makes other than through a command rule
   * that declares writes: redirections ({@code > file}), and options that make a reading command write
   * ({@code sed -i}, {@code curl -o}, {@code find -delete}, {@code git diff --output}). When empty, such
   * writes are denied.
   */
  public List<String> shellWrites() {
    return shellWrites;
  }

  /**
   * The lowest lane at which a capability of this effect class may be earned: reads anywhere,
   * sandboxed effects from the second lane, shared changes from the third, production effects only
   * at the highest lane. Earning one lower is a lane jump.
   */
  public Lane minimumLaneFor(EffectClass effect) {
    return Builder.minimumLane(lanes, effect);
  }

  @Override
  public String toString() {
    return "Policy{" + name + " " + version + ", " + lanes.size() + " lanes, " + capabilities.size()
        + " capabilities, " + tools.size() + " tools}";
  }

  private record PendingCapability(String name, String lane, EffectClass effect) {}

  /**
   * Builds a {@link Policy}. Not thread-safe. Setters check their arguments; {@link #build()} checks
   * the whole and leaves the builder reusable.
   */
  public static final class Builder {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/*-]{0,199}");

    private String name = "policy";
    private String version = "1";
    private final List<Lane> lanes = new ArrayList<>(Lane.defaults());
    private @Nullable String defaultLane;
    private final List<PendingCapability> capabilities = new ArrayList<>();
    private final List<ToolMapping> tools = new ArrayList<>();
    private final List<CommandRule> commands = new ArrayList<>();
    private final List<HostRule> hosts = new ArrayList<>();
    private final List<OutsidePathRule> outsidePaths = new ArrayList<>();
    private final List<StopConditionSpec> stopConditions = new ArrayList<>();
    private final List<EvidenceRequirement> evidence = new ArrayList<>();
    private final List<CatalogueEntry> catalogue = new ArrayList<>();
    private final List<ApprovalRule> approvals = new ArrayList<>();
    private final List<ObligationRule> obligations = new ArrayList<>();
    private final List<Budget> budgets = new ArrayList<>();
    private final List<String> shellWrites = new ArrayList<>();
    private final Map<String, PromotionCriteria> promotion = new LinkedHashMap<>();

    private Builder() {}

    /** Sets the name. */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /** Sets the version recorded on decisions. */
    public Builder version(String version) {
      this.version = Objects.requireNonNull(version, "version");
      return this;
    }

    /** Replaces the lanes (the five defaults otherwise). */
    public Builder lanes(List<Lane> lanes) {
      this.lanes.clear();
      this.lanes.addAll(lanes);
      return this;
    }

    /** Sets the lane of pairs never assigned one (the lowest lane otherwise). */
    public Builder defaultLane(String lane) {
      this.defaultLane = Objects.requireNonNull(lane, "lane");
      return this;
    }

    /** Declares a capability earned at the named lane. */
    public Builder capability(String name, String lane, EffectClass effect) {
      capabilities.add(new PendingCapability(Objects.requireNonNull(name, "name"),
          Objects.requireNonNull(lane, "lane"), Objects.requireNonNull(effect, "effect")));
      return this;
    }

    /** Maps a tool. */
    public Builder tool(ToolMapping mapping) {
      tools.add(Objects.requireNonNull(mapping, "mapping"));
      return this;
    }

    /** Adds a command rule for shell tools. */
    public Builder command(CommandRule rule) {
      commands.add(Objects.requireNonNull(rule, "rule"));
      return this;
    }

    /** Allows hosts matching the pattern. */
    public Builder host(String pattern) {
      return host(HostRule.allow(pattern));
    }

    /** Adds a host rule. */
    public Builder host(HostRule rule) {
      hosts.add(Objects.requireNonNull(rule, "rule"));
      return this;
    }

    /** Allows a path outside the workspace. */
    public Builder outsidePath(OutsidePathRule rule) {
      outsidePaths.add(Objects.requireNonNull(rule, "rule"));
      return this;
    }

    /** Adds a stop condition. */
    public Builder stopCondition(StopConditionSpec condition) {
      stopConditions.add(Objects.requireNonNull(condition, "condition"));
      return this;
    }

    /** Adds an evidence requirement. */
    public Builder evidence(EvidenceRequirement requirement) {
      evidence.add(Objects.requireNonNull(requirement, "requirement"));
      return this;
    }

    /** Adds a production catalogue entry. */
    public Builder catalogue(CatalogueEntry entry) {
      catalogue.add(Objects.requireNonNull(entry, "entry"));
      return this;
    }

    /** Adds an approval rule. */
    public Builder approval(ApprovalRule rule) {
      approvals.add(Objects.requireNonNull(rule, "rule"));
      return this;
    }

    /** Adds an obligation rule. */
    public Builder obligation(ObligationRule rule) {
      obligations.add(Objects.requireNonNull(rule, "rule"));
      return this;
    }

    /** Adds a budget. */
    public Builder budget(Budget budget) {
      budgets.add(Objects.requireNonNull(budget, "budget"));
      return this;
    }

    /** Sets the criteria for promotions into {@code targetLane} (checked to be a lane above the lowest). */
    public Builder promotion(String targetLane, PromotionCriteria criteria) {
      promotion.put(Objects.requireNonNull(targetLane, "targetLane"), Objects.requireNonNull(criteria, "criteria"));
      return this;
    }

    /** Sets the capabilities shell lines need to write through redirections and write options; see {@link Policy#shellWrites()}. */
    public Builder shellWrites(String... capabilities) {
      shellWrites.clear();
      for (String c : capabilities) {
        shellWrites.add(Objects.requireNonNull(c, "capability"));
      }
      return this;
    }

    /**
     * The policy.
     *
     * @throws PolicyException listing every problem found
     */
    public Policy build() {
      List<PolicyProblem> problems = new ArrayList<>();
      List<Lane> sortedLanes = new ArrayList<>(lanes);
      sortedLanes.sort(Comparator.naturalOrder());
      Map<String, Lane> laneByName = new HashMap<>();
      Set<Integer> ranks = new HashSet<>();
      if (sortedLanes.isEmpty()) {
        problems.add(PolicyProblem.inBuilder("lanes", "a policy needs at least one lane"));
      }
      for (Lane lane : sortedLanes) {
        if (laneByName.put(lane.name(), lane) != null) {
          problems.add(PolicyProblem.inBuilder("lanes." + lane.name(), "duplicate lane name '" + lane.name() + "'"));
        }
        if (!ranks.add(lane.rank())) {
          problems.add(PolicyProblem.inBuilder("lanes." + lane.name(), "duplicate lane rank " + lane.rank()));
        }
      }
      Lane def = sortedLanes.isEmpty() ? Lane.DRAFT : sortedLanes.get(0);
      if (defaultLane != null) {
        Lane l = laneByName.get(defaultLane);
        if (l == null) {
          problems.add(PolicyProblem.inBuilder("defaultLane", undefinedLane(defaultLane, laneByName.keySet())));
        } else {
          def = l;
        }
      }

      Map<String, Capability> caps = new LinkedHashMap<>();
      for (PendingCapability pc : capabilities) {
        String path = "capabilities." + pc.name();
        Lane lane = laneByName.get(pc.lane());
        if (lane == null) {
          problems.add(PolicyProblem.inBuilder(path + ".lane", undefinedLane(pc.lane(), laneByName.keySet())));
          continue;
        }
        Capability cap;
        try {
          cap = Capability.of(pc.name(), lane, pc.effect());
        } catch (IllegalArgumentException e) {
          problems.add(PolicyProblem.inBuilder(path, e.getMessage()));
          continue;
        }
        if (caps.putIfAbsent(cap.name(), cap) != null) {
          problems.add(PolicyProblem.inBuilder(path, "duplicate capability '" + cap.name() + "'"));
          continue;
        }
        if (!sortedLanes.isEmpty()) {
          Lane min = minimumLane(sortedLanes, pc.effect());
          if (lane.rank() < min.rank()) {
            problems.add(PolicyProblem.inBuilder(path + ".lane", "lane jump: capability '" + cap.name()
                + "' has effect " + pc.effect().code() + " but is earned at lane '" + lane.name()
                + "'; " + pc.effect().code() + " effects must be earned at lane '" + min.name()
                + "' or higher"));
          }
        }
      }

      Set<String> ids = new HashSet<>();
      Set<String> toolNames = new HashSet<>();
      for (ToolMapping t : tools) {
        String path = "tools." + t.tool();
        checkId(t.id(), path, ids, problems);
        if (t.tool().isBlank()) {
          problems.add(PolicyProblem.inBuilder(path, "tool name must not be blank"));
        }
        if (!toolNames.add(t.tool())) {
          problems.add(PolicyProblem.inBuilder(path, "tool '" + t.tool() + "' is mapped twice"));
        }
        checkCapabilities(t.capabilities(), path + ".capabilities", caps, problems);
        long commandBindings = t.bindings().stream().filter(b -> b.kind() == ArgumentBinding.Kind.COMMAND).count();
        if (commandBindings > 1) {
          problems.add(PolicyProblem.inBuilder(path, "a shell tool takes exactly one command argument but has " + commandBindings));
        }
        if (t.capabilities().isEmpty() && commandBindings == 0) {
          problems.add(PolicyProblem.inBuilder(path + ".capabilities",
              "a tool that is not a shell tool must need at least one capability"));
        }
        for (ArgumentBinding b : t.bindings()) {
          checkPointer(b.pointer(), path + ".bindings", problems);
          if (t.allowedArguments() != null && !b.pointer().isEmpty()) {
            String top = topLevel(b.pointer());
            if (!t.allowedArguments().contains(top)) {
              problems.add(PolicyProblem.inBuilder(path + ".bindings", "binding " + b.pointer()
                  + " reads argument '" + top + "', which onlyArguments does not allow"));
            }
          }
        }
      }
      for (CommandRule c : commands) {
        String path = "commands." + c.id();
        checkId(c.id(), path, ids, problems);
        if (c.program().isBlank()) {
          problems.add(PolicyProblem.inBuilder(path, "program must not be blank"));
        }
        if (c.capabilities().isEmpty()) {
          problems.add(PolicyProblem.inBuilder(path + ".capabilities", "a command rule must need at least one capability"));
        }
        checkCapabilities(c.capabilities(), path + ".capabilities", caps, problems);
      }
      for (HostRule h : hosts) {
        checkId(h.id(), "hosts." + h.id(), ids, problems);
      }
      for (OutsidePathRule o : outsidePaths) {
        checkId(o.id(), "outsidePaths." + o.id(), ids, problems);
        if (!(o.glob().startsWith("/") || o.glob().startsWith("~/"))) {
          problems.add(PolicyProblem.inBuilder("outsidePaths." + o.id(),
              "an outside-path glob must be absolute (start with '/' or '~/') but was '" + o.glob() + "'"));
        }
      }
      for (StopConditionSpec s : stopConditions) {
        String path = "stopConditions." + s.id();
        checkId(s.id(), path, ids, problems);
        checkScope(s.scope(), path + ".scope", caps, laneByName.keySet(), problems);
      }
      for (EvidenceRequirement e : evidence) {
        String path = "evidence." + e.id();
        checkId(e.id(), path, ids, problems);
        checkScope(e.scope(), path + ".scope", caps, laneByName.keySet(), problems);
      }
      for (CatalogueEntry c : catalogue) {
        String path = "catalogue." + c.id();
        checkId(c.id(), path, ids, problems);
        if (!toolNames.contains(c.tool())) {
          problems.add(PolicyProblem.inBuilder(path + ".tool", "catalogue entry names tool '" + c.tool()
              + "', which no tool mapping defines"));
        }
        c.arguments().keySet().forEach(p -> checkPointer(p, path + ".arguments", problems));
      }
      for (ApprovalRule a : approvals) {
        String path = "approvals." + a.id();
        checkId(a.id(), path, ids, problems);
        checkScope(a.scope(), path + ".scope", caps, laneByName.keySet(), problems);
      }
      for (ObligationRule o : obligations) {
        String path = "obligations." + o.id();
        checkId(o.id(), path, ids, problems);
        checkScope(o.scope(), path + ".scope", caps, laneByName.keySet(), problems);
      }
      for (Budget bu : budgets) {
        String path = "budgets." + bu.id();
        checkId(bu.id(), path, ids, problems);
        checkScope(bu.scope(), path + ".scope", caps, laneByName.keySet(), problems);
      }
      checkCapabilities(shellWrites, "shellWrites", caps, problems);
      for (String target : promotion.keySet()) {
        Lane lane = laneByName.get(target);
        if (lane == null) {
          problems.add(PolicyProblem.inBuilder("promotion." + target, undefinedLane(target, laneByName.keySet())));
        } else if (!sortedLanes.isEmpty() && lane.equals(sortedLanes.get(0))) {
          problems.add(PolicyProblem.inBuilder("promotion." + target, "'" + target
              + "' is the lowest lane: nothing is promoted into it"));
        }
      }
      if (name.isBlank()) {
        problems.add(PolicyProblem.inBuilder("name", "name must not be blank"));
      }
      if (version.isBlank()) {
        problems.add(PolicyProblem.inBuilder("version", "version must not be blank"));
      }
      if (!problems.isEmpty()) {
        throw new PolicyException(problems);
      }
      return new Policy(this, List.copyOf(sortedLanes), def, java.util.Collections.unmodifiableMap(caps));
    }

    private static Lane minimumLane(List<Lane> sorted, EffectClass effect) {
      int last = sorted.size() - 1;
      return switch (effect) {
        case READ -> sorted.get(0);
        case SANDBOXED -> sorted.get(Math.min(1, last));
        case SHARED_CHANGE -> sorted.get(Math.min(2, last));
        case PRODUCTION -> sorted.get(last);
      };
    }

    private static String undefinedLane(String name, Set<String> known) {
      return "undefined lane '" + name + "'; the policy defines " + new java.util.TreeSet<>(known);
    }

    private static void checkId(@Nullable String id, String path, Set<String> ids, List<PolicyProblem> problems) {
      if (id == null || !ID.matcher(id).matches()) { // null: a custom stop condition's id()
        problems.add(PolicyProblem.inBuilder(path, "rule id must be 1 to 200 characters of letters, digits and ._:/*- but was '" + id + "'"));
      } else if (!ids.add(id)) {
        problems.add(PolicyProblem.inBuilder(path, "duplicate rule id '" + id + "'"));
      }
    }

    private static void checkCapabilities(List<String> names, String path, Map<String, Capability> caps,
        List<PolicyProblem> problems) {
      for (String n : names) {
        if (!caps.containsKey(n)) {
          problems.add(PolicyProblem.inBuilder(path, "undefined capability '" + n + "'" + PolicyProblem.suggestion(n, caps.keySet())));
        }
      }
    }

    private static void checkScope(Scope scope, String path, Map<String, Capability> caps, Set<String> lanes,
        List<PolicyProblem> problems) {
      checkCapabilities(List.copyOf(scope.capabilities()), path + ".capabilities", caps, problems);
      for (String lane : scope.laneReferences()) {
        if (!lanes.contains(lane)) {
          problems.add(PolicyProblem.inBuilder(path, undefinedLane(lane, lanes)));
        }
      }
    }

    private static void checkPointer(String pointer, String path, List<PolicyProblem> problems) {
      boolean ok = pointer.isEmpty() || pointer.startsWith("/");
      for (int i = 0; ok && i < pointer.length(); i++) {
        if (pointer.charAt(i) == '~') {
          ok = i + 1 < pointer.length() && (pointer.charAt(i + 1) == '0' || pointer.charAt(i + 1) == '1');
        }
      }
      if (!ok) {
        problems.add(PolicyProblem.inBuilder(path, "'" + pointer
            + "' is not a JSON pointer: it must be empty or start with '/', and '~' must be followed by 0 or 1"));
      }
    }

    private static String topLevel(String pointer) {
      int next = pointer.indexOf('/', 1);
      String raw = next < 0 ? pointer.substring(1) : pointer.substring(1, next);
      return raw.replace("~1", "/").replace("~0", "~");
    }


  }
}
