package dev.agentlane.testkit.sim;

import dev.agentlane.Action;
import dev.agentlane.AgentKey;
import dev.agentlane.Decision;
import dev.agentlane.Evidence;
import dev.agentlane.Lane;
import dev.agentlane.PolicyEngine;
import dev.agentlane.PolicyException;
import dev.agentlane.Verdict;
import dev.agentlane.core.promotion.InMemoryLedgerStore;
import dev.agentlane.core.promotion.LedgerLaneDirectory;
import dev.agentlane.policy.Policy;
import dev.agentlane.policyfile.PolicyFiles;
import dev.agentlane.promotion.LedgerListener;
import dev.agentlane.promotion.Outcome;
import dev.agentlane.promotion.PromotionProposal;
import dev.agentlane.promotion.ReviewResult;
import dev.agentlane.promotion.Severity;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Simulates scripted agents over days and release cycles through the <em>real</em> engine, promotion
 * ledger and criteria: each agent makes tool calls suited to its lane, its work is reviewed with the
 * profile's clean and rework rates, a release cycle closes every {@code cycleDays}, and an approver
 * promotes every pair the ledger proposes as eligible. Deterministic for a seed.
 *
 * <p>Not thread-safe; one simulation per instance. A year of 50 agents making 50 calls a day is about
 * 900,000 decisions.
 *
 * <pre>{@code
 * SimulationReport r = PromotionSimulator.builder().seed(42).days(120)
 *     .agent(AgentProfile.careful("careful", "fixes")).agent(AgentProfile.sloppy("sloppy", "fixes")).run();
 * }</pre>
 */
public final class PromotionSimulator {
  private final Policy policy;
  private final long seed;
  private final int days;
  private final int cycleDays;
  private final List<AgentProfile> agents;
  private final String approver;

  private PromotionSimulator(Builder b) {
    this.policy = b.policy == null ? PolicyFiles.defaultPolicy() : b.policy;
    this.seed = b.seed;
    this.days = b.days;
    this.cycleDays = b.cycleDays;
    this.agents = List.copyOf(b.agents);
    this.approver = b.approver;
  }

  /** A new builder: the shipped default policy, seed 0, 90 days, a release cycle every 7 days. */
  public static Builder builder() {
    return new Builder();
  }

  /** Runs the simulation. */
  public SimulationReport run() {
    SplittableRandom random = new SplittableRandom(seed);
    AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    InstantSource clock = now::get;
    List<String> events = new ArrayList<>();
    int[] day = {0};
    LedgerLaneDirectory ledger = LedgerLaneDirectory.builder().policy(policy).clock(clock)
        .store(new InMemoryLedgerStore()).listener(new LedgerListener() {
          @Override
          public void promoted(AgentKey key, Lane from, Lane to, String by, String note, PromotionProposal proposal) {
            events.add("day " + day[0] + ": " + key + " promoted " + from.name() + " -> " + to.name() + " by " + by);
          }

          @Override
          public void demoted(AgentKey key, Lane from, Lane to, String reason, String by) {
            events.add("day " + day[0] + ": " + key + " demoted " + from.name() + " -> " + to.name() + ": " + reason);
          }

          @Override
          public void halted(AgentKey key, String reason, String by) {
            events.add("day " + day[0] + ": " + key + " halted: " + reason);
          }

          @Override
          public void reset(AgentKey key, String by) {
            events.add("day " + day[0] + ": " + key + " reset by " + by);
          }
        }).build();
    Map<Verdict, Long> verdicts = new EnumMap<>(Verdict.class);
    Map<AgentKey, List<Lane>> lanes = new LinkedHashMap<>();
    agents.forEach(a -> lanes.put(a.key(), new ArrayList<>()));
    long decisions = 0;
    try (PolicyEngine engine = PolicyEngine.builder().policy(policy).clock(clock).workspace("/workspace")
        .laneDirectory(ledger).build()) {
      for (day[0] = 1; day[0] <= days; day[0]++) {
        for (AgentProfile agent : agents) {
          AgentKey key = agent.key();
          if (ledger.status(key).halted()) {
            ledger.reset(key, "simulated-oncall"); // a human looks the next day
          }
          for (int i = 0; i < agent.callsPerDay(); i++) {
            boolean secret = agent.secretTouchRate() > 0 && random.nextDouble() < agent.secretTouchRate();
            Decision d = engine.decide(secret ? call(key, "bash", Map.of("command", "cat .env"), null)
                : callFor(key, ledger.status(key).lane(), i));
            verdicts.merge(d.verdict(), 1L, Long::sum);
            decisions++;
          }
          for (int i = 0; i < agent.reviewsPerDay(); i++) {
            boolean clean = random.nextDouble() < agent.cleanRate();
            ledger.record(key, Outcome.review(clean ? ReviewResult.CLEAN : random.nextInt(5) == 0
                ? ReviewResult.REJECTED : ReviewResult.CHANGES_REQUESTED), "simulated-reviewer");
            if (random.nextDouble() < agent.reworkRate()) {
              ledger.record(key, Outcome.rework(), "simulated-reviewer");
            }
          }
          if (agent.severeIncidentRate() > 0 && random.nextDouble() < agent.severeIncidentRate()) {
            ledger.record(key, Outcome.incident(Severity.HIGH, "simulated incident"), "simulated-oncall");
          }
        }
        if (day[0] % cycleDays == 0) {
          for (AgentProfile agent : agents) {
            ledger.record(agent.key(), Outcome.releaseCycle("cycle-" + day[0] / cycleDays), "simulated-release");
          }
        }
        for (AgentProfile agent : agents) {
          if (!ledger.status(agent.key()).halted() && ledger.propose(agent.key()).eligible()) {
            ledger.promote(agent.key(), approver, "eligible on day " + day[0]);
          }
          lanes.get(agent.key()).add(ledger.status(agent.key()).lane());
        }
        now.set(now.get().plus(Duration.ofDays(1)));
      }
    }
    return new SimulationReport(days, decisions, verdicts, lanes, events);
  }

