package dev.agentlane.core.engine;

import com.fasterxml.jackson.core.JsonPointer;
import dev.agentlane.Access;
import dev.agentlane.Capability;
import dev.agentlane.Lane;
import dev.agentlane.Obligation;
import dev.agentlane.PolicyException;
import dev.agentlane.PolicyProblem;
import dev.agentlane.core.net.HostPattern;
import dev.agentlane.core.path.Glob;
import dev.agentlane.core.net.ParsedUrl;
import dev.agentlane.core.path.GlobSet;
import dev.agentlane.core.path.SegmentTable;
import dev.agentlane.core.path.InvalidGlobException;
import dev.agentlane.policy.ApprovalRule;
import dev.agentlane.policy.ArgumentBinding;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Policy} compiled into indexed structures: tools and command rules by name, globs and
 * host patterns compiled once, scopes resolved. Immutable; the engine swaps whole snapshots.
 */
final class CompiledPolicy {
  final Policy policy;
  final String version;
  final Map<String, Lane> lanes;
  final Lane lowestLane;
  final Map<String, Capability> capabilities;
  /** Tool mappings by tool name. */
  final SegmentTable<Tool> tools;
  /** Command rules by program. */
  final SegmentTable<Commands> commandsByProgram;
  final Hosts hosts;
  final List<Outside> outside;
  final List<StopCheck> stops;
  /** Positions in {@link #stops} of the conditions other than sensitive paths, ascending. */
  final int[] plainStops;
  /** Positions in {@link #stops} of the sensitive-path conditions, ascending. */
  final int[] sensitiveStops;
  /** The globs of all sensitive-path conditions in one set, to find the few conditions a path can fire. */
  final GlobSet sensitiveGlobs;
  /** For each glob of {@link #sensitiveGlobs}, the position in {@link #stops} of its condition. */
  final int[] sensitiveOwner;
  final List<EvidenceRule> evidence;
  final Map<String, List<Catalogue>> catalogueByTool;
  final List<Approval> approvals;
  final List<ObligationEntry> obligations;
  final List<BudgetRule> budgets;
  final List<Capability> shellWrites;

  record Binding(ArgumentBinding spec, JsonPointer pointer) {}

  /**
   * A tool mapping: its capabilities (distinct, immutable: a decision starts from this list), its
   * argument bindings, and its id as the first matched rule of every decision about it.
   */
  record Tool(ToolMapping spec, List<Capability> capabilities, List<Binding> bindings, boolean shell, List<String> matched) {
    Tool(ToolMapping spec, List<Capability> capabilities, List<Binding> bindings, boolean shell) {
      this(spec, capabilities, bindings, shell, List.of(spec.id()));
    }
  }

  record Command(CommandRule spec, List<Wildcard> args, List<Capability> capabilities) {}

  record Host(HostRule spec, HostPattern pattern) {}

  record Outside(OutsidePathRule spec, Glob glob) {}

  record EvidenceRule(EvidenceRequirement spec, CompiledScope scope) {}

  record Catalogue(CatalogueEntry spec, Map<JsonPointer, Wildcard> arguments, List<Wildcard> commands) {}

  record Approval(ApprovalRule spec, CompiledScope scope) {}

  /** An obligation rule with the obligation it imposes, built once. */
  record ObligationEntry(ObligationRule spec, CompiledScope scope, Obligation obligation) {
    ObligationEntry(ObligationRule spec, CompiledScope scope) {
      this(spec, scope, Obligation.of(spec.code(), spec.detail(), spec.id()));
    }
  }

  record BudgetRule(Budget spec, CompiledScope scope) {}

