package dev.agentlane.cli;

import dev.agentlane.AgentKey;
import dev.agentlane.PolicyProblem;
import dev.agentlane.policy.Policy;
import dev.agentlane.policyfile.tree.LocatedNode;
import dev.agentlane.policyfile.tree.LocatedNode.ListNode;
import dev.agentlane.policyfile.tree.LocatedNode.MapNode;
import dev.agentlane.policyfile.tree.LocatedNode.Scalar;
import dev.agentlane.policyfile.tree.LocatedYaml;
import dev.agentlane.testkit.sim.AgentProfile;
import dev.agentlane.testkit.sim.PromotionSimulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A simulation scenario file, the input of {@code agentlane simulate}: YAML (or JSON) naming the seed, the
 * length, the policy and the agents of a {@link PromotionSimulator} run. Every problem is reported at once
 * with {@code file:line:column}.
 *
 * <pre>{@code
 * seed: 42                # the same seed gives the same story (default 0)
 * days: 120               # simulated days, 1..3650 (default 90)
 * cycle-days: 7           # days between release cycles (default 7)
 * policy: default         # or a policy file, relative to this file (default: default)
 * approver: lead          # who approves the promotions the ledger proposes (default simulated-approver)
 * agents:
 *   - agent: careful
 *     workflow: fixes
 *     profile: careful    # careful (default) or sloppy: the rates below start from it
 *   - agent: sloppy
 *     workflow: fixes
 *     profile: sloppy
 *     secret-touch-rate: 0.001    # and any of: calls-per-day, reviews-per-day, clean-rate,
 *                                 # rework-rate, severe-incident-rate
 * }</pre>
 *
 * <p>Immutable.
 *
 * @param file the scenario file
 * @param seed the seed
 * @param days simulated days
 * @param cycleDays days between release cycles
 * @param policyRef the policy as written ({@code default} or a path)
 * @param policy the policy
 * @param approver who approves promotions
 * @param agents the agents
 */
