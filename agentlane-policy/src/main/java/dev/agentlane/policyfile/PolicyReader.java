package dev.agentlane.policyfile;

import dev.agentlane.Access;
import dev.agentlane.EffectClass;
import dev.agentlane.PolicyProblem;
import dev.agentlane.Lane;
import dev.agentlane.Verdict;
import dev.agentlane.policy.ApprovalRule;
import dev.agentlane.policy.Budget;
import dev.agentlane.policy.CatalogueEntry;
import dev.agentlane.policy.CommandRule;
import dev.agentlane.policy.EvidenceField;
import dev.agentlane.policy.EvidenceRequirement;
import dev.agentlane.policy.HostRule;
import dev.agentlane.policy.ObligationRule;
import dev.agentlane.policy.OutsidePathRule;
import dev.agentlane.policy.Per;
import dev.agentlane.policy.Policy;
import dev.agentlane.policy.Scope;
import dev.agentlane.policy.StopConditionSpec;
import dev.agentlane.policy.ToolMapping;
import dev.agentlane.policyfile.tree.LocatedNode;
import dev.agentlane.policyfile.tree.LocatedNode.Entry;
import dev.agentlane.policyfile.tree.LocatedNode.ListNode;
import dev.agentlane.policyfile.tree.LocatedNode.MapNode;
import dev.agentlane.policyfile.tree.LocatedNode.Scalar;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Maps a {@link LocatedNode} tree of the v1 format ({@code docs/policy-format.md}) onto a
 * {@link Policy.Builder}, collecting every problem with its location instead of stopping at the first.
 * Records where each rule came from, so that problems the builder or the engine finds later (by model
 * path) can be reported at the right line. Not thread-safe; one per document.
 */
final class PolicyReader {
  static final String API_VERSION = "agentlane.dev/v1";
  private static final Set<String> TOP = Set.of("apiVersion", "kind", "metadata", "extends", "lanes", "default-lane",
      "capabilities", "tools", "commands", "hosts", "outside-paths", "shell-writes", "stop-conditions", "evidence",
      "catalogue", "approvals", "obligations", "budgets", "promotion", "locks");
  private static final Set<String> SCOPE = Set.of("capabilities", "effects", "from-lane", "tools", "workflows", "agent-lanes");
  private static final Map<String, Set<String>> KIND_KEYS = Map.of(
      "sensitive-paths", Set.of("globs", "access"),
      "failed-tests", Set.of(),
      "missing-context", Set.of("context-keys", "require-run-id"),
      "unusual-file-scope", Set.of("normal-paths", "max-files"),
      "blast-radius", Set.of("max-files", "max-lines", "max-directories", "max-services", "max-environments"),
      "rate", Set.of("limit", "window", "per"),
      "low-confidence", Set.of("minimum", "require-stated"));
  private static final Pattern SHORT_DURATION = Pattern.compile("([0-9]{1,9})(ms|s|m|h|d)");

  private final Problems problems;
  /** Model path (as the builder and engine report it) to the node it came from. */
  private final Map<String, LocatedNode> origins = new LinkedHashMap<>();
  /** Inline examples, by rule id. */
  final List<Example> examples = new ArrayList<>();
  /** Rule ids and settings this document locks for lower layers. */
  final List<String> locks = new ArrayList<>();
  final List<String> extendsRefs = new ArrayList<>();
  @Nullable LocatedNode extendsNode;
  @Nullable String name;
  @Nullable String version;

  /** An example action attached to a rule. */
  record Example(String ruleId, boolean match, LocatedNode action) {}

  PolicyReader(Problems problems) {
    this.problems = problems;
  }