  /** A tool call an agent typically makes in its lane (the shipped default policy's tools). */
  private static Action callFor(AgentKey key, Lane lane, int i) {
    if (i % 5 != 0 || lane.rank() == 0) {
      return call(key, "read_file", Map.of("path", "src/main/java/App" + (i % 7) + ".java"), null);
    }
    if (lane.rank() == 1) {
      return call(key, "bash", Map.of("command", "npm test"), null);
    }
    Evidence evidence = Evidence.builder().test("unit", 120, 0).filesTouched("src/main/java/App.java")
        .assumption("no API change").confidence(0.9).rollbackPlan("revert the merge").build();
    return call(key, "open_pr", Map.of("branch", "agent/fix-" + i), evidence);
  }

  private static Action call(AgentKey key, String tool, Map<String, ?> args, Evidence evidence) {
    Action.Builder b = Action.builder().key(key).tool(tool).arguments(args);
    if (evidence != null) {
      b.evidence(evidence);
    }
    return b.build();
  }

  /** Builds a {@link PromotionSimulator}. Not thread-safe. */
  public static final class Builder {
    private Policy policy;
    private long seed;
    private int days = 90;
    private int cycleDays = 7;
    private final List<AgentProfile> agents = new ArrayList<>();
    private String approver = "simulated-approver";

    private Builder() {}

    /** The policy (the shipped default policy otherwise). */
    public Builder policy(Policy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** The seed; the same seed gives the same simulation. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * How many days to simulate.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder days(int days) {
      if (days <= 0) {
        throw new IllegalArgumentException("days must be > 0 but was " + days);
      }
      this.days = days;
      return this;
    }

    /**
     * Days between release-cycle boundaries.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder cycleDays(int cycleDays) {
      if (cycleDays <= 0) {
        throw new IllegalArgumentException("cycleDays must be > 0 but was " + cycleDays);
      }
      this.cycleDays = cycleDays;
      return this;
    }

    /** Adds a scripted agent. */
    public Builder agent(AgentProfile profile) {
      agents.add(Objects.requireNonNull(profile, "profile"));
      return this;
    }

    /** Who approves promotions in the simulation. */
    public Builder approver(String approver) {
      this.approver = Objects.requireNonNull(approver, "approver");
      return this;
    }

    /**
     * The simulator.
     *
     * @throws IllegalStateException if no agent was added
     * @throws PolicyException if the default policy cannot be loaded
     */
    public PromotionSimulator build() {
      if (agents.isEmpty()) {
        throw new IllegalStateException("a simulation needs at least one agent: call agent(...)");
      }
      return new PromotionSimulator(this);
    }

    /** Builds and runs. */
    public SimulationReport run() {
      return build().run();
    }
  }
}
