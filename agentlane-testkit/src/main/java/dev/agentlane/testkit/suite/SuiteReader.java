package dev.agentlane.testkit.suite;

import dev.agentlane.Action;
import dev.agentlane.AgentKey;
import dev.agentlane.Evidence;
import dev.agentlane.PolicyException;
import dev.agentlane.PolicyProblem;
import dev.agentlane.ReasonCode;
import dev.agentlane.TestRun;
import dev.agentlane.Verdict;
import dev.agentlane.policy.Policy;
import dev.agentlane.policyfile.PolicyFiles;
import dev.agentlane.policyfile.tree.LocatedNode;
import dev.agentlane.policyfile.tree.LocatedNode.ListNode;
import dev.agentlane.policyfile.tree.LocatedNode.MapNode;
import dev.agentlane.policyfile.tree.LocatedNode.Scalar;
import dev.agentlane.policyfile.tree.LocatedYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Reads a suite file into a {@link PolicySuite}, collecting every problem. Not thread-safe; one per file. */
final class SuiteReader {
  static final int MAX_FILE_BYTES = LocatedYaml.MAX_BYTES;
  private static final LocatedYaml YAML = LocatedYaml.yaml("suite file");
  private static final Set<String> TOP = Set.of("suite", "policy", "workspace", "tests");
  private static final Set<String> CASE = Set.of("name", "lane", "agent", "workflow", "run-id", "action", "evidence",
      "context", "expect", "reason", "rule");
  private static final Set<String> ACTION = Set.of("tool", "arguments");
  private static final Set<String> EVIDENCE = Set.of("tests", "files-touched", "assumptions", "confidence",
      "rollback-plan", "validation-links");
  private static final Set<String> TEST_RUN = Set.of("name", "passed", "failed", "skipped");

  private final Path file;
  private final String source;
  private final List<SuiteProblem> problems = new ArrayList<>();

  private SuiteReader(Path file) {
    this.file = file;
    this.source = file.toString();
  }

  static PolicySuite load(Path file) {
    return new SuiteReader(file).read();
  }

