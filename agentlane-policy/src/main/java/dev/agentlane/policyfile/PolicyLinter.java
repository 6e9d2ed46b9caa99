package dev.agentlane.policyfile;

import dev.agentlane.Access;
import dev.agentlane.Capability;
import dev.agentlane.EffectClass;
import dev.agentlane.Lane;
import dev.agentlane.Verdict;
import dev.agentlane.policy.ApprovalRule;
import dev.agentlane.policy.Budget;
import dev.agentlane.policy.CatalogueEntry;
import dev.agentlane.policy.CommandRule;
import dev.agentlane.policy.EvidenceRequirement;
import dev.agentlane.policy.ObligationRule;
import dev.agentlane.policy.Policy;
import dev.agentlane.policy.Scope;
import dev.agentlane.policy.StopConditionSpec;
import dev.agentlane.policy.ToolMapping;
import dev.agentlane.policyfile.LintFinding.Severity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Finds what is legal in a {@link Policy} but almost certainly not what its author meant: lane jumps
 * bundled into one grant, shadowed and unreachable rules, production effects no catalogue entry can
 * allow, catalogue entries that are too broad, stop conditions that can never fire, shell tools
 * that deny every line, and a policy that does not protect secrets.
 *
 * <p>Stateless and therefore thread-safe: {@link #lint(Policy)} may be called from any number of
 * threads at once, and never changes the policy (which is immutable anyway).
 *
 * <p>The policy has already been validated when it was built (every reference resolves, ids are
 * unique, no capability is earned below its effect class), so the linter only looks at meaning. It
 * judges the model with the same rules as the engine ({@code docs/decisions.md}): command rules are
 * chosen by the longest matching argument prefix, the first declared winning a tie; a scope matches
 * an action when every non-empty criterion holds; an action needing a production capability must
 * match a catalogue entry for its tool. Glob and host syntax is not checked here (an engine does
 * that when it compiles the policy).
 *
 * <p>Findings, each with a stable {@linkplain LintFinding#code() code}:
 *
 * <table>
 *   <caption>Findings</caption>
 *   <tr><th>code</th><th>severity</th><th>when</th></tr>
 *   <tr><td>{@value #LANE_JUMP_BUNDLE}</td><td>error</td><td>one tool mapping or command rule needs
 *       both a capability earned at the lowest lane and a production capability</td></tr>
 *   <tr><td>{@value #PRODUCTION_WITHOUT_CATALOGUE}</td><td>error</td><td>a tool or command rule needs a
 *       production capability but no catalogue entry could ever match it</td></tr>
 *   <tr><td>{@value #BROAD_CATALOGUE_ENTRY}</td><td>error</td><td>a catalogue entry whose argument or
 *       command patterns are unbounded</td></tr>
 *   <tr><td>{@value #SHADOWED_COMMAND_RULE}</td><td>warning</td><td>a command rule an earlier one always
 *       wins against</td></tr>
 *   <tr><td>{@value #UNREACHABLE_RULE}</td><td>warning</td><td>a stop condition, evidence requirement,
 *       approval, obligation, budget or catalogue entry no action can meet</td></tr>
 *   <tr><td>{@value #STOP_CONDITION_NEVER_FIRES}</td><td>warning</td><td>a stop condition whose settings
 *       disable it</td></tr>
 *   <tr><td>{@value #SHELL_TOOL_WITHOUT_COMMANDS}</td><td>warning</td><td>a shell tool with no command
 *       rules, so every line is denied</td></tr>
 *   <tr><td>{@value #NO_SECRETS_PROTECTION}</td><td>warning</td><td>no sensitive-paths condition that
 *       denies or halts protects {@code .env} everywhere</td></tr>
 *   <tr><td>{@value #CAPABILITY_NEVER_NEEDED}</td><td>info</td><td>a capability nothing needs</td></tr>
 *   <tr><td>{@value #SHELL_WRITES_MISSING}</td><td>info</td><td>command rules exist but
 *       {@code shellWrites} is empty, so every redirection is denied</td></tr>
 * </table>
 *
 * <pre>{@code
 * for (LintFinding f : PolicyLinter.lint(policy)) {
 *   System.out.println(f);
 * }
 * }</pre>
 */
public final class PolicyLinter {
  /** One tool mapping or command rule bundles a lowest-lane capability with a production one. */
  public static final String LANE_JUMP_BUNDLE = "lane-jump-bundle";
  /** A command rule that can never be chosen. */
  public static final String SHADOWED_COMMAND_RULE = "shadowed-command-rule";
  /** A scoped rule or catalogue entry that no action can meet. */
  public static final String UNREACHABLE_RULE = "unreachable-rule";
  /** A capability nothing needs. */
  public static final String CAPABILITY_NEVER_NEEDED = "capability-never-needed";
  /** A production capability no catalogue entry can allow. */
  public static final String PRODUCTION_WITHOUT_CATALOGUE = "production-without-catalogue";
  /** A catalogue entry with unbounded patterns. */
  public static final String BROAD_CATALOGUE_ENTRY = "broad-catalogue-entry";
  /** A stop condition whose settings disable it. */
  public static final String STOP_CONDITION_NEVER_FIRES = "stop-condition-never-fires";
  /** A shell tool with no command rules. */
  public static final String SHELL_TOOL_WITHOUT_COMMANDS = "shell-tool-without-commands";
  /** Command rules without shell-write capabilities. */
  public static final String SHELL_WRITES_MISSING = "shell-writes-missing";
  /** No denying or halting sensitive-paths condition covers {@code .env}. */
  public static final String NO_SECRETS_PROTECTION = "no-secrets-protection";

  /** Fewer literal words than this before a trailing wildcard make a command pattern broad. */
  private static final int MIN_LITERAL_COMMAND_WORDS = 3;

  private PolicyLinter() {}

  /**
   * Lints a policy.
   *
   * @return the findings, errors first, then warnings, then infos; within a severity in the order
   *     the rules appear in the policy. Empty when nothing was found. Immutable.
   */
  public static List<LintFinding> lint(Policy policy) {
    Objects.requireNonNull(policy, "policy");
    Run run = new Run(policy);
    run.laneJumpBundles();
    run.productionWithoutCatalogue();
    run.broadCatalogueEntries();
    run.shadowedCommandRules();
    run.unreachableRules();
    run.stopConditionsThatNeverFire();
    run.shellToolChecks();
    run.secrets();
    run.capabilitiesNeverNeeded();
    List<LintFinding> out = new ArrayList<>(run.findings);
    out.sort(Comparator.comparing(LintFinding::severity)); // stable: keeps policy order within a severity
    return List.copyOf(out);
  }

  /** The state of one lint run. Confined to the calling thread. */
  private static final class Run {
    private final Policy policy;
    private final List<LintFinding> findings = new ArrayList<>();
    private final Map<String, Capability> caps;
    private final Lane lowest;
    private final Lane highest;
    private final Map<String, ToolMapping> toolsByName = new LinkedHashMap<>();

    Run(Policy policy) {
      this.policy = policy;
      this.caps = policy.capabilities();
      this.lowest = policy.lanes().get(0);
      this.highest = policy.lanes().get(policy.lanes().size() - 1);
      policy.tools().forEach(t -> toolsByName.put(t.tool(), t));
    }

    private void add(String code, Severity severity, String path, @Nullable String ruleId, String message) {
      findings.add(new LintFinding(code, severity, path, ruleId, message));
    }

    private List<Capability> resolve(Collection<String> names) {
      List<Capability> out = new ArrayList<>();
      for (String n : names) {
        Capability c = caps.get(n);
        if (c != null) {
          out.add(c);
        }
      }
      return out;
    }

    private List<ToolMapping> shellTools() {
      return policy.tools().stream().filter(ToolMapping::isShell).toList();
    }

    // ------------------------------------------------------------------ lane-jump-bundle

    void laneJumpBundles() {
      if (policy.lanes().size() < 2) {
        return;
      }
      for (ToolMapping t : policy.tools()) {
        laneJumpBundle("tools." + t.tool(), t.id(), "tool '" + t.tool() + "'", t.capabilities());
      }
      for (CommandRule c : policy.commands()) {
        laneJumpBundle("commands." + c.id(), c.id(), "command rule '" + c.id() + "'", c.capabilities());
      }
    }

    private void laneJumpBundle(String path, String ruleId, String what, List<String> names) {
      List<Capability> needed = resolve(names);
      List<String> low = needed.stream().filter(c -> c.lane().equals(lowest)).map(Capability::name).toList();
      List<String> production = needed.stream().filter(c -> c.effect() == EffectClass.PRODUCTION)
          .map(Capability::name).toList();
      if (low.isEmpty() || production.isEmpty()) {
        return;
      }
      add(LANE_JUMP_BUNDLE, Severity.ERROR, path, ruleId, what + " is one grant bundle spanning drafting and"
          + " production effect: it needs " + quoted(low) + " (earned at the lowest lane '" + lowest.name()
          + "') together with " + quoted(production) + " (production effect). Every rule scoped to the"
          + " drafting capability also applies to the production action, and approving one approves both."
          + " Split it so that the production effect is requested by a tool or command rule of its own.");
    }

    // ------------------------------------------------------------------ production-without-catalogue

    void productionWithoutCatalogue() {
      for (ToolMapping t : policy.tools()) {
        List<String> production = productionNames(t.capabilities());
        if (production.isEmpty()) {
          continue;
        }
        boolean covered = policy.catalogue().stream()
            .anyMatch(e -> e.tool().equals(t.tool()) && (!t.isShell() || !e.commands().isEmpty()));
        if (!covered) {
          add(PRODUCTION_WITHOUT_CATALOGUE, Severity.ERROR, "tools." + t.tool(), t.id(), "tool '" + t.tool()
              + "' needs the production capability " + quoted(production) + " but no catalogue entry"
              + (t.isShell() ? " with command patterns" : "") + " names it, so every call is denied"
              + " (not-in-catalogue). Add a narrow catalogue entry for tool '" + t.tool()
              + "', or remove the tool.");
        }
      }
      List<ToolMapping> shells = shellTools();
      if (shells.isEmpty()) {
        return;
      }
      Set<String> shellNames = shells.stream().map(ToolMapping::tool).collect(Collectors.toSet());
      for (CommandRule c : policy.commands()) {
        List<String> production = productionNames(c.capabilities());
        if (production.isEmpty()) {
          continue;
        }
        boolean covered = policy.catalogue().stream()
            .filter(e -> shellNames.contains(e.tool()))
            .flatMap(e -> e.commands().stream())
            .anyMatch(pattern -> Wildcard.matches(firstWord(pattern), c.program(), false));
        if (!covered) {
          add(PRODUCTION_WITHOUT_CATALOGUE, Severity.ERROR, "commands." + c.id(), c.id(), "command rule '"
              + c.id() + "' needs the production capability " + quoted(production) + " but no catalogue entry"
              + " of a shell tool " + quoted(new TreeSet<>(shellNames)) + " has a command pattern for '"
              + c.program() + "', so every such command is denied (not-in-catalogue). Add a catalogue entry"
              + " naming the exact command, or remove the rule.");
        }
      }
    }

    private List<String> productionNames(List<String> names) {
      return resolve(names).stream().filter(c -> c.effect() == EffectClass.PRODUCTION).map(Capability::name).toList();
    }

    // ------------------------------------------------------------------ broad-catalogue-entry

    void broadCatalogueEntries() {
      for (CatalogueEntry e : policy.catalogue()) {
        String path = "catalogue." + e.id();
        ToolMapping tool = toolsByName.get(e.tool());
        List<String> problems = new ArrayList<>();
        new TreeSet<>(e.arguments().keySet()).forEach(pointer -> {
          String glob = e.arguments().get(pointer);
          if (Wildcard.isUnbounded(glob)) {
            problems.add("argument " + pointer + " may be anything ('" + glob + "')");
          }
        });
        for (String pattern : e.commands()) {
          if (Wildcard.isUnbounded(pattern)) {
            problems.add("command pattern '" + pattern + "' matches every command");
          } else if (Wildcard.endsWithStar(pattern) && literalWords(pattern) < MIN_LITERAL_COMMAND_WORDS) {
            problems.add("command pattern '" + pattern + "' ends in a wildcard after only " + literalWords(pattern)
                + " literal word" + (literalWords(pattern) == 1 ? "" : "s") + ", so it allows any arguments");
          }
        }
        if (tool != null && !tool.isShell() && e.arguments().isEmpty()) {
          problems.add("it constrains no argument, so every call of tool '" + e.tool() + "'"
              + (e.environments().isEmpty() ? "" : " to " + quoted(new TreeSet<>(e.environments()))) + " matches");
        }
        if (!problems.isEmpty()) {
          add(BROAD_CATALOGUE_ENTRY, Severity.ERROR, path, e.id(), "catalogue entry '" + e.id()
              + "' is too broad for production: " + String.join("; ", problems) + ". A catalogue entry is one"
              + " narrow, pre-approved production action: name the exact service, target and command.");
        }
        if (tool != null && tool.isShell() && e.commands().isEmpty()) {
          add(UNREACHABLE_RULE, Severity.WARNING, path, e.id(), "catalogue entry '" + e.id() + "' is for the"
              + " shell tool '" + e.tool() + "' but has no command pattern, so it matches nothing. Add the"
              + " exact command it pre-approves, or remove the entry.");
        }
      }
    }

    private static int literalWords(String pattern) {
      int n = 0;
      for (String word : pattern.trim().split(" +")) {
        if (Wildcard.hasWildcard(word)) {
          break;
        }
        n++;
      }
      return n;
    }

    private static String firstWord(String pattern) {
      String t = pattern.trim();
      int space = t.indexOf(' ');
      return space < 0 ? t : t.substring(0, space);
    }

    // ------------------------------------------------------------------ shadowed-command-rule

    void shadowedCommandRules() {
      List<CommandRule> rules = policy.commands();
      for (int j = 0; j < rules.size(); j++) {
        CommandRule later = rules.get(j);
        for (int i = 0; i < j; i++) {
          CommandRule earlier = rules.get(i);
          if (earlier.program().equals(later.program())
              && earlier.argsPrefix().size() == later.argsPrefix().size()
              && covers(earlier.argsPrefix(), later.argsPrefix())) {
            boolean same = earlier.argsPrefix().equals(later.argsPrefix());
            add(SHADOWED_COMMAND_RULE, Severity.WARNING, "commands." + later.id(), later.id(), "command rule '"
                + later.id() + "' (" + words(later) + ") can never be chosen: the earlier rule '" + earlier.id()
                + "' (" + words(earlier) + ") has " + (same ? "the same" : "a more general") + " argument prefix of"
                + " the same length, and the engine picks the longest matching prefix, the first declared on a"
                + " tie. Remove it, or" + (same ? " merge the two" : " move it above '" + earlier.id() + "'") + ".");
            break;
          }
        }
      }
    }

    private static boolean covers(List<String> general, List<String> specific) {
      for (int k = 0; k < general.size(); k++) {
        if (!Wildcard.covers(general.get(k), specific.get(k))) {
          return false;
        }
      }
      return true;
    }

    private static String words(CommandRule c) {
      return c.argsPrefix().isEmpty() ? c.program() : c.program() + " " + String.join(" ", c.argsPrefix());
    }

    // ------------------------------------------------------------------ unreachable-rule

    void unreachableRules() {
      for (StopConditionSpec s : policy.stopConditions()) {
        unreachable("stopConditions." + s.id(), s.id(), "stop condition", s.scope(), false);
      }
      for (EvidenceRequirement e : policy.evidence()) {
        unreachable("evidence." + e.id(), e.id(), "evidence requirement", e.scope(), true);
      }
      for (ApprovalRule a : policy.approvals()) {
        unreachable("approvals." + a.id(), a.id(), "approval rule", a.scope(), true);
      }
      for (ObligationRule o : policy.obligations()) {
        unreachable("obligations." + o.id(), o.id(), "obligation rule", o.scope(), true);
      }
      for (Budget b : policy.budgets()) {
        unreachable("budgets." + b.id(), b.id(), "budget", b.scope(), true);
      }
    }

    /**
     * Reports a rule whose scope no action can meet. With {@code onlyAllowable}, an action the pair's
     * lane cannot hold counts as unmet too: it is denied {@code lane-too-low} whatever the rule says
     * (stop conditions still fire on such actions, and a HALT latches, so they do not use it).
     */
    private void unreachable(String path, String id, String what, Scope scope, boolean onlyAllowable) {
      String why = whyUnreachable(scope, onlyAllowable);
      if (why != null) {
        add(UNREACHABLE_RULE, Severity.WARNING, path, id, what + " '" + id + "' can never apply: " + why
            + ". Fix its scope, or remove it.");
      }
    }

    private @Nullable String whyUnreachable(Scope scope, boolean onlyAllowable) {
      if (scope.isAll()) {
        return null;
      }
      List<ToolMapping> candidates = policy.tools();
      if (!scope.tools().isEmpty()) {
        candidates = candidates.stream().filter(t -> scope.tools().contains(t.tool())).toList();
        if (candidates.isEmpty()) {
          return "it names " + plural("tool", scope.tools()) + ", which no tool mapping defines";
        }
      }
      if (candidates.isEmpty()) {
        return "the policy maps no tool";
      }
      String among = scope.tools().isEmpty() ? "" : " of " + plural("tool", scope.tools());
      Lane from = scope.fromLane() == null ? null : policy.lane(scope.fromLane()).orElse(null);
      if (!anyMatches(candidates, scope.capabilities(), Set.of(), null, Integer.MAX_VALUE)) {
        return "it applies to " + plural("capability", scope.capabilities()) + ", which no tool mapping" + among
            + ", command rule or shellWrites needs";
      }
      if (!anyMatches(candidates, Set.of(), scope.effects(), null, Integer.MAX_VALUE)) {
        return "it applies to effect classes " + quoted(scope.effects().stream().map(EffectClass::code)
            .collect(Collectors.toCollection(TreeSet::new))) + ", which no capability needed by a tool" + among
            + " or command rule has";
      }
      if (from != null && !anyMatches(candidates, Set.of(), Set.of(), from, Integer.MAX_VALUE)) {
        return "its from-lane '" + from.name() + "' is above the lane of every capability a tool" + among
            + " or command rule needs";
      }
      if (!anyMatches(candidates, scope.capabilities(), scope.effects(), from, Integer.MAX_VALUE)) {
        return "no single tool meets every criterion of its scope together";
      }
      if (onlyAllowable && !scope.agentLanes().isEmpty()) {
        int cap = scope.agentLanes().stream().map(policy::lane).flatMap(java.util.Optional::stream)
            .mapToInt(Lane::rank).max().orElse(-1);
        if (!anyMatches(candidates, scope.capabilities(), scope.effects(), from, cap)) {
          return "it applies only to pairs in " + plural("lane", scope.agentLanes()) + ", which never hold the"
              + " capabilities its actions need, so every such action is already denied (lane-too-low)";
        }
      }
      return null;
    }

    /**
     * Whether some action of the candidate tools can meet the criteria. A tool that is not a shell
     * tool needs exactly its capabilities; a shell line may combine any command rules and shell
     * writes, so a shell tool can need any of them. Capabilities above {@code laneCap} cannot be held.
     */
    private boolean anyMatches(List<ToolMapping> candidates, Set<String> capabilities, Set<EffectClass> effects,
        @Nullable Lane from, int laneCap) {
      for (ToolMapping t : candidates) {
        List<Capability> own = resolve(t.capabilities());
        if (own.stream().anyMatch(c -> c.lane().rank() > laneCap)) {
          continue;
        }
        Set<Capability> pool = new LinkedHashSet<>(own);
        if (t.isShell()) {
          policy.commands().forEach(c -> pool.addAll(resolve(c.capabilities())));
          pool.addAll(resolve(policy.shellWrites()));
          pool.removeIf(c -> c.lane().rank() > laneCap);
        }
        boolean capOk = capabilities.isEmpty() || pool.stream().anyMatch(c -> capabilities.contains(c.name()));
        boolean effectOk = effects.isEmpty() || pool.stream().anyMatch(c -> effects.contains(c.effect()));
        boolean laneOk = from == null || pool.stream().anyMatch(c -> c.lane().rank() >= from.rank());
        if (capOk && effectOk && laneOk) {
          return true;
        }
      }
      return false;
    }

    // ------------------------------------------------------------------ stop-condition-never-fires

    void stopConditionsThatNeverFire() {
      for (StopConditionSpec s : policy.stopConditions()) {
        String why = null;
        if (s instanceof StopConditionSpec.BlastRadius b) {
          if (b.maxFiles() == 0 && b.maxLines() == 0 && b.maxDirectories() == 0 && b.maxServices() == 0
              && b.maxEnvironments() == 0) {
            why = "every limit is 0, which means no limit. Set the limits that matter, such as max-files";
          }
        } else if (s instanceof StopConditionSpec.UnusualFileScope u) {
          if (u.normalPaths().isEmpty() && u.maxFiles() == 0) {
            why = "it has no normal paths and max-files is 0 (no limit). List the workflow's normal paths"
                + " or set max-files";
          }
        } else if (s instanceof StopConditionSpec.MissingContext m) {
          if (m.contextKeys().isEmpty() && !m.requireRunId()) {
            why = "it requires no context key and not the run id. Name the keys that must be present, or"
                + " require the run id";
          }
        } else if (s instanceof StopConditionSpec.LowConfidence l) {
          if (l.minimum() <= 0.0 && !l.requireStated()) {
            why = "its minimum is 0 and stated confidence is not required, and no confidence is below 0."
                + " Raise the minimum, or require confidence to be stated";
          }
        }
        if (why != null) {
          add(STOP_CONDITION_NEVER_FIRES, Severity.WARNING, "stopConditions." + s.id(), s.id(),
              "stop condition '" + s.id() + "' can never fire: " + why + ".");
        }
      }
    }

    // ------------------------------------------------------------------ shell tools

    void shellToolChecks() {
      if (policy.commands().isEmpty()) {
        for (ToolMapping t : shellTools()) {
          add(SHELL_TOOL_WITHOUT_COMMANDS, Severity.WARNING, "tools." + t.tool(), t.id(), "tool '" + t.tool()
              + "' is a shell tool but the policy has no command rule, so every line it runs is denied"
              + " (unmapped-command). Add command rules for the programs it may run, or remove the tool.");
        }
      } else if (policy.shellWrites().isEmpty()) {
        add(SHELL_WRITES_MISSING, Severity.INFO, "shellWrites", null, "the policy has command rules but no"
            + " shellWrites capabilities, so every redirection (> file) and write option (sed -i, curl -o)"
            + " on a shell line is denied (unmapped-command). If that is not intended, set shellWrites to the"
            + " capability that allows workspace writes.");
      }
    }

    // ------------------------------------------------------------------ no-secrets-protection

    void secrets() {
      boolean protectedEverywhere = false;
      List<String> partial = new ArrayList<>();
      for (StopConditionSpec s : policy.stopConditions()) {
        if (!(s instanceof StopConditionSpec.SensitivePaths sp)) {
          continue;
        }
        if (sp.globs().stream().noneMatch(PolicyLinter::coversDotEnv)) {
          continue;
        }
        boolean strict = sp.effect() == Verdict.HALT || sp.effect() == Verdict.DENY;
        if (strict && sp.access() == Access.READ && sp.scope().isAll()) {
          protectedEverywhere = true;
        } else {
          partial.add(sp.id());
        }
      }
      if (!protectedEverywhere) {
        add(NO_SECRETS_PROTECTION, Severity.WARNING, "stopConditions", null, "no sensitive-paths stop condition"
            + " with effect halt or deny protects .env on every access and every action"
            + (partial.isEmpty() ? "" : " (" + quoted(partial) + " cover .env only with escalate, only for"
                + " writes, or only within a narrower scope)")
            + ", so an agent may read or print secrets. Add one, such as sensitive-paths [.env, .env.*, *.pem,"
            + " *.key] with effect halt.");
      }
    }

    // ------------------------------------------------------------------ capability-never-needed

    void capabilitiesNeverNeeded() {
      Set<String> used = new LinkedHashSet<>();
      policy.tools().forEach(t -> used.addAll(t.capabilities()));
      policy.commands().forEach(c -> used.addAll(c.capabilities()));
      used.addAll(policy.shellWrites());
      for (Capability c : caps.values()) {
        if (!used.contains(c.name())) {
          add(CAPABILITY_NEVER_NEEDED, Severity.INFO, "capabilities." + c.name(), null, "capability '" + c.name()
              + "' (earned at lane '" + c.lane().name() + "') is needed by no tool mapping, command rule or"
              + " shellWrites, so holding it allows nothing. Map a tool to it, or remove it.");
        }
      }
    }
  }

  /**
   * Whether a sensitive-path glob protects a file named {@code .env} in the workspace: {@code .env},
   * {@code **}{@code /.env}, {@code /.env}, {@code .env*}, {@code *.env} and the like. Leading
   * {@code **}{@code /}, {@code ./} and {@code /} are dropped; what remains must be one segment whose pattern matches {@code .env}
   * (case-insensitively, as sensitive-path conditions match).
   */
  static boolean coversDotEnv(String glob) {
    String g = glob.trim();
    boolean changed = true;
    while (changed) {
      changed = false;
      if (g.startsWith("**/")) {
        g = g.substring(3);
        changed = true;
      } else if (g.startsWith("./")) {
        g = g.substring(2);
        changed = true;
      } else if (g.startsWith("/")) {
        g = g.substring(1);
        changed = true;
      }
    }
    if (g.endsWith("/") || g.isEmpty() || g.contains("/")) {
      return false;
    }
    return Wildcard.matches(g, ".env", true);
  }

  private static String quoted(Collection<String> names) {
    return names.stream().map(n -> "'" + n + "'").collect(Collectors.joining(", ", "[", "]"));
  }

  private static String plural(String noun, Collection<String> names) {
    String many = noun.endsWith("y") ? noun.substring(0, noun.length() - 1) + "ies" : noun + "s";
    return (names.size() == 1 ? noun : many) + " " + quoted(new TreeSet<>(names));
  }

  /**
   * Wildcard patterns as the engine reads command arguments and catalogue patterns: {@code *} is any
   * run of characters, {@code ?} one character, {@code \} escapes the next one. Stateless.
   */
  static final class Wildcard {
    private Wildcard() {}

    /** A parsed pattern: characters, and whether each is literal. */
    private record Tokens(char[] chars, boolean[] literal) {
      static Tokens of(String pattern) {
        char[] chars = new char[pattern.length()];
        boolean[] literal = new boolean[pattern.length()];
        int n = 0;
        for (int i = 0; i < pattern.length(); i++) {
          char c = pattern.charAt(i);
          if (c == '\\' && i + 1 < pattern.length()) {
            chars[n] = pattern.charAt(++i);
            literal[n++] = true;
          } else {
            chars[n] = c;
            literal[n++] = c != '*' && c != '?';
          }
        }
        return new Tokens(java.util.Arrays.copyOf(chars, n), java.util.Arrays.copyOf(literal, n));
      }

      boolean star(int i) {
        return !literal[i] && chars[i] == '*';
      }

      int size() {
        return chars.length;
      }

      boolean allLiteral() {
        for (boolean l : literal) {
          if (!l) {
            return false;
          }
        }
        return true;
      }

      String text() {
        return new String(chars);
      }
    }

    static boolean hasWildcard(String pattern) {
      return !Tokens.of(pattern).allLiteral();
    }

    /** Whether the pattern is nothing but wildcards with at least one {@code *}: it matches anything. */
    static boolean isUnbounded(String pattern) {
      Tokens t = Tokens.of(pattern.trim());
      boolean star = false;
      for (int i = 0; i < t.size(); i++) {
        if (t.literal[i]) {
          return false;
        }
        star |= t.star(i);
      }
      return star;
    }

    static boolean endsWithStar(String pattern) {
      Tokens t = Tokens.of(pattern.trim());
      return t.size() > 0 && t.star(t.size() - 1);
    }

    /** Whether every text {@code specific} matches is also matched by {@code general} (sound, not complete). */
    static boolean covers(String general, String specific) {
      if (general.equals(specific) || isUnbounded(general)) {
        return true;
      }
      Tokens s = Tokens.of(specific);
      if (s.allLiteral()) {
        return matches(general, s.text(), false);
      }
      Tokens g = Tokens.of(general);
      // general = literal prefix + '*', specific starts with that literal prefix
      if (g.size() > 0 && g.star(g.size() - 1) && literalRun(g, 0, g.size() - 1)) {
        String prefix = new String(g.chars, 0, g.size() - 1);
        return leadingLiterals(s).startsWith(prefix);
      }
      // general = '*' + literal suffix, specific ends with that literal suffix
      if (g.size() > 0 && g.star(0) && literalRun(g, 1, g.size())) {
        String suffix = new String(g.chars, 1, g.size() - 1);
        return trailingLiterals(s).endsWith(suffix);
      }
      return false;
    }

    private static boolean literalRun(Tokens t, int from, int to) {
      for (int i = from; i < to; i++) {
        if (!t.literal[i]) {
          return false;
        }
      }
      return true;
    }

    private static String leadingLiterals(Tokens t) {
      int i = 0;
      while (i < t.size() && t.literal[i]) {
        i++;
      }
      return new String(t.chars, 0, i);
    }

    private static String trailingLiterals(Tokens t) {
      int i = t.size();
      while (i > 0 && t.literal[i - 1]) {
        i--;
      }
      return new String(t.chars, i, t.size() - i);
    }

    /** Whether {@code text} matches {@code pattern}. Iterative, single-star backtracking. */
    static boolean matches(String pattern, String text, boolean ignoreCase) {
      Tokens tk = ignoreCase ? Tokens.of(pattern.toLowerCase(Locale.ROOT)) : Tokens.of(pattern);
      String s = ignoreCase ? text.toLowerCase(Locale.ROOT) : text;
      int t = 0;
      int p = 0;
      int star = -1;
      int mark = 0;
      while (t < s.length()) {
        if (p < tk.size() && !tk.star(p) && (!tk.literal[p] || tk.chars[p] == s.charAt(t))) {
          t++;
          p++;
        } else if (p < tk.size() && tk.star(p)) {
          star = p++;
          mark = t;
        } else if (star >= 0) {
          p = star + 1;
          t = ++mark;
        } else {
          return false;
        }
      }
      while (p < tk.size() && tk.star(p)) {
        p++;
      }
      return p == tk.size();
    }
  }
}
