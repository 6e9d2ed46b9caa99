package dev.agentlane.testkit.sim;

import dev.agentlane.Action;
import dev.agentlane.AgentKey;
import dev.agentlane.Lane;
import dev.agentlane.PolicyEngine;
import dev.agentlane.PolicyException;
import dev.agentlane.Verdict;
import dev.agentlane.core.promotion.LedgerLaneDirectory;
import dev.agentlane.policy.Policy;
import dev.agentlane.policyfile.PolicyFiles;
import dev.agentlane.promotion.LedgerListener;
import dev.agentlane.promotion.Outcome;
import dev.agentlane.promotion.PairMetrics;
import dev.agentlane.promotion.PromotionProposal;
import dev.agentlane.promotion.ReviewResult;
import dev.agentlane.promotion.Severity;
import dev.agentlane.testkit.AgentLaneFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Simulates scripted agents over days and release cycles through the <em>real</em> engine, promotion
 * ledger and criteria of an {@link AgentLaneFixture}: each agent makes the tool calls of its
 * {@link CallScript} for the lane it stands in, its work is reviewed with the profile's clean and rework
 * rates, severe incidents demote it, secrets it touches halt and demote it (a simulated on-call human
 * resets the halt the next day), a release cycle closes every {@code cycleDays}, and an approver promotes
 * every pair the ledger proposes as eligible. Deterministic for a seed: one seeded source drives every
 * random choice, in a fixed order.
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
    List<String> events = new ArrayList<>();
    int[] day = {0};
    LedgerListener story = new LedgerListener() {
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
    };
    Map<Verdict, Long> verdicts = new EnumMap<>(Verdict.class);
    Map<AgentKey, List<Lane>> lanes = new LinkedHashMap<>();
    agents.forEach(a -> lanes.put(a.key(), new ArrayList<>()));
    long decisions = 0;
    try (AgentLaneFixture fixture = AgentLaneFixture.builder().policy(policy).recording(false)
        .ledgerListener(story).build()) {
      PolicyEngine engine = fixture.engine();
      LedgerLaneDirectory ledger = fixture.ledger();
      for (day[0] = 1; day[0] <= days; day[0]++) {
        for (AgentProfile agent : agents) {
          AgentKey key = agent.key();
          if (ledger.status(key).halted()) {
            ledger.reset(key, "simulated-oncall"); // a human looks the next day
          }
          for (int i = 0; i < agent.callsPerDay(); i++) {
            boolean secret = agent.secretTouchRate() > 0 && random.nextDouble() < agent.secretTouchRate();
            Action call = secret ? readSecret(key) : agent.script().next(key, ledger.status(key).lane(), i, random);
            verdicts.merge(engine.decide(call).verdict(), 1L, Long::sum);
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
        fixture.clock().advance(Duration.ofDays(1));
      }
      Map<AgentKey, PairMetrics> metrics = new LinkedHashMap<>();
      agents.forEach(a -> metrics.put(a.key(), ledger.metrics(a.key())));
      return new SimulationReport(days, decisions, verdicts, lanes, events, metrics);
    }
  }

  private static Action readSecret(AgentKey key) {
    return Action.builder().key(key).tool("bash").arguments(Map.of("command", "cat .env")).build();
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