  /** The node a model path came from: the longest registered prefix, or {@code null}. */
  @Nullable LocatedNode origin(String modelPath) {
    String p = modelPath;
    while (true) {
      LocatedNode n = origins.get(p);
      if (n != null) {
        return n;
      }
      int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('/'));
      if (cut <= 0) {
        return null;
      }
      p = p.substring(0, cut);
    }
  }

  /** Reads the header only: apiVersion, kind, metadata and extends. */
  boolean readHeader(@Nullable LocatedNode root) {
    if (root == null) {
      problems.add(1, 1, "", "the file is empty; expected a policy starting with 'apiVersion: " + API_VERSION + "'");
      return false;
    }
    if (!(root instanceof MapNode map)) {
      problems.add(root, "expected a mapping at the top of the file but found " + root.describe());
      return false;
    }
    checkKeys(map, TOP, "a policy");
    LocatedNode api = map.get("apiVersion");
    if (api == null) {
      problems.add(map, "missing 'apiVersion'; expected 'apiVersion: " + API_VERSION + "'");
    } else if (!API_VERSION.equals(string(api))) {
      problems.add(api, "unsupported apiVersion " + api.describe() + "; this version of agentlane reads '" + API_VERSION + "'");
    }
    LocatedNode kind = map.get("kind");
    if (kind == null) {
      problems.add(map, "missing 'kind'; expected 'kind: Policy'");
    } else if (!"Policy".equals(string(kind))) {
      problems.add(kind, "expected 'kind: Policy' but found " + kind.describe());
    }
    LocatedNode meta = map.get("metadata");
    if (meta != null) {
      MapNode m = map(meta);
      if (m != null) {
        checkKeys(m, Set.of("name", "version"), "metadata");
        name = optString(m, "name");
        version = optString(m, "version");
      }
    }
    LocatedNode ext = map.get("extends");
    if (ext != null) {
      extendsNode = ext;
      extendsRefs.addAll(strings(ext));
    }
    return true;
  }

  /** Reads the body onto {@code b}. */
  void readBody(MapNode root, Policy.Builder b) {
    if (name != null) {
      b.name(name);
    }
    if (version != null) {
      b.version(version);
    }
    LocatedNode lanes = root.get("lanes");
    if (lanes != null) {
      List<Lane> list = new ArrayList<>();
      ListNode l = list(lanes);
      if (l != null) {
        for (int i = 0; i < l.items().size(); i++) {
          LocatedNode item = l.items().get(i);
          String laneName = string(item);
          if (laneName != null) {
            try {
              list.add(Lane.of(laneName, i));
              origins.put("lanes." + laneName, item);
            } catch (IllegalArgumentException e) {
              problems.add(item, e.getMessage());
            }
          }
        }
        origins.put("lanes", lanes);
        b.lanes(list);
      }
    }
    LocatedNode def = root.get("default-lane");
    if (def != null) {
      String d = string(def);
      if (d != null) {
        b.defaultLane(d);
        origins.put("defaultLane", def);
      }
    }
    readCapabilities(root.get("capabilities"), b);
    readTools(root.get("tools"), b);
    readCommands(root.get("commands"), b);
    readHosts(root.get("hosts"), b);
    readOutsidePaths(root.get("outside-paths"), b);
    LocatedNode sw = root.get("shell-writes");
    if (sw != null) {
      b.shellWrites(strings(sw).toArray(String[]::new));
      origins.put("shellWrites", sw);
    }
    readStopConditions(root.get("stop-conditions"), b);
    readEvidence(root.get("evidence"), b);
    readCatalogue(root.get("catalogue"), b);
    readApprovals(root.get("approvals"), b);
    readObligations(root.get("obligations"), b);
    readBudgets(root.get("budgets"), b);
    readPromotion(root.get("promotion"), b);
    LocatedNode lk = root.get("locks");
    if (lk != null) {
      locks.addAll(strings(lk));
    }
  }

  // ------------------------------------------------------------------------------------------ sections

  private void readCapabilities(@Nullable LocatedNode node, Policy.Builder b) {
    MapNode caps = node == null ? null : map(node);
    if (caps == null) {
      return;
    }
    for (Entry e : caps.entries().values()) {
      MapNode c = map(e.value());
      origins.put("capabilities." + e.key(), e.value());
      if (c == null) {
        continue;
      }
      checkKeys(c, Set.of("lane", "effect"), "a capability");
      String lane = requiredString(c, "lane");
      EffectClass effect = enumValue(c, "effect", EffectClass.values(), EffectClass::code, true);
      LocatedNode laneNode = c.get("lane");
      if (laneNode != null) {
        origins.put("capabilities." + e.key() + ".lane", laneNode);
      }
      if (lane != null && effect != null) {
        b.capability(e.key(), lane, effect);
      }
    }
  }

  private void readTools(@Nullable LocatedNode node, Policy.Builder b) {
    MapNode tools = node == null ? null : map(node);
    if (tools == null) {
      return;
    }
    Set<String> keys = Set.of("capabilities", "read-paths", "write-paths", "command", "urls", "environments",
        "branches", "services", "optional", "only-arguments", "id", "examples");
    for (Entry e : tools.entries().values()) {
      MapNode t = map(e.value());
      origins.put("tools." + e.key(), e.value());
      if (t == null) {
        continue;
      }
      checkKeys(t, keys, "a tool mapping");
      ToolMapping.Builder tb = ToolMapping.tool(e.key());
      stringsAt(t, "capabilities").forEach(tb::capability);
      Set<String> optional = new java.util.HashSet<>(stringsAt(t, "optional"));
      bind(t, "read-paths", optional, tb, ToolMapping.Builder::readPath);
      bind(t, "write-paths", optional, tb, ToolMapping.Builder::writePath);
      bind(t, "urls", optional, tb, ToolMapping.Builder::url);
      bind(t, "environments", optional, tb, ToolMapping.Builder::environment);
      bind(t, "branches", optional, tb, ToolMapping.Builder::branch);
      bind(t, "services", optional, tb, ToolMapping.Builder::service);
      LocatedNode cmd = t.get("command");
      if (cmd != null) {
        String pointer = string(cmd);
        if (pointer != null) {
          tb.command(pointer);
          if (optional.contains(pointer)) {
            tb.optional();
          }
        }
      }
      if (t.get("only-arguments") != null) {
        tb.onlyArguments(stringsAt(t, "only-arguments").toArray(String[]::new));
      }
      String id = optString(t, "id");
      if (id != null) {
        tb.id(id);
      }
      ToolMapping m = tb.build();
      origins.put("tools." + e.key(), e.value());
      origins.put(m.id(), e.value());
      examples(t, m.id());
      b.tool(m);
    }
  }

  private interface Binder {
    ToolMapping.Builder bind(ToolMapping.Builder b, String pointer);
  }

  private void bind(MapNode t, String key, Set<String> optional, ToolMapping.Builder tb, Binder binder) {
    for (String pointer : stringsAt(t, key)) {
      binder.bind(tb, pointer);
      if (optional.contains(pointer)) {
        tb.optional();
      }
    }
  }

  private void readCommands(@Nullable LocatedNode node, Policy.Builder b) {
    for (MapNode c : mapsIn(node)) {
      LocatedNode item = c;
      checkKeys(c, Set.of("program", "args", "capabilities", "paths", "urls", "id", "examples"), "a command rule");
      String program = requiredString(c, "program");
      if (program == null) {
        continue;
      }
      CommandRule.Builder cb = CommandRule.program(program);
      cb.args(stringsAt(c, "args").toArray(String[]::new));
      stringsAt(c, "capabilities").forEach(cb::capability);
      CommandRule.PathArgs paths = enumValue(c, "paths", CommandRule.PathArgs.values(), CommandRule.PathArgs::code, false);
      if (paths != null) {
        cb.paths(paths);
      }
      if (Boolean.TRUE.equals(optBoolean(c, "urls"))) {
        cb.urls();
      }
      String id = optString(c, "id");
      if (id != null) {
        cb.id(id);
      }
      CommandRule rule = cb.build();
      origins.put("commands." + rule.id(), item);
      origins.put(rule.id(), item);
      examples(c, rule.id());
      b.command(rule);
    }
  }

  private void readHosts(@Nullable LocatedNode node, Policy.Builder b) {
    ListNode list = node == null ? null : list(node);
    if (list == null) {
      return;
    }
    for (LocatedNode item : list.items()) {
      HostRule rule = null;
      if (item instanceof Scalar) {
        String pattern = string(item);
        if (pattern != null) {
          rule = HostRule.allow(pattern);
        }
      } else {
        MapNode m = map(item);
        if (m != null) {
          checkKeys(m, Set.of("pattern", "id"), "a host rule");
          String pattern = requiredString(m, "pattern");
          if (pattern != null) {
            String id = optString(m, "id");
            rule = id == null ? HostRule.allow(pattern) : new HostRule(id, pattern);
          }
        }
      }
      if (rule != null) {
        origins.put("hosts." + rule.id(), item);
        b.host(rule);
      }
    }
  }

  private void readOutsidePaths(@Nullable LocatedNode node, Policy.Builder b) {
    for (MapNode m : mapsIn(node)) {
      LocatedNode item = m;
      checkKeys(m, Set.of("glob", "access", "id"), "an outside-path rule");
      String glob = requiredString(m, "glob");
      Access access = enumValue(m, "access", Access.values(), Access::code, false);
      if (glob != null) {
        String id = optString(m, "id");
        OutsidePathRule rule = new OutsidePathRule(id == null ? "outside." + glob.replaceAll("[^A-Za-z0-9._:/*-]", "_") : id, glob,
            access == null ? Access.READ : access);
        origins.put("outsidePaths." + rule.id(), item);
        b.outsidePath(rule);
      }
    }
  }

  private void readStopConditions(@Nullable LocatedNode node, Policy.Builder b) {
    for (MapNode m : mapsIn(node)) {
      LocatedNode item = m;
      String id = requiredString(m, "id");
      String kind = requiredString(m, "kind");
      Set<String> allowed = new java.util.HashSet<>(Set.of("id", "kind", "effect", "scope", "examples"));
      if (kind != null) {
        Set<String> kindKeys = KIND_KEYS.get(kind);
        if (kindKeys == null) {
          problems.add(m.get("kind"), "unknown stop-condition kind '" + kind + "'" + PolicyProblem.suggestion(kind, KIND_KEYS.keySet())
              + "; expected one of " + new TreeSet<>(KIND_KEYS.keySet()));
          continue;
        }
        allowed.addAll(kindKeys);
      }
      checkKeys(m, allowed, kind == null ? "a stop condition" : "a " + kind + " stop condition");
      Verdict effect = enumValue(m, "effect", new Verdict[] {Verdict.ESCALATE, Verdict.DENY, Verdict.HALT},
          Verdict::code, true);
      Scope scope = scope(m.get("scope"));
      if (id == null || kind == null || effect == null || scope == null) {
        continue;
      }
      try {
        StopConditionSpec spec = switch (kind) {
          case "sensitive-paths" -> {
            Access access = enumValue(m, "access", Access.values(), Access::code, false);
            yield new StopConditionSpec.SensitivePaths(id, effect, scope, stringsAt(m, "globs"),
                access == null ? Access.READ : access);
          }
          case "failed-tests" -> new StopConditionSpec.FailedTests(id, effect, scope);
          case "missing-context" -> new StopConditionSpec.MissingContext(id, effect, scope, stringsAt(m, "context-keys"),
              Boolean.TRUE.equals(optBoolean(m, "require-run-id")));
          case "unusual-file-scope" -> new StopConditionSpec.UnusualFileScope(id, effect, scope,
              stringsAt(m, "normal-paths"), optInt(m, "max-files", 0));
          case "blast-radius" -> new StopConditionSpec.BlastRadius(id, effect, scope, optInt(m, "max-files", 0),
              optInt(m, "max-lines", 0), optInt(m, "max-directories", 0), optInt(m, "max-services", 0),
              optInt(m, "max-environments", 0));
          case "rate" -> {
            Per per = enumValue(m, "per", Per.values(), Per::code, false);
            Duration window = duration(m, "window", true);
            int limit = optInt(m, "limit", -1);
            if (window == null || limit < 0) {
              if (limit < 0 && m.get("limit") == null) {
                problems.add(m, "a rate stop condition needs 'limit'");
              }
              yield null;
            }
            yield new StopConditionSpec.Rate(id, effect, scope, limit, window, per == null ? Per.PAIR : per);
          }
          case "low-confidence" -> new StopConditionSpec.LowConfidence(id, effect, scope, optDecimal(m, "minimum", 0.0),
              Boolean.TRUE.equals(optBoolean(m, "require-stated")));
          default -> null;
        };
        if (spec != null) {
          origins.put("stopConditions." + id, item);
          origins.put(id, item);
          LocatedNode globs = m.get("globs");
          if (globs != null) {
            origins.put("stopConditions." + id + ".globs", globs);
          }
          LocatedNode normal = m.get("normal-paths");
          if (normal != null) {
            origins.put("stopConditions." + id + ".normalPaths", normal);
          }
          examples(m, id);
          b.stopCondition(spec);
        }
      } catch (IllegalArgumentException e) {
        problems.add(item, e.getMessage());
      }
    }
  }

  private void readEvidence(@Nullable LocatedNode node, Policy.Builder b) {
    for (MapNode m : mapsIn(node)) {
      checkKeys(m, Set.of("id", "scope", "require", "examples"), "an evidence requirement");
      String id = requiredString(m, "id");
      Scope scope = scope(m.get("scope"));
      List<EvidenceField> fields = new ArrayList<>();
      LocatedNode req = m.get("require");
      if (req == null) {
        problems.add(m, "an evidence requirement needs 'require', a list of evidence fields");
      } else {
        ListNode l = list(req);
        if (l != null) {
          for (LocatedNode f : l.items()) {
            EvidenceField field = enumOf(f, EvidenceField.values(), EvidenceField::code);
            if (field != null) {
              fields.add(field);
            }
          }
        }
      }
      if (id != null && scope != null && !fields.isEmpty()) {
        try {
          b.evidence(new EvidenceRequirement(id, scope, Set.copyOf(fields)));
          origins.put("evidence." + id, m);
          origins.put(id, m);
          examples(m, id);
        } catch (IllegalArgumentException e) {
          problems.add(m, e.getMessage());
        }
      }
    }
  }

  private void readCatalogue(@Nullable LocatedNode node, Policy.Builder b) {
    for (MapNode m : mapsIn(node)) {
      checkKeys(m, Set.of("id", "tool", "arguments", "commands", "environments", "requires-approval", "description",
          "examples"), "a catalogue entry");
      String id = requiredString(m, "id");
      String tool = requiredString(m, "tool");
      if (id == null || tool == null) {
        continue;
      }
      CatalogueEntry.Builder cb = CatalogueEntry.builder(id, tool);
      LocatedNode args = m.get("arguments");
      if (args != null) {
        MapNode am = map(args);
        if (am != null) {
          for (Entry e : am.entries().values()) {
            String v = string(e.value());
            if (v != null) {
              cb.argument(e.key(), v);
            }
          }
          origins.put("catalogue." + id + ".arguments", args);
        }
      }
      stringsAt(m, "commands").forEach(cb::command);
      cb.environments(stringsAt(m, "environments").toArray(String[]::new));
      if (Boolean.TRUE.equals(optBoolean(m, "requires-approval"))) {
        cb.requiresApproval();
      }
      String description = optString(m, "description");
      if (description != null) {
        cb.description(description);
      }
      origins.put("catalogue." + id, m);
      LocatedNode toolNode = m.get("tool");
      if (toolNode != null) {
        origins.put("catalogue." + id + ".tool", toolNode);
      }
      origins.put(id, m);
      examples(m, id);
      b.catalogue(cb.build());
    }
  }

  private void readApprovals(@Nullable LocatedNode node, Policy.Builder b) {
    for (MapNode m : mapsIn(node)) {
      checkKeys(m, Set.of("id", "scope", "approvers", "examples"), "an approval rule");
      String id = requiredString(m, "id");
      String approvers = requiredString(m, "approvers");
      Scope scope = scope(m.get("scope"));
      if (id != null && approvers != null && scope != null) {
        origins.put("approvals." + id, m);
        origins.put(id, m);
        examples(m, id);
        b.approval(new ApprovalRule(id, scope, approvers));
      }
    }
  }

  private void readObligations(@Nullable LocatedNode node, Policy.Builder b) {
    for (MapNode m : mapsIn(node)) {
      checkKeys(m, Set.of("id", "scope", "code", "detail"), "an obligation rule");
      String id = requiredString(m, "id");
      String code = requiredString(m, "code");
      String detail = optString(m, "detail");
      Scope scope = scope(m.get("scope"));
      if (id != null && code != null && scope != null) {
        origins.put("obligations." + id, m);
        origins.put(id, m);
        b.obligation(new ObligationRule(id, scope, code, detail == null ? "" : detail));
      }
    }
  }

  private void readBudgets(@Nullable LocatedNode node, Policy.Builder b) {
    for (MapNode m : mapsIn(node)) {
      checkKeys(m, Set.of("id", "scope", "limit", "period", "per"), "a budget");
      String id = requiredString(m, "id");
      Scope scope = scope(m.get("scope"));
      int limit = optInt(m, "limit", -1);
      if (m.get("limit") == null) {
        problems.add(m, "a budget needs 'limit', the number of allowed actions per period");
      }
      Duration period = duration(m, "period", true);
      Per per = enumValue(m, "per", Per.values(), Per::code, false);
      if (id != null && scope != null && limit >= 0 && period != null) {
        try {
          b.budget(new Budget(id, scope, limit, period, per == null ? Per.PAIR : per));
          origins.put("budgets." + id, m);
          origins.put(id, m);
        } catch (IllegalArgumentException e) {
          problems.add(m.get("limit") != null ? m.get("limit") : m, e.getMessage());
        }
      }
    }
  }

  private void readPromotion(@Nullable LocatedNode node, Policy.Builder b) {
    MapNode lanes = node == null ? null : map(node);
    if (lanes == null) {
      return;
    }
    Set<String> keys = Set.of("min-observations", "min-release-cycles", "min-time-in-lane", "min-clean-rate-lower-bound",
        "max-rework-upper-bound", "confidence", "severe-incident-window");
    for (Entry e : lanes.entries().values()) {
      MapNode m = map(e.value());
      origins.put("promotion." + e.key(), e.value());
      if (m == null) {
        continue;
      }
      checkKeys(m, keys, "promotion criteria");
      var cb = dev.agentlane.promotion.PromotionCriteria.builder();
      try {
        if (m.get("min-observations") != null) {
          cb.minObservations(optInt(m, "min-observations", 0));
        }
        if (m.get("min-release-cycles") != null) {
          cb.minReleaseCycles(optInt(m, "min-release-cycles", 0));
        }
        Duration time = duration(m, "min-time-in-lane", false);
        if (time != null) {
          cb.minTimeInLane(time);
        }
        if (m.get("min-clean-rate-lower-bound") != null) {
          cb.minCleanRateLowerBound(optDecimal(m, "min-clean-rate-lower-bound", 0.0));
        }
        if (m.get("max-rework-upper-bound") != null) {
          cb.maxReworkUpperBound(optDecimal(m, "max-rework-upper-bound", 1.0));
        }
        if (m.get("confidence") != null) {
          cb.confidence(optDecimal(m, "confidence", 0.95));
        }
        Duration window = duration(m, "severe-incident-window", false);
        if (window != null) {
          cb.severeIncidentWindow(window);
        }
        b.promotion(e.key(), cb.build());
      } catch (IllegalArgumentException ex) {
        problems.add(m, ex.getMessage());
      }
    }
  }

  private void examples(MapNode rule, String ruleId) {
    LocatedNode ex = rule.get("examples");
    if (ex == null) {
      return;
    }
    MapNode m = map(ex);
    if (m == null) {
      return;
    }
    checkKeys(m, Set.of("match", "not-match"), "examples");
    for (String key : List.of("match", "not-match")) {
      LocatedNode l = m.get(key);
      if (l != null) {
        ListNode list = list(l);
        if (list != null) {
          for (LocatedNode a : list.items()) {
            examples.add(new Example(ruleId, key.equals("match"), a));
          }
        }
      }
    }
  }

  // ------------------------------------------------------------------------------------------ values

  private @Nullable Scope scope(@Nullable LocatedNode node) {
    if (node == null) {
      return Scope.all();
    }
    MapNode m = map(node);
    if (m == null) {
      return null;
    }
    checkKeys(m, SCOPE, "a scope");
    Scope s = Scope.all();
    if (m.get("capabilities") != null) {
      s = s.withCapabilities(stringsAt(m, "capabilities").toArray(String[]::new));
    }
    if (m.get("effects") != null) {
      List<EffectClass> effects = new ArrayList<>();
      ListNode l = list(m.get("effects"));
      if (l != null) {
        for (LocatedNode f : l.items()) {
          EffectClass e = enumOf(f, EffectClass.values(), EffectClass::code);
          if (e != null) {
            effects.add(e);
          }
        }
      }
      s = s.withEffects(effects.toArray(EffectClass[]::new));
    }
    String from = optString(m, "from-lane");
    if (from != null) {
      s = s.withFromLane(from);
    }
    if (m.get("tools") != null) {
      s = s.withTools(stringsAt(m, "tools").toArray(String[]::new));
    }
    if (m.get("workflows") != null) {
      s = s.withWorkflows(stringsAt(m, "workflows").toArray(String[]::new));
    }
    if (m.get("agent-lanes") != null) {
      s = s.withAgentLanes(stringsAt(m, "agent-lanes").toArray(String[]::new));
    }
    return s;
  }

  private List<MapNode> mapsIn(@Nullable LocatedNode node) {
    List<MapNode> out = new ArrayList<>();
    ListNode list = node == null ? null : list(node);
    if (list != null) {
      for (LocatedNode item : list.items()) {
        MapNode m = map(item);
        if (m != null) {
          out.add(m);
        }
      }
    }
    return out;
  }

  void problem(LocatedNode at, String message) {
    problems.add(at, message);
  }

  void checkKeys(MapNode map, Set<String> allowed, String what) {
    for (Entry e : map.entries().values()) {
      if (!allowed.contains(e.key())) {
        String path = map.path().isEmpty() ? e.key() : map.path() + "." + e.key();
        problems.add(e.line(), e.column(), path, "unknown field '" + e.key() + "' in " + what
            + PolicyProblem.suggestion(e.key(), allowed) + "; expected one of " + new TreeSet<>(allowed));
      }
    }
  }

  @Nullable MapNode map(LocatedNode node) {
    if (node instanceof MapNode m) {
      return m;
    }
    problems.add(node, "expected a mapping but found " + node.describe());
    return null;
  }

  @Nullable ListNode list(LocatedNode node) {
    if (node instanceof ListNode l) {
      return l;
    }
    problems.add(node, "expected a list but found " + node.describe());
    return null;
  }

  @Nullable String string(LocatedNode node) {
    if (node instanceof Scalar s && s.value() instanceof String text) {
      return text;
    }
    problems.add(node, "expected a string but found " + node.describe());
    return null;
  }

  List<String> strings(LocatedNode node) {
    if (node instanceof Scalar s && s.value() instanceof String text) {
      return List.of(text);
    }
    ListNode l = list(node);
    List<String> out = new ArrayList<>();
    if (l != null) {
      for (LocatedNode item : l.items()) {
        String v = string(item);
        if (v != null) {
          out.add(v);
        }
      }
    }
    return out;
  }

  private List<String> stringsAt(MapNode m, String key) {
    LocatedNode n = m.get(key);
    return n == null ? List.of() : strings(n);
  }

  private @Nullable String optString(MapNode m, String key) {
    LocatedNode n = m.get(key);
    return n == null ? null : string(n);
  }

  private @Nullable String requiredString(MapNode m, String key) {
    LocatedNode n = m.get(key);
    if (n == null) {
      problems.add(m, "missing required field '" + key + "'");
      return null;
    }
    return string(n);
  }

  private @Nullable Boolean optBoolean(MapNode m, String key) {
    LocatedNode n = m.get(key);
    if (n == null) {
      return null;
    }
    if (n instanceof Scalar s && s.value() instanceof Boolean value) {
      return value;
    }
    problems.add(n, "expected true or false but found " + n.describe());
    return null;
  }

  private int optInt(MapNode m, String key, int absent) {
    LocatedNode n = m.get(key);
    if (n == null) {
      return absent;
    }
    if (n instanceof Scalar s && s.kind() == Scalar.Kind.INTEGER) {
      if (!(s.value() instanceof Long v && v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE)) {
        problems.add(n, "'" + key + "' is too large: " + s.text());
        return absent;
      }
      if (v < 0) {
        problems.add(n, "'" + key + "' must be >= 0 but was " + v);
        return absent;
      }
      return v.intValue();
    }
    problems.add(n, "expected a whole number but found " + n.describe());
    return absent;
  }

  private double optDecimal(MapNode m, String key, double absent) {
    LocatedNode n = m.get(key);
    if (n == null) {
      return absent;
    }
    if (n instanceof Scalar s && s.value() instanceof Number number) {
      double v = number.doubleValue();
      if (!(v >= 0.0 && v <= 1.0)) {
        problems.add(n, "'" + key + "' must be within 0..1 but was " + s.text());
        return absent;
      }
      return v;
    }
    problems.add(n, "expected a number from 0 to 1 but found " + n.describe());
    return absent;
  }

  private @Nullable Duration duration(MapNode m, String key, boolean required) {
    LocatedNode n = m.get(key);
    if (n == null) {
      if (required) {
        problems.add(m, "missing required field '" + key + "' (a duration such as 30s, 5m, 2h, 1d or PT1M)");
      }
      return null;
    }
    String text = string(n);
    if (text == null) {
      return null;
    }
    Matcher sm = SHORT_DURATION.matcher(text);
    Duration d = null;
    if (sm.matches()) {
      long v = Long.parseLong(sm.group(1));
      d = switch (sm.group(2)) {
        case "ms" -> Duration.ofMillis(v);
        case "s" -> Duration.ofSeconds(v);
        case "m" -> Duration.ofMinutes(v);
        case "h" -> Duration.ofHours(v);
        default -> Duration.ofDays(v);
      };
    } else {
      try {
        d = Duration.parse(text.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        problems.add(n, "'" + text + "' is not a duration; expected a number with ms, s, m, h or d (such as 5m) or ISO-8601 (PT5M)");
        return null;
      }
    }
    if (d.isZero() || d.isNegative()) {
      problems.add(n, "'" + key + "' must be longer than zero but was " + text);
      return null;
    }
    return d;
  }

  private <E> @Nullable E enumValue(MapNode m, String key, E[] values, java.util.function.Function<E, String> code,
      boolean required) {
    LocatedNode n = m.get(key);
    if (n == null) {
      if (required) {
        List<String> codes = new ArrayList<>();
        for (E v : values) {
          codes.add(code.apply(v));
        }
        problems.add(m, "missing required field '" + key + "'; expected one of " + codes);
      }
      return null;
    }
    return enumOf(n, values, code);
  }

  private <E> @Nullable E enumOf(LocatedNode n, E[] values, java.util.function.Function<E, String> code) {
    String text = string(n);
    if (text == null) {
      return null;
    }
    List<String> codes = new ArrayList<>();
    for (E v : values) {
      if (code.apply(v).equals(text)) {
        return v;
      }
      codes.add(code.apply(v));
    }
    problems.add(n, "unknown value '" + text + "'" + PolicyProblem.suggestion(text, codes) + "; expected one of " + codes);
    return null;
  }
}