  private CompiledPolicy(Policy policy, Builder b) {
    this.policy = policy;
    this.version = policy.version();
    this.lanes = b.lanes;
    this.lowestLane = policy.lanes().get(0);
    this.capabilities = policy.capabilities();
    SegmentTable.Builder<Tool> tools = SegmentTable.builder();
    b.tools.forEach(tools::put);
    this.tools = tools.build();
    SegmentTable.Builder<Commands> commands = SegmentTable.builder();
    b.commands.forEach((program, rules) -> commands.put(program, new Commands(rules)));
    this.commandsByProgram = commands.build();
    this.hosts = new Hosts(b.hosts);
    this.outside = List.copyOf(b.outside);
    this.stops = List.copyOf(b.stops);
    List<Integer> plain = new ArrayList<>();
    List<Integer> sensitive = new ArrayList<>();
    List<Glob> globs = new ArrayList<>();
    List<Integer> owners = new ArrayList<>();
    for (int i = 0; i < stops.size(); i++) {
      if (stops.get(i) instanceof StopCheck.SensitivePaths sp) {
        sensitive.add(i);
        for (Glob g : sp.globs().globs()) {
          globs.add(g);
          owners.add(i);
        }
      } else {
        plain.add(i);
      }
    }
    this.plainStops = plain.stream().mapToInt(Integer::intValue).toArray();
    this.sensitiveStops = sensitive.stream().mapToInt(Integer::intValue).toArray();
    this.sensitiveGlobs = GlobSet.of(globs);
    this.sensitiveOwner = owners.stream().mapToInt(Integer::intValue).toArray();
    this.evidence = List.copyOf(b.evidence);
    this.catalogueByTool = Map.copyOf(b.catalogue);
    this.approvals = List.copyOf(b.approvals);
    this.obligations = List.copyOf(b.obligations);
    this.budgets = List.copyOf(b.budgets);
    this.shellWrites = b.caps(policy.shellWrites());
  }

  /**
   * Compiles a policy.
   *
   * @throws PolicyException listing every glob, host pattern or pointer that does not compile
   */
  static CompiledPolicy compile(Policy policy, boolean caseInsensitive) {
    Builder b = new Builder(policy, caseInsensitive);
    b.run();
    if (!b.problems.isEmpty()) {
      throw new PolicyException(b.problems);
    }
    return new CompiledPolicy(policy, b);
  }

  /** The lane with this name, or the lowest lane if the policy has none of that name (fail closed). */
  Lane lane(String name) {
    Lane lane = lanes.get(name);
    return lane != null ? lane : lowestLane;
  }

  private static final class Builder {
    final Policy policy;
    final boolean caseInsensitive;
    final List<PolicyProblem> problems = new ArrayList<>();
    final Map<String, Lane> lanes = new LinkedHashMap<>();
    final Map<String, Tool> tools = new HashMap<>();
    final Map<String, List<Command>> commands = new HashMap<>();
    final List<Host> hosts = new ArrayList<>();
    final List<Outside> outside = new ArrayList<>();
    final List<StopCheck> stops = new ArrayList<>();
    final List<EvidenceRule> evidence = new ArrayList<>();
    final Map<String, List<Catalogue>> catalogue = new HashMap<>();
    final List<Approval> approvals = new ArrayList<>();
    final List<ObligationEntry> obligations = new ArrayList<>();
    final List<BudgetRule> budgets = new ArrayList<>();

    Builder(Policy policy, boolean caseInsensitive) {
      this.policy = policy;
      this.caseInsensitive = caseInsensitive;
      policy.lanes().forEach(l -> lanes.put(l.name(), l));
    }