  private PolicySuite read() {
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw fail(0, 0, "a suite file may be at most " + MAX_FILE_BYTES + " bytes");
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw fail(0, 0, "cannot read the suite file: " + e);
    }
    LocatedNode root = YAML.read(bytes, source,
        p -> problems.add(new SuiteProblem(p.source(), p.line(), p.column(), p.message())));
    if (root == null) {
      if (problems.isEmpty()) {
        problems.add(new SuiteProblem(source, 1, 1, "the suite file is empty"));
      }
      throw new PolicySuiteException(problems);
    }
    if (!(root instanceof MapNode top)) {
      throw fail(root.line(), root.column(), "a suite file is a mapping with 'suite', 'policy' and 'tests', but found "
          + describe(root));
    }
    checkKeys(top, TOP, "a suite");
    String name = top.get("suite") == null ? defaultName() : string(top.get("suite"), "suite");
    String workspace = top.get("workspace") == null ? "/workspace" : string(top.get("workspace"), "workspace");
    Policy policy = policy(top);
    List<SuiteCase> cases = new ArrayList<>();
    LocatedNode tests = top.get("tests");
    if (tests == null) {
      problem(top, "a suite needs 'tests', a list of test cases");
    } else if (!(tests instanceof ListNode list)) {
      problem(tests, "'tests' must be a list of test cases, but found " + describe(tests));
    } else {
      if (list.items().isEmpty()) {
        problem(list, "'tests' is empty: a suite needs at least one test case");
      }
      Set<String> names = new HashSet<>();
      int n = 0;
      for (LocatedNode item : list.items()) {
        SuiteCase c = testCase(item, n++, policy, workspace);
        if (c != null && !names.add(c.name())) {
          problem(item, "duplicate test name '" + c.name() + "'; names must be unique within a suite");
        }
        if (c != null) {
          cases.add(c);
        }
      }
    }
    if (!problems.isEmpty() || policy == null) {
      if (problems.isEmpty()) {
        problems.add(new SuiteProblem(source, 0, 0, "no policy"));
      }
      throw new PolicySuiteException(problems);
    }
    return new PolicySuite(name, file, policy, workspace, cases);
  }

  private String defaultName() {
    Path f = file.getFileName();
    String s = f == null ? source : f.toString();
    int dot = s.indexOf('.');
    return dot > 0 ? s.substring(0, dot) : s;
  }

  private @Nullable Policy policy(MapNode top) {
    LocatedNode node = top.get("policy");
    if (node == null) {
      problem(top, "a suite needs 'policy': \"default\" (the shipped policy) or a path relative to this file");
      return null;
    }
    String ref = string(node, "policy");
    if (ref == null) {
      return null;
    }
    try {
      if (ref.equals(PolicyFiles.DEFAULT)) {
        return PolicyFiles.defaultPolicy();
      }
      Path parent = file.toAbsolutePath().getParent();
      Path p = parent == null ? Path.of(ref) : parent.resolve(ref).normalize();
      if (!Files.isRegularFile(p)) {
        problem(node, "policy file '" + ref + "' not found (looked for " + p + ")");
        return null;
      }
      return PolicyFiles.load(p);
    } catch (PolicyException e) {
      problem(node, "the policy '" + ref + "' is invalid (" + e.problems().size() + " problems, listed next)");
      for (PolicyProblem p : e.problems()) {
        problems.add(new SuiteProblem(p.source(), p.line(), p.column(), p.path().isEmpty() ? p.message()
            : p.path() + ": " + p.message()));
      }
      return null;
    }
  }

  private @Nullable SuiteCase testCase(LocatedNode item, int n, @Nullable Policy policy, @Nullable String workspace) {
    if (!(item instanceof MapNode m)) {
      problem(item, "a test case is a mapping with 'name', 'action' and 'expect', but found " + describe(item));
      return null;
    }
    int before = problems.size();
    checkKeys(m, CASE, "a test case");
    String name = required(m, "name", "a test case");
    String laneName = m.get("lane") == null ? null : string(m.get("lane"), "lane");
    if (laneName != null && policy != null && policy.lane(laneName).isEmpty()) {
      problem(m.get("lane"), "unknown lane '" + laneName + "'; the policy's lanes are "
          + policy.lanes().stream().map(l -> l.name()).toList()
          + PolicyProblem.suggestion(laneName, policy.lanes().stream().map(l -> l.name()).toList()));
    }
    String agent = m.get("agent") == null ? "suite-agent-" + (n + 1) : string(m.get("agent"), "agent");
    String workflow = m.get("workflow") == null ? "policy-suite" : string(m.get("workflow"), "workflow");
    Verdict expect = null;
    LocatedNode expectNode = m.get("expect");
    if (expectNode == null) {
      problem(m, "a test case needs 'expect': allow, escalate, deny or halt");
    } else {
      String e = string(expectNode, "expect");
      if (e != null) {
        try {
          expect = Verdict.ofCode(e.toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException ex) {
          problem(expectNode, "'expect' must be allow, escalate, deny or halt, but was '" + e + "'"
              + PolicyProblem.suggestion(e, List.of("allow", "escalate", "deny", "halt")));
        }
      }
    }
    List<ReasonCode> reasons = new ArrayList<>();
    for (Scalar s : strings(m.get("reason"), "reason")) {
      String code = (String) s.value();
      try {
        reasons.add(ReasonCode.ofCode(code));
      } catch (IllegalArgumentException ex) {
        problem(s, "unknown reason code '" + code + "'" + PolicyProblem.suggestion(code,
            Arrays.stream(ReasonCode.values()).map(ReasonCode::code).toList()));
      }
    }
    List<String> rules = new ArrayList<>();
    for (Scalar s : strings(m.get("rule"), "rule")) {
      rules.add((String) s.value());
    }
    Action.Builder a = Action.builder().tool("?");
    if (workspace != null) {
      a.workspace(workspace);
    }
    LocatedNode actionNode = m.get("action");
    if (actionNode == null) {
      problem(m, "a test case needs 'action': {tool: ..., arguments: {...}}");
    } else if (!(actionNode instanceof MapNode am)) {
      problem(actionNode, "'action' must be a mapping {tool: ..., arguments: {...}}, but found "
          + describe(actionNode));
    } else {
      checkKeys(am, ACTION, "an action");
      String tool = required(am, "tool", "an action");
      if (tool != null) {
        a.tool(tool);
      }
      LocatedNode args = am.get("arguments");
      if (args != null) {
        if (args instanceof MapNode argMap) {
          a.arguments(argMap.toJava());
        } else {
          problem(args, "'arguments' must be a mapping, but found " + describe(args));
        }
      }
    }
    LocatedNode run = m.get("run-id");
    if (run != null) {
      a.runId(string(run, "run-id"));
    }
    LocatedNode ctx = m.get("context");
    if (ctx != null) {
      if (ctx instanceof MapNode cm) {
        cm.entries().forEach((k, e) -> {
          if (e.value() instanceof Scalar s && s.value() != null && !(s.value() instanceof Boolean)) {
            a.context(k, String.valueOf(s.value()));
          } else {
            problem(e.value(), "context value '" + k + "' must be a string or number, but found "
                + describe(e.value()));
          }
        });
      } else {
        problem(ctx, "'context' must be a mapping of strings, but found " + describe(ctx));
      }
    }
    LocatedNode ev = m.get("evidence");
    if (ev != null) {
      Evidence evidence = evidence(ev);
      if (evidence != null) {
        a.evidence(evidence);
      }
    }
    if (problems.size() > before || name == null || expect == null || agent == null || workflow == null) {
      return null;
    }
    try {
      AgentKey key = AgentKey.of(agent, workflow);
      a.key(key);
    } catch (IllegalArgumentException e) {
      problem(m, e.getMessage() == null ? "invalid agent or workflow" : e.getMessage());
      return null;
    }
    return new SuiteCase(name, laneName, a.build(), expect, reasons, rules, source, item.line(), item.column());
  }

  private @Nullable Evidence evidence(LocatedNode ev) {
    if (!(ev instanceof MapNode m)) {
      problem(ev, "'evidence' must be a mapping, but found " + describe(ev));
      return null;
    }
    checkKeys(m, EVIDENCE, "evidence");
    Evidence.Builder b = Evidence.builder();
    LocatedNode tests = m.get("tests");
    if (tests != null) {
      if (tests instanceof ListNode l) {
        for (LocatedNode t : l.items()) {
          if (t instanceof MapNode tm) {
            checkKeys(tm, TEST_RUN, "a test run");
            String name = required(tm, "name", "a test run");
            b.test(new TestRun(name == null ? "?" : name, integer(tm.get("passed")), integer(tm.get("failed")),
                integer(tm.get("skipped"))));
          } else {
            problem(t, "a test run is a mapping {name, passed, failed, skipped}, but found " + describe(t));
          }
        }
      } else {
        problem(tests, "'tests' must be a list of test runs, but found " + describe(tests));
      }
    }
    strings(m.get("files-touched"), "files-touched").forEach(s -> b.filesTouched((String) s.value()));
    strings(m.get("assumptions"), "assumptions").forEach(s -> b.assumption((String) s.value()));
    strings(m.get("validation-links"), "validation-links").forEach(s -> b.validationLink((String) s.value()));
    LocatedNode c = m.get("confidence");
    if (c != null) {
      if (c instanceof Scalar s && s.value() instanceof Number num) {
        b.confidence(num.doubleValue());
      } else {
        problem(c, "'confidence' must be a number, but found " + describe(c));
      }
    }
    LocatedNode r = m.get("rollback-plan");
    if (r != null) {
      String plan = string(r, "rollback-plan");
      if (plan != null) {
        b.rollbackPlan(plan);
      }
    }
    return b.build();
  }

  private int integer(@Nullable LocatedNode node) {
    if (node == null) {
      return 0;
    }
    if (node instanceof Scalar s && s.value() instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
      return l.intValue();
    }
    problem(node, "expected a whole number, but found " + describe(node));
    return 0;
  }

  /** A string or a list of strings; an absent node is an empty list. */
  private List<Scalar> strings(@Nullable LocatedNode node, String key) {
    List<Scalar> out = new ArrayList<>();
    if (node == null) {
      return out;
    }
    if (node instanceof Scalar s && s.value() instanceof String) {
      out.add(s);
    } else if (node instanceof ListNode l) {
      for (LocatedNode i : l.items()) {
        if (i instanceof Scalar s && s.value() instanceof String) {
          out.add(s);
        } else {
          problem(i, "'" + key + "' must hold strings, but found " + describe(i));
        }
      }
    } else {
      problem(node, "'" + key + "' must be a string or a list of strings, but found " + describe(node));
    }
    return out;
  }

  private @Nullable String required(MapNode m, String key, String what) {
    LocatedNode n = m.get(key);
    if (n == null) {
      problem(m, what + " needs '" + key + "'");
      return null;
    }
    return string(n, key);
  }

  private @Nullable String string(@Nullable LocatedNode node, String key) {
    if (node instanceof Scalar s && s.value() instanceof String str) {
      if (str.isBlank()) {
        problem(node, "'" + key + "' must not be blank");
        return null;
      }
      return str;
    }
    if (node != null) {
      problem(node, "'" + key + "' must be a string, but found " + describe(node));
    }
    return null;
  }

  private void checkKeys(MapNode m, Set<String> allowed, String what) {
    for (LocatedNode.Entry e : m.entries().values()) {
      if (!allowed.contains(e.key())) {
        problems.add(new SuiteProblem(source, e.line(), e.column(), "unknown key '" + e.key() + "' in " + what
            + PolicyProblem.suggestion(e.key(), allowed) + "; allowed: " + new LinkedHashSet<>(allowed.stream()
            .sorted().toList())));
      }
    }
  }

  /** The suite's words for a value: {@code the value 5} where policy files say {@code a number (5)}. */
  private static String describe(LocatedNode node) {
    if (node instanceof Scalar s && s.value() != null && !(s.value() instanceof String)) {
      return "the value " + s.value();
    }
    return node.describe();
  }

  private void problem(@Nullable LocatedNode node, String message) {
    problems.add(node == null ? new SuiteProblem(source, 0, 0, message)
        : new SuiteProblem(source, node.line(), node.column(), message));
  }

  private PolicySuiteException fail(int line, int column, String message) {
    problems.add(new SuiteProblem(source, line, column, message));
    return new PolicySuiteException(problems);
  }
}