record SimulationScenario(Path file, long seed, int days, int cycleDays, String policyRef, Policy policy,
    String approver, List<AgentProfile> agents) {

  /** The most days a scenario may simulate: ten years. */
  static final int MAX_DAYS = 3650;
  /** The most tool calls or reviews an agent may make a day. */
  static final int MAX_PER_DAY = 10_000;

  private static final LocatedYaml YAML = LocatedYaml.yaml("scenario file");
  private static final Set<String> TOP = Set.of("seed", "days", "cycle-days", "policy", "approver", "agents");
  private static final Set<String> AGENT = Set.of("agent", "workflow", "profile", "calls-per-day", "reviews-per-day",
      "clean-rate", "rework-rate", "severe-incident-rate", "secret-touch-rate");
  private static final List<String> PROFILES = List.of("careful", "sloppy");

  /** Copies the agents. */
  SimulationScenario {
    Objects.requireNonNull(file, "file");
    agents = List.copyOf(agents);
  }

  /** The simulator for this scenario, with {@code seed} and {@code days} overriding the file's when given. */
  PromotionSimulator simulator(@Nullable Long seedOverride, @Nullable Integer daysOverride) {
    PromotionSimulator.Builder b = PromotionSimulator.builder().policy(policy)
        .seed(seedOverride == null ? seed : seedOverride).days(daysOverride == null ? days : daysOverride)
        .cycleDays(cycleDays).approver(approver);
    agents.forEach(b::agent);
    return b.build();
  }

  /**
   * Reads a scenario file.
   *
   * @throws CliException (exit {@link ExitCode#ERROR}) listing every problem with its file, line and column,
   *     or (exit {@link ExitCode#REFUSED}) if the policy it names is invalid
   */
  static SimulationScenario read(Path file) {
    return new Reader(file).read();
  }

  /** Reads one file, collecting problems; they are reported in document order. Not thread-safe. */
  private static final class Reader {
    private final Path file;
    private final String source;
    private final List<PolicyProblem> problems = new ArrayList<>();

    Reader(Path file) {
      this.file = file;
      this.source = file.toString();
    }

    SimulationScenario read() {
      if (!Files.isRegularFile(file)) {
        throw new CliException("scenario file '" + file + "' does not exist");
      }
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(file);
      } catch (IOException e) {
        throw new CliException("cannot read the scenario file '" + file + "': " + e.getMessage());
      }
      LocatedNode root = YAML.read(bytes, source, problems::add);
      if (root == null) {
        if (problems.isEmpty()) {
          problems.add(new PolicyProblem(source, 1, 1, "", "the scenario file is empty"));
        }
        throw failure();
      }
      if (!(root instanceof MapNode top)) {
        problem(root, "a scenario is a mapping with 'agents' (and 'seed', 'days', 'policy' ...), but found "
            + root.describe());
        throw failure();
      }
      keys(top, TOP, "a scenario");
      long seed = whole(top.get("seed"), 0, Long.MIN_VALUE, Long.MAX_VALUE);
      int days = (int) whole(top.get("days"), 90, 1, MAX_DAYS);
      int cycleDays = (int) whole(top.get("cycle-days"), 7, 1, MAX_DAYS);
      String approver = text(top.get("approver"), "simulated-approver");
      String policyRef = text(top.get("policy"), Policies.DEFAULT);
      List<AgentProfile> agents = agents(top);
      Path policyFile = policyRef.equals(Policies.DEFAULT) ? null : resolve(policyRef);
      if (policyFile != null && !Files.isRegularFile(policyFile)) {
        problem(top.get("policy"), "policy file '" + policyRef + "' not found (looked for " + policyFile
            + "); use 'default' for the shipped policy");
      }
      if (!problems.isEmpty()) {
        throw failure();
      }
      Policy policy = Policies.load(policyFile == null ? Policies.DEFAULT : policyFile.toString());
      return new SimulationScenario(file, seed, days, cycleDays, policyRef, policy, approver, agents);
    }

    private Path resolve(String ref) {
      Path p = Path.of(ref);
      Path parent = file.toAbsolutePath().getParent();
      return p.isAbsolute() || parent == null ? p : parent.resolve(p).normalize();
    }

    private List<AgentProfile> agents(MapNode top) {
      LocatedNode node = top.get("agents");
      List<AgentProfile> out = new ArrayList<>();
      if (node == null) {
        problem(top, "a scenario needs 'agents', a list of agents such as {agent: careful, workflow: fixes, "
            + "profile: careful}");
        return out;
      }
      if (!(node instanceof ListNode list) || list.items().isEmpty()) {
        problem(node, "'agents' must be a non-empty list of agents, but found " + node.describe());
        return out;
      }
      Set<AgentKey> seen = new HashSet<>();
      for (LocatedNode item : list.items()) {
        AgentProfile a = agent(item);
        if (a != null && !seen.add(a.key())) {
          problem(item, "agent " + a.key() + " is listed twice");
        }
        if (a != null) {
          out.add(a);
        }
      }
      return out;
    }

    private @Nullable AgentProfile agent(LocatedNode node) {
      if (!(node instanceof MapNode m)) {
        problem(node, "an agent is a mapping with 'agent', 'workflow' and 'profile', but found " + node.describe());
        return null;
      }
      keys(m, AGENT, "an agent");
      String agent = required(m, "agent");
      String workflow = required(m, "workflow");
      String profileName = text(m.get("profile"), "careful");
      if (!PROFILES.contains(profileName)) {
        problem(m.get("profile"), "'profile' must be careful or sloppy, but was '" + profileName + "'"
            + PolicyProblem.suggestion(profileName, PROFILES));
      }
      if (agent == null || workflow == null) {
        return null;
      }
      AgentProfile base;
      try {
        base = profileName.equals("sloppy") ? AgentProfile.sloppy(agent, workflow)
            : AgentProfile.careful(agent, workflow);
      } catch (IllegalArgumentException e) {
        problem(m, e.getMessage());
        return null;
      }
      int calls = (int) whole(m.get("calls-per-day"), base.callsPerDay(), 0, MAX_PER_DAY);
      int reviews = (int) whole(m.get("reviews-per-day"), base.reviewsPerDay(), 0, MAX_PER_DAY);
      double clean = rate(m.get("clean-rate"), base.cleanRate());
      double rework = rate(m.get("rework-rate"), base.reworkRate());
      double incidents = rate(m.get("severe-incident-rate"), base.severeIncidentRate());
      double secrets = rate(m.get("secret-touch-rate"), base.secretTouchRate());
      return base.withVolume(calls, reviews).withRates(clean, rework, incidents).withSecretTouchRate(secrets);
    }

    private long whole(@Nullable LocatedNode node, long fallback, long min, long max) {
      if (node == null) {
        return fallback;
      }
      if (node instanceof Scalar s && s.value() instanceof Long l) {
        if (l < min || l > max) {
          problem(node, "'" + key(node) + "' must be within " + min + ".." + max + " but was " + l);
          return fallback;
        }
        return l;
      }
      problem(node, "'" + key(node) + "' must be a whole number, but found " + node.describe());
      return fallback;
    }

    private double rate(@Nullable LocatedNode node, double fallback) {
      if (node == null) {
        return fallback;
      }
      if (node instanceof Scalar s && (s.value() instanceof Double || s.value() instanceof Long)) {
        double v = ((Number) s.value()).doubleValue();
        if (v >= 0.0 && v <= 1.0) {
          return v;
        }
        problem(node, "'" + key(node) + "' is a probability within 0..1 but was " + s.text());
        return fallback;
      }
      problem(node, "'" + key(node) + "' must be a number within 0..1, but found " + node.describe());
      return fallback;
    }

    private @Nullable String required(MapNode m, String key) {
      LocatedNode n = m.get(key);
      if (n == null) {
        problem(m, "an agent needs '" + key + "'");
        return null;
      }
      String v = text(n, null);
      return v;
    }

    private String text(@Nullable LocatedNode node, @Nullable String fallback) {
      if (node == null) {
        return fallback;
      }
      if (node instanceof Scalar s && s.value() instanceof String str && !str.isBlank()) {
        return str;
      }
      problem(node, "'" + key(node) + "' must be a non-blank string, but found " + node.describe());
      return fallback;
    }

    private void keys(MapNode m, Set<String> allowed, String what) {
      for (LocatedNode.Entry e : m.entries().values()) {
        if (!allowed.contains(e.key())) {
          problems.add(new PolicyProblem(source, e.line(), e.column(), m.path(), "unknown key '" + e.key() + "' in "
              + what + PolicyProblem.suggestion(e.key(), allowed) + "; allowed: " + new TreeSet<>(allowed)));
        }
      }
    }

    /** The last key of a node's path: {@code agents[1].clean-rate} is {@code clean-rate}. */
    private static String key(LocatedNode node) {
      String p = node.path();
      return p.substring(p.lastIndexOf('.') + 1);
    }

    private void problem(@Nullable LocatedNode node, String message) {
      problems.add(node == null ? new PolicyProblem(source, 0, 0, "", message)
          : new PolicyProblem(source, node.line(), node.column(), node.path(), message));
    }

    private CliException failure() {
      StringBuilder sb = new StringBuilder("the scenario '" + file + "' is invalid (" + problems.size()
          + (problems.size() == 1 ? " problem):" : " problems):"));
      problems.sort(Comparator.comparingInt(PolicyProblem::line).thenComparingInt(PolicyProblem::column));
      for (PolicyProblem p : problems) {
        sb.append("\n  ").append(p.line() > 0 ? p.source() + ":" + p.line() + ":" + p.column() : p.source())
            .append(": ").append(p.message());
      }
      return new CliException(sb.toString());
    }
  }
}