    void run() {
      for (ToolMapping t : policy.tools()) {
        List<Binding> bindings = new ArrayList<>();
        for (ArgumentBinding ab : t.bindings()) {
          bindings.add(new Binding(ab, JsonPointer.compile(ab.pointer())));
        }
        tools.put(t.tool(), new Tool(t, caps(t.capabilities()), List.copyOf(bindings), t.isShell()));
      }
      for (CommandRule c : policy.commands()) {
        List<Wildcard> args = new ArrayList<>();
        for (String a : c.argsPrefix()) {
          Wildcard g = wildcard(a, "commands." + c.id() + ".args");
          if (g != null) {
            args.add(g);
          }
        }
        commands.computeIfAbsent(c.program(), k -> new ArrayList<>()).add(new Command(c, List.copyOf(args), caps(c.capabilities())));
      }
      // Longest prefix first; the sort is stable, so the first declared wins a tie.
      commands.replaceAll((k, v) -> {
        List<Command> sorted = new ArrayList<>(v);
        sorted.sort(Comparator.comparingInt((Command c) -> c.spec().argsPrefix().size()).reversed());
        return List.copyOf(sorted);
      });
      for (HostRule h : policy.hosts()) {
        try {
          hosts.add(new Host(h, HostPattern.compile(h.pattern())));
        } catch (IllegalArgumentException e) {
          problems.add(PolicyProblem.inBuilder("hosts." + h.id(), "invalid host pattern '" + h.pattern() + "': " + e.getMessage()));
        }
      }
      for (OutsidePathRule o : policy.outsidePaths()) {
        Glob g = glob(o.glob(), caseInsensitive, "outsidePaths." + o.id());
        if (g != null) {
          outside.add(new Outside(o, g));
        }
      }
      for (StopConditionSpec s : policy.stopConditions()) {
        StopCheck check = StopCheck.compile(s, new CompiledScope(s.scope(), lanes), this::globSet);
        if (check != null) {
          stops.add(check);
        }
      }
      for (EvidenceRequirement e : policy.evidence()) {
        evidence.add(new EvidenceRule(e, new CompiledScope(e.scope(), lanes)));
      }
      for (CatalogueEntry c : policy.catalogue()) {
        Map<JsonPointer, Wildcard> args = new LinkedHashMap<>();
        c.arguments().forEach((ptr, pattern) -> {
          Wildcard g = wildcard(pattern, "catalogue." + c.id() + ".arguments" + ptr);
          if (g != null) {
            args.put(JsonPointer.compile(ptr), g);
          }
        });
        List<Wildcard> cmds = new ArrayList<>();
        for (String pattern : c.commands()) {
          Wildcard g = wildcard(pattern, "catalogue." + c.id() + ".commands");
          if (g != null) {
            cmds.add(g);
          }
        }
        catalogue.computeIfAbsent(c.tool(), k -> new ArrayList<>()).add(new Catalogue(c, args, List.copyOf(cmds)));
      }
      for (ApprovalRule a : policy.approvals()) {
        approvals.add(new Approval(a, new CompiledScope(a.scope(), lanes)));
      }
      for (ObligationRule o : policy.obligations()) {
        obligations.add(new ObligationEntry(o, new CompiledScope(o.scope(), lanes)));
      }
      for (Budget bu : policy.budgets()) {
        budgets.add(new BudgetRule(bu, new CompiledScope(bu.scope(), lanes)));
      }
      catalogue.replaceAll((k, v) -> List.copyOf(v));
    }

    /** The named capabilities, distinct, in order. */
    private List<Capability> caps(List<String> names) {
      List<Capability> out = new ArrayList<>(names.size());
      for (String n : names) {
        Capability c = policy.capabilities().get(n);
        if (!out.contains(c)) {
          out.add(c);
        }
      }
      return List.copyOf(out);
    }

    private @Nullable Glob glob(String pattern, boolean fold, String path) {
      try {
        return Glob.compile(pattern, fold);
      } catch (InvalidGlobException e) {
        problems.add(PolicyProblem.inBuilder(path, "invalid glob '" + pattern + "' at index " + e.index() + ": " + e.reason()));
        return null;
      }
    }

    private @Nullable Wildcard wildcard(String pattern, String path) {
      try {
        return Wildcard.compile(pattern);
      } catch (IllegalArgumentException e) {
        problems.add(PolicyProblem.inBuilder(path, "invalid pattern '" + pattern + "': " + e.getMessage()));
        return null;
      }
    }

    /**
     * Globs of stop conditions. Sensitive paths always match case-insensitively, whatever the file
     * system: a false alarm on {@code .ENV} is cheap, a missed secret on a case-insensitive disk is not.
     */
    @Nullable GlobSet globSet(List<String> patterns, String path, boolean fold) {
      List<Glob> globs = new ArrayList<>();
      boolean ok = true;
      for (String p : patterns) {
        Glob g = glob(p, fold || caseInsensitive, path);
        if (g == null) {
          ok = false;
        } else {
          globs.add(g);
        }
      }
      return ok ? GlobSet.of(globs) : null;
    }
  }

  private static final int[] NONE = new int[0];

