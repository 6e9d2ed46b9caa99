package dev.agentlane.testkit.sim;

import dev.agentlane.Action;
import dev.agentlane.AgentKey;
import dev.agentlane.Decision;
import dev.agentlane.Lane;
import dev.agentlane.LaneStatus;
import dev.agentlane.PolicyEngine;
import dev.agentlane.Verdict;
import dev.agentlane.core.promotion.LedgerLaneDirectory;
import dev.agentlane.policy.Policy;
import dev.agentlane.policyfile.PolicyFiles;
import dev.agentlane.promotion.Outcome;
import dev.agentlane.promotion.PromotionException;
import dev.agentlane.promotion.PromotionProposal;
import dev.agentlane.promotion.ReviewResult;
import dev.agentlane.promotion.Severity;
import dev.agentlane.testkit.AgentLaneAssertions;
import dev.agentlane.testkit.AgentLaneFixture;
import dev.agentlane.testkit.DecisionAssert;
import dev.agentlane.testkit.DecisionRecorder;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A promotion scenario that reads like the promotion path, run on the real engine and ledger of an
 * {@link AgentLaneFixture}:
 *
 * <pre>{@code
 * Scenario.onDefaultPolicy()
 *     .given(bot, Lane.SANDBOX)
 *     .after(40, 0.97, 3)                 // 40 reviews over 3 release cycles at 97% clean
 *     .expectEligibleFor("governed")
 *     .when(Actions.of(bot).bash("cat .env"))
 *     .expectVerdict(Verdict.HALT)
 *     .expectHalted()
 *     .expectDemotedTo("draft");
 * }</pre>
 *
 * <p>Steps either change the world ({@code given}, {@code after}, {@code reworked}, {@code incident},
 * {@code promotedBy}, {@code when}, ...) or expect something of it ({@code expect...}). Every step is
 * written into the fixture's {@link DecisionRecorder} timeline next to what the engine and the ledger
 * reported (each decision with its reasons, each proposal with every criterion, promotions, demotions,
 * halts), and a failed expectation throws an {@link AssertionError} whose message is that whole numbered
 * timeline. A step that the ledger refuses (promoting a pair that is not eligible) fails the same way.
 *
 * <p>Not thread-safe; one scenario per test. Time moves only through the steps: each release cycle of
 * {@link #after} is a week, and {@link #afterDays} moves the clock.
 */
public final class Scenario implements AutoCloseable {
  private final AgentLaneFixture fixture;
  private AgentKey key = AgentKey.of("agent", "workflow");
  private @Nullable Decision last;

  private Scenario(AgentLaneFixture fixture) {
    this.fixture = fixture;
  }

  /** A scenario on the shipped default policy. */
  public static Scenario onDefaultPolicy() {
    return on(PolicyFiles.defaultPolicy());
  }

  /** A scenario on {@code policy}, with a fresh fixture. */
  public static Scenario on(Policy policy) {
    return new Scenario(AgentLaneFixture.builder().policy(Objects.requireNonNull(policy, "policy")).build());
  }

  /** A scenario on an existing fixture (to choose its workspace, clock or ledger store). */
  public static Scenario on(AgentLaneFixture fixture) {
    return new Scenario(Objects.requireNonNull(fixture, "fixture"));
  }

  // ------------------------------------------------------------------ steps that change the world

  /** The agent and the lane it stands in (an administrative assignment, recorded as such). */
  public Scenario given(AgentKey agent, Lane lane) {
    this.key = Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(lane, "lane");
    note("given " + agent + " in " + lane.name());
    ledger().assign(agent, lane, "scenario", "given");
    return this;
  }

  /**
   * The agent and the lane, named as in the policy.
   *
   * @throws IllegalArgumentException if the policy has no such lane
   */
  public Scenario given(AgentKey agent, String lane) {
    return given(agent, lane(lane));
  }

  /**
   * Records {@code reviews} reviews, {@code round(reviews * cleanRate)} of them clean (the others with
   * changes requested), spread evenly over {@code releaseCycles} release cycles of a week each: the clock
   * moves a week and a cycle closes after each share.
   *
   * @throws IllegalArgumentException if reviews or release cycles are not positive, or the rate is outside 0..1
   */
  public Scenario after(int reviews, double cleanRate, int releaseCycles) {
    if (reviews <= 0 || releaseCycles <= 0 || !(cleanRate >= 0 && cleanRate <= 1)) {
      throw new IllegalArgumentException("after needs reviews > 0, releaseCycles > 0 and a clean rate within 0..1 but"
          + " got " + reviews + ", " + releaseCycles + " and " + cleanRate);
    }
    int clean = (int) Math.round(reviews * cleanRate);
    note("after " + reviews + " reviews (" + clean + " clean) over " + releaseCycles + " release cycles");
    for (int cycle = 0; cycle < releaseCycles; cycle++) {
      int from = reviews * cycle / releaseCycles;
      int to = reviews * (cycle + 1) / releaseCycles;
      for (int i = from; i < to; i++) {
        record(Outcome.review(i < clean ? ReviewResult.CLEAN : ReviewResult.CHANGES_REQUESTED), "scenario-reviewer");
      }
      fixture.clock().advance(Duration.ofDays(7));
      record(Outcome.releaseCycle("cycle-" + (cycle + 1)), "scenario-release");
    }
    return this;
  }

  /** Lets time pass. */
  public Scenario afterDays(int days) {
    if (days < 0) {
      throw new IllegalArgumentException("days must be >= 0 but was " + days);
    }
    fixture.clock().advance(Duration.ofDays(days));
    note("after " + days + " days");
    return this;
  }

  /** Records {@code times} pieces of rework: follow-up fixes the agent's changes needed. */
  public Scenario reworked(int times) {
    repeat(times, "rework", Outcome.rework());
    return this;
  }

  /** Records {@code times} reverts of the agent's changes. */
  public Scenario reverted(int times) {
    repeat(times, "revert", Outcome.revert());
    return this;
  }

  /** Records an incident the agent caused; a severe one (HIGH or CRITICAL) demotes it at once. */
  public Scenario incident(Severity severity, String description) {
    note("incident " + severity.code() + ": " + description);
    record(Outcome.incident(severity, description), "scenario-oncall");
    return this;
  }

  /** Records any outcome. */
  public Scenario outcome(Outcome outcome) {
    record(Objects.requireNonNull(outcome, "outcome"), "scenario");
    return this;
  }

  /** Promotes the pair by a named approver; fails the scenario if the ledger refuses. */
  public Scenario promotedBy(String approver) {
    note("promote " + key + " by " + approver);
    try {
      ledger().promote(key, approver, "scenario");
    } catch (PromotionException e) {
      fail("expected " + key + " to be promotable, but the ledger refused: " + e.getMessage());
    }
    return this;
  }

  /** Demotes the pair one lane by a named human. */
  public Scenario demotedBy(String by, String reason) {
    note("demote " + key + " by " + by + ": " + reason);
    ledger().demote(key, reason, by);
    return this;
  }

  /** A named human lifts the pair's halt. */
  public Scenario resetBy(String human) {
    note("reset " + key + " by " + human);
    ledger().reset(key, human);
    return this;
  }

  /** The pair makes a tool call: its agent and workflow are replaced by the scenario's pair. */
  public Scenario when(Action action) {
    Objects.requireNonNull(action, "action");
    last = engine().decide(action.toBuilder().key(key).build());
    return this;
  }

  // ------------------------------------------------------------------ expectations

  /** Expects the pair to be eligible for promotion into the lane named {@code lane}. */
  public Scenario expectEligibleFor(String lane) {
    PromotionProposal p = propose();
    if (!p.eligible() || p.to() == null || !p.to().name().equals(lane)) {
      fail("expected " + key + " to be eligible for " + lane);
    }
    return this;
  }

  /** Expects the pair not to be eligible for promotion. */
  public Scenario expectNotEligible() {
    if (propose().eligible()) {
      fail("expected " + key + " not to be eligible");
    }
    return this;
  }

  /**
   * Expects the pair not to be eligible because of a failing criterion whose detail contains
   * {@code detail} (such as {@code "rework upper bound"} or {@code "release cycles"}).
   */
  public Scenario expectNotEligibleBecause(String detail) {
    Objects.requireNonNull(detail, "detail");
    PromotionProposal p = propose();
    if (p.eligible() || p.failing().stream().noneMatch(c -> c.detail().contains(detail))) {
      fail("expected " + key + " not to be eligible because of '" + detail + "'");
    }
    return this;
  }

  /** Expects the last decision's verdict. */
  public Scenario expectVerdict(Verdict verdict) {
    Objects.requireNonNull(verdict, "verdict");
    if (last == null || last.verdict() != verdict) {
      fail("expected the last decision to be " + verdict + (last == null ? ", but nothing was decided" : ""));
    }
    return this;
  }

  /**
   * Runs AssertJ assertions on the last decision, such as
   * {@code expectDecision(d -> d.isDenied().withReason("lane-too-low"))}; a failure shows the timeline.
   */
  public Scenario expectDecision(Consumer<DecisionAssert> assertions) {
    Objects.requireNonNull(assertions, "assertions");
    if (last == null) {
      fail("expected a decision, but nothing was decided");
    }
    try {
      assertions.accept(AgentLaneAssertions.assertThat(last));
    } catch (AssertionError e) {
      fail(String.valueOf(e.getMessage()).strip());
    }
    return this;
  }

  /** Expects the pair to be halted. */
  public Scenario expectHalted() {
    if (!status().halted()) {
      fail("expected " + key + " to be halted");
    }
    return this;
  }

  /** Expects the pair not to be halted. */
  public Scenario expectNotHalted() {
    if (status().halted()) {
      fail("expected " + key + " not to be halted");
    }
    return this;
  }

  /** Expects the pair's lane. */
  public Scenario expectLane(Lane lane) {
    return expectLane(lane.name());
  }

  /** Expects the pair's lane, named as in the policy. */
  public Scenario expectLane(String lane) {
    Lane now = status().lane();
    if (!now.name().equals(lane)) {
      fail("expected " + key + " in " + lane + " but it is in " + now.name());
    }
    return this;
  }

  /** Expects the pair to have been demoted into the lane named {@code lane}, and to stand there now. */
  public Scenario expectDemotedTo(String lane) {
    boolean demoted = fixture.recorder().events(DecisionRecorder.Demoted.class).stream()
        .anyMatch(d -> d.key().equals(key) && d.to().name().equals(lane));
    if (!demoted) {
      fail("expected " + key + " to have been demoted to " + lane);
    }
    return expectLane(lane);
  }

  /** Expects the pair to have been demoted into {@code lane}, and to stand there now. */
  public Scenario expectDemotedTo(Lane lane) {
    return expectDemotedTo(lane.name());
  }

  // ------------------------------------------------------------------ access

  /** The numbered timeline so far (see {@link DecisionRecorder#timeline()}). */
  public String timeline() {
    return fixture.recorder().timeline();
  }

  /** The last decision, or null before the first {@link #when}. */
  public @Nullable Decision lastDecision() {
    return last;
  }

  /** The pair the scenario is about. */
  public AgentKey pair() {
    return key;
  }

  /** The fixture the scenario runs on: its engine, ledger, clock and recorder. */
  public AgentLaneFixture fixture() {
    return fixture;
  }

  /** The policy the scenario runs on. */
  public Policy policy() {
    return engine().policy();
  }

  /** Closes the fixture's engine. */
  @Override
  public void close() {
    fixture.close();
  }

  private PolicyEngine engine() {
    return fixture.engine();
  }

  private LedgerLaneDirectory ledger() {
    return fixture.ledger();
  }

  private LaneStatus status() {
    return ledger().status(key);
  }

  private PromotionProposal propose() {
    PromotionProposal p = ledger().propose(key);
    note("proposal for " + key + ": " + (p.eligible() ? "eligible; " : "not eligible; ")
        + p.explain().replace("\n", "\n     "));
    return p;
  }

  private Lane lane(String name) {
    Objects.requireNonNull(name, "lane");
    List<Lane> lanes = engine().policy().lanes();
    return lanes.stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow(() ->
        new IllegalArgumentException("the policy has no lane '" + name + "'; its lanes are "
            + lanes.stream().map(Lane::name).toList()));
  }

  private void repeat(int times, String what, Outcome outcome) {
    if (times <= 0) {
      throw new IllegalArgumentException(what + " times must be > 0 but was " + times);
    }
    note(what + " x" + times);
    for (int i = 0; i < times; i++) {
      record(outcome, "scenario");
    }
  }

  private void record(Outcome outcome, String by) {
    ledger().record(key, outcome, by);
  }

  private void note(String text) {
    fixture.recorder().note("[scenario] " + text);
  }

  private void fail(String message) {
    throw new AssertionError(message + "\n\n" + timeline());
  }
}
