package dev.agentlane.testkit.sim;

import dev.agentlane.Action;
import dev.agentlane.AgentKey;
import dev.agentlane.Decision;
import dev.agentlane.Lane;
import dev.agentlane.PolicyEngine;
import dev.agentlane.Verdict;
import dev.agentlane.core.promotion.InMemoryLedgerStore;
import dev.agentlane.core.promotion.LedgerLaneDirectory;
import dev.agentlane.policy.Policy;
import dev.agentlane.policyfile.PolicyFiles;
import dev.agentlane.promotion.Outcome;
import dev.agentlane.promotion.PromotionProposal;
import dev.agentlane.promotion.ReviewResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A promotion scenario that reads like the promotion path, run on the real engine and ledger:
 *
 * <pre>{@code
 * Scenario.onDefaultPolicy()
 *     .given(AgentKey.of("bot", "fixes"), Lane.SANDBOX)
 *     .after(40, 0.97, 3)                  // 40 reviews over 3 release cycles at 97% clean
 *     .expectEligibleFor("governed")
 *     .when(action)                        // e.g. a shell call that reads .env
 *     .expectVerdict(Verdict.HALT)
 *     .expectHalted();
 * }</pre>
 *
 * <p>Not thread-safe; one scenario per test. Every step is written to a timeline, and a failed
 * expectation throws an {@link AssertionError} whose message is the whole timeline.
 */
public final class Scenario {
  private final Policy policy;
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
  private final LedgerLaneDirectory ledger;
  private final PolicyEngine engine;
  private final List<String> timeline = new ArrayList<>();
  private AgentKey key = AgentKey.of("agent", "workflow");
  private Decision last;

  private Scenario(Policy policy) {
    this.policy = policy;
    this.ledger = LedgerLaneDirectory.builder().policy(policy).clock(now::get).store(new InMemoryLedgerStore()).build();
    this.engine = PolicyEngine.builder().policy(policy).clock(now::get).workspace("/workspace").laneDirectory(ledger)
        .build();
  }

  /** A scenario on the shipped default policy. */
  public static Scenario onDefaultPolicy() {
    return on(PolicyFiles.defaultPolicy());
  }

  /** A scenario on {@code policy}. */
  public static Scenario on(Policy policy) {
    return new Scenario(Objects.requireNonNull(policy, "policy"));
  }

  /** The agent and the lane it stands in (an administrative assignment). */
  public Scenario given(AgentKey agent, Lane lane) {
    this.key = Objects.requireNonNull(agent, "agent");
    ledger.assign(agent, lane, "scenario", "given");
    log("given " + agent + " in " + lane.name());
    return this;
  }

  /**
   * Records {@code reviews} reviews, {@code round(reviews * cleanRate)} of them clean (the rest with
   * changes requested), spread evenly over {@code releaseCycles} weekly release cycles.
   */
  public Scenario after(int reviews, double cleanRate, int releaseCycles) {
    if (reviews <= 0 || releaseCycles <= 0 || !(cleanRate >= 0 && cleanRate <= 1)) {
      throw new IllegalArgumentException("after needs reviews > 0, releaseCycles > 0 and a clean rate within 0..1");
    }
    int clean = (int) Math.round(reviews * cleanRate);
    for (int cycle = 0; cycle < releaseCycles; cycle++) {
      int from = reviews * cycle / releaseCycles;
      int to = reviews * (cycle + 1) / releaseCycles;
      for (int i = from; i < to; i++) {
        ledger.record(key, Outcome.review(i < clean ? ReviewResult.CLEAN : ReviewResult.CHANGES_REQUESTED), "scenario");
      }
      now.set(now.get().plus(Duration.ofDays(7)));
      ledger.record(key, Outcome.releaseCycle("cycle-" + (cycle + 1)), "scenario");
    }
    log("after " + reviews + " reviews (" + clean + " clean) over " + releaseCycles + " release cycles");
    return this;
  }

  /** Lets time pass. */
  public Scenario afterDays(int days) {
    now.set(now.get().plus(Duration.ofDays(days)));
    log("after " + days + " days");
    return this;
  }

  /** Expects the pair to be eligible for promotion into {@code lane}. */
  public Scenario expectEligibleFor(String lane) {
    PromotionProposal p = ledger.propose(key);
    log("proposal: " + p.explain());
    if (!p.eligible() || p.to() == null || !p.to().name().equals(lane)) {
      fail("expected " + key + " to be eligible for " + lane);
    }
    return this;
  }

  /** Expects the pair not to be eligible for promotion. */
  public Scenario expectNotEligible() {
    PromotionProposal p = ledger.propose(key);
    log("proposal: " + p.explain());
    if (p.eligible()) {
      fail("expected " + key + " not to be eligible");
    }
    return this;
  }

  /** Promotes the pair by a named approver. */
  public Scenario promotedBy(String approver) {
    ledger.promote(key, approver, "scenario");
    log(key + " promoted by " + approver + " to " + ledger.status(key).lane().name());
    return this;
  }

  /** The pair makes a tool call; its agent and workflow are replaced by the scenario's pair. */
  public Scenario when(Action action) {
    last = engine.decide(action.toBuilder().key(key).build());
    log("decided " + action.tool() + " " + action.arguments() + ": " + last.explain().replace("\n", " | "));
    return this;
  }

  /** Expects the last decision's verdict. */
  public Scenario expectVerdict(Verdict verdict) {
    if (last == null || last.verdict() != verdict) {
      fail("expected the last decision to be " + verdict);
    }
    return this;
  }

  /** Expects the pair to be halted. */
  public Scenario expectHalted() {
    if (!ledger.status(key).halted()) {
      fail("expected " + key + " to be halted");
    }
    return this;
  }

  /** Expects the pair's lane. */
  public Scenario expectLane(Lane lane) {
    if (!ledger.status(key).lane().equals(lane)) {
      fail("expected " + key + " in " + lane.name() + " but it is in " + ledger.status(key).lane().name());
    }
    return this;
  }

  /** The timeline so far. */
  public String timeline() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < timeline.size(); i++) {
      sb.append(i + 1).append(". ").append(timeline.get(i)).append('\n');
    }
    return sb.toString();
  }

  /** The policy the scenario runs on. */
  public Policy policy() {
    return policy;
  }

  private void log(String line) {
    timeline.add(now.get() + " " + line);
  }

  private void fail(String message) {
    throw new AssertionError(message + "\n" + timeline());
  }
}
