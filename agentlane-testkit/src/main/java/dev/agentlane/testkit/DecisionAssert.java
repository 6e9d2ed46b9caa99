package dev.agentlane.testkit;

import dev.agentlane.Decision;
import dev.agentlane.Obligation;
import dev.agentlane.Reason;
import dev.agentlane.ReasonCode;
import dev.agentlane.Remedy;
import dev.agentlane.Verdict;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions on a {@link Decision}: its verdict, reasons, rules, remedies, obligations and shadow
 * flag. Start with {@link AgentLaneAssertions#assertThat(Decision)}.
 *
 * <p>Not thread-safe; use each instance in one test thread (as with every AssertJ assert). Every failure
 * message names what was expected and then shows the whole decision: its id, policy version, verdict,
 * lane, every reason and remedy ({@link Decision#explain()}) and its obligations.
 *
 * <pre>{@code
 * assertThat(engine.decide(bot.bash("git push"))).isDenied().withReason("lane-too-low").needsLane("governed");
 * }</pre>
 */
public final class DecisionAssert extends AbstractAssert<DecisionAssert, Decision> {

  DecisionAssert(Decision actual) {
    super(actual, DecisionAssert.class);
  }

  /** Verifies the verdict is {@link Verdict#ALLOW}. */
  public DecisionAssert isAllowed() {
    return hasVerdict(Verdict.ALLOW);
  }

  /** Verifies the verdict is {@link Verdict#DENY}. */
  public DecisionAssert isDenied() {
    return hasVerdict(Verdict.DENY);
  }

  /** Verifies the verdict is {@link Verdict#ESCALATE}. */
  public DecisionAssert isEscalated() {
    return hasVerdict(Verdict.ESCALATE);
  }

  /** Verifies the verdict is {@link Verdict#HALT}. */
  public DecisionAssert isHalted() {
    return hasVerdict(Verdict.HALT);
  }

  /** Verifies the verdict. */
  public DecisionAssert hasVerdict(Verdict expected) {
    Objects.requireNonNull(expected, "expected");
    isNotNull();
    if (actual.verdict() != expected) {
      fail("Expecting verdict " + expected.name() + " but was " + actual.verdict().name());
    }
    return this;
  }

  /**
   * Verifies some reason has the stable code {@code code}, such as {@code lane-too-low}.
   *
   * @throws IllegalArgumentException if {@code code} is not a known reason code (a typo would otherwise
   *     make the assertion fail for the wrong reason)
   */
  public DecisionAssert withReason(String code) {
    Objects.requireNonNull(code, "code");
    ReasonCode rc;
    try {
      rc = ReasonCode.ofCode(code);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown reason code '" + code + "'; expected one of "
          + Arrays.stream(ReasonCode.values()).map(ReasonCode::code).collect(Collectors.joining(", ")), e);
    }
    return hasReason(rc);
  }

  /** Verifies some reason has the code {@code code}. */
  public DecisionAssert hasReason(ReasonCode code) {
    Objects.requireNonNull(code, "code");
    isNotNull();
    if (!actual.hasReason(code)) {
      fail("Expecting a reason with code " + code.code() + " but the reasons were "
          + codes(actual.reasons()));
    }
    return this;
  }

  /** Verifies some reason was produced by the rule (or stage) {@code ruleId}, such as {@code stop.secrets}. */
  public DecisionAssert hasRuleId(String ruleId) {
    Objects.requireNonNull(ruleId, "ruleId");
    isNotNull();
    if (!actual.ruleIds().contains(ruleId)) {
      fail("Expecting a reason from rule " + ruleId + " but the rules were " + actual.ruleIds());
    }
    return this;
  }

  /** Verifies some remedy has the code {@code codeOrMessageFragment} or a message containing it. */
  public DecisionAssert hasRemedy(String codeOrMessageFragment) {
    Objects.requireNonNull(codeOrMessageFragment, "codeOrMessageFragment");
    isNotNull();
    for (Remedy r : actual.remedies()) {
      if (r.code().equals(codeOrMessageFragment) || r.message().contains(codeOrMessageFragment)) {
        return this;
      }
    }
    fail("Expecting a remedy with code or message containing \"" + codeOrMessageFragment
        + "\" but the remedies were " + actual.remedies());
    return this;
  }

  /** Verifies the decision carries an obligation with the code {@code code}, such as {@code sandbox}. */
  public DecisionAssert hasObligation(String code) {
    Objects.requireNonNull(code, "code");
    isNotNull();
    if (actual.obligations().stream().noneMatch(o -> o.code().equals(code))) {
      fail("Expecting an obligation with code " + code + " but the obligations were "
          + actual.obligations().stream().map(Obligation::code).toList());
    }
    return this;
  }

  /**
   * Verifies the action was refused because the pair's lane is too low, and that a {@code needs-lane}
   * remedy names {@code lane}: promoting the pair to {@code lane} would lift that reason.
   */
  public DecisionAssert needsLane(String lane) {
    Objects.requireNonNull(lane, "lane");
    isNotNull();
    if (!actual.hasReason(ReasonCode.LANE_TOO_LOW)) {
      fail("Expecting a lane-too-low reason (needs lane " + lane + ") but the reasons were "
          + codes(actual.reasons()));
    }
    String phrase = "needs lane " + lane + " ";
    boolean named = actual.remedies().stream().anyMatch(r -> r.code().equals("needs-lane")
        && (r.message().startsWith(phrase) || r.message().equals(phrase.trim())));
    if (!named) {
      fail("Expecting a needs-lane remedy naming lane " + lane + " but the remedies were " + actual.remedies());
    }
    return this;
  }

  /** Verifies the decision was made in shadow mode (recorded, not enforced). */
  public DecisionAssert isShadow() {
    isNotNull();
    if (!actual.shadow()) {
      fail("Expecting a shadow-mode decision but it was enforced");
    }
    return this;
  }

  /** Verifies the decision was enforced, not made in shadow mode. */
  public DecisionAssert isNotShadow() {
    isNotNull();
    if (actual.shadow()) {
      fail("Expecting an enforced decision but it was made in shadow mode");
    }
    return this;
  }

  /** Verifies the runtime may run the action ({@link Decision#permitsExecution()}). */
  public DecisionAssert permitsExecution() {
    isNotNull();
    if (!actual.permitsExecution()) {
      fail("Expecting the decision to permit execution but it does not");
    }
    return this;
  }

  /** Verifies the pair stood in lane {@code lane} when the decision was made. */
  public DecisionAssert atLane(String lane) {
    Objects.requireNonNull(lane, "lane");
    isNotNull();
    if (actual.lane() == null || !actual.lane().name().equals(lane)) {
      fail("Expecting the pair at lane " + lane + " but it was at "
          + (actual.lane() == null ? "no lane" : "lane " + actual.lane().name()));
    }
    return this;
  }

  private static List<String> codes(List<Reason> reasons) {
    return reasons.stream().map(r -> r.code().code()).toList();
  }

  private void fail(String expectation) {
    failWithMessage("%s", expectation + "\n" + render(actual));
  }

  /** The whole decision, as every failure message shows it. */
  static String render(Decision d) {
    StringBuilder sb = new StringBuilder();
    sb.append("decision ").append(d.id()).append(" (policy version ").append(d.policyVersion()).append(", at ")
        .append(d.time()).append("):");
    sb.append('\n').append(d.explain());
    for (Obligation o : d.obligations()) {
      sb.append("\nobligation ").append(o.code()).append(o.detail().isEmpty() ? "" : " " + o.detail())
          .append(" [").append(o.ruleId()).append(']');
    }
    if (d.approver() != null) {
      sb.append("\napproved by ").append(d.approver());
    }
    if (d.grantId() != null) {
      sb.append("\nallowed by grant ").append(d.grantId());
    }
    return sb.toString();
  }
}