  private static int[] ints(List<Integer> values) {
    int[] out = new int[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }

  /**
   * The command rules of one program in match order (longest argument prefix first, then as declared),
   * indexed by a first argument pattern that is plain text, so that a program with hundreds of
   * subcommand rules ({@code kubectl get}, {@code kubectl apply}, ...) is matched by a lookup and the few
   * rules whose first pattern has a wildcard or that have none. Immutable.
   */
  static final class Commands {
    final List<Command> rules;
    private final Map<String, int[]> byFirstArgument;
    private final int[] other;

    Commands(List<Command> rules) {
      this.rules = List.copyOf(rules);
      Map<String, List<Integer>> byFirst = new HashMap<>();
      List<Integer> rest = new ArrayList<>();
      for (int i = 0; i < this.rules.size(); i++) {
        List<Wildcard> args = this.rules.get(i).args();
        String literal = args.isEmpty() ? null : args.get(0).literal();
        if (literal == null) {
          rest.add(i);
        } else {
          byFirst.computeIfAbsent(literal, k -> new ArrayList<>()).add(i);
        }
      }
      Map<String, int[]> index = new HashMap<>();
      byFirst.forEach((k, v) -> index.put(k, ints(v)));
      this.byFirstArgument = index.isEmpty() ? Map.of() : index;
      this.other = ints(rest);
    }

    /** The first rule, in match order, whose argument patterns match the first arguments; or {@code null}. */
    @Nullable Command match(List<String> args) {
      int[] keyed = args.isEmpty() ? NONE : byFirstArgument.getOrDefault(args.get(0), NONE);
      int i = 0;
      int j = 0;
      while (i < keyed.length || j < other.length) {
        int k = j >= other.length || (i < keyed.length && keyed[i] < other[j]) ? keyed[i++] : other[j++];
        Command rule = rules.get(k);
        List<Wildcard> patterns = rule.args();
        if (patterns.size() > args.size()) {
          continue;
        }
        boolean all = true;
        for (int a = 0; a < patterns.size() && all; a++) {
          all = patterns.get(a).matches(args.get(a));
        }
        if (all) {
          return rule;
        }
      }
      return null;
    }
  }

  /**
   * The host rules, indexed: exact hosts by name, subdomain patterns by their parent domain, the rest
   * ({@code *}, CIDR ranges) matched one by one. {@link #first} returns the first rule in policy order
   * that matches, as a scan would. Immutable.
   */
  static final class Hosts {
    final List<Host> rules;
    private final SegmentTable<int[]> exact;
    private final SegmentTable<int[]> parents;
    private final int[] other;

    Hosts(List<Host> rules) {
      this.rules = List.copyOf(rules);
      Map<String, List<Integer>> byHost = new LinkedHashMap<>();
      Map<String, List<Integer>> byParent = new LinkedHashMap<>();
      List<Integer> rest = new ArrayList<>();
      for (int i = 0; i < this.rules.size(); i++) {
        HostPattern pattern = this.rules.get(i).pattern();
        if (pattern.exactHost() != null) {
          byHost.computeIfAbsent(pattern.exactHost(), k -> new ArrayList<>()).add(i);
        } else if (pattern.parentDomain() != null) {
          byParent.computeIfAbsent(pattern.parentDomain(), k -> new ArrayList<>()).add(i);
        } else {
          rest.add(i);
        }
      }
      this.exact = table(byHost);
      this.parents = table(byParent);
      this.other = ints(rest);
    }

    private static SegmentTable<int[]> table(Map<String, List<Integer>> entries) {
      SegmentTable.Builder<int[]> b = SegmentTable.builder();
      entries.forEach((k, v) -> b.put(k, ints(v)));
      return b.build();
    }

    /** The first rule in policy order that allows the URL, or {@code null}. */
    @Nullable Host first(ParsedUrl url) {
      String host = url.host();
      int best = firstMatching(exact.get(host, 0, host.length()), url, Integer.MAX_VALUE);
      if (!parents.isEmpty()) {
        for (int dot = host.indexOf('.'); dot >= 0; dot = host.indexOf('.', dot + 1)) {
          best = firstMatching(parents.get(host, dot + 1, host.length()), url, best);
        }
      }
      best = firstMatching(other, url, best);
      return best == Integer.MAX_VALUE ? null : rules.get(best);
    }

    /** The smaller of {@code best} and the first position in {@code candidates} (ascending) whose rule matches. */
    private int firstMatching(int @Nullable [] candidates, ParsedUrl url, int best) {
      if (candidates != null) {
        for (int k : candidates) {
          if (k >= best) {
            break;
          }
          if (rules.get(k).pattern().matches(url)) {
            return k;
          }
        }
      }
      return best;
    }
  }

  /** Access ordering for outside-path rules: a WRITE rule also allows READ. */
  static boolean allows(Access granted, Access wanted) {
    return granted == Access.WRITE || wanted == Access.READ;
  }
}
