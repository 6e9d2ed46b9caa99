package dev.agentlane.testkit;

import dev.agentlane.AgentKey;
import dev.agentlane.AuditEntry;
import dev.agentlane.AuditRecord;
import dev.agentlane.Decision;
import dev.agentlane.Lane;
import dev.agentlane.Verdict;
import dev.agentlane.testkit.DecisionRecorder.Demoted;
import dev.agentlane.testkit.DecisionRecorder.Event;
import dev.agentlane.testkit.DecisionRecorder.Halted;
import dev.agentlane.testkit.DecisionRecorder.Promoted;
import dev.agentlane.testkit.DecisionRecorder.Reset;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions on what a {@link DecisionRecorder} heard: the decisions in order, halts, resets,
 * promotions, demotions and audit entries. Start with {@link AgentLaneAssertions#assertThat(DecisionRecorder)}.
 *
 * <pre>{@code
 * assertThat(recorder).hasVerdicts(ALLOW, DENY, HALT)
 *     .hasHalted(bot).hasDemoted(bot, "draft")
 *     .hasEventsInOrder("decision", "halt", "demotion");
 * }</pre>
 *
 * <p>Not thread-safe; use each instance in one test thread. Each assertion reads a fresh snapshot of the
 * recorder. Every failure message says what was expected and then shows the whole numbered
 * {@linkplain DecisionRecorder#timeline() timeline}.
 */
public final class TimelineAssert extends AbstractAssert<TimelineAssert, DecisionRecorder> {
  private static final Set<String> KINDS = Set.of("decision", "failure", "halt", "reset", "grant", "revocation",
      "policy-update", "policy-rejected", "promotion", "demotion", "assignment", "outcome", "execution", "note");

  TimelineAssert(DecisionRecorder actual) {
    super(actual, TimelineAssert.class);
  }

  /** Verifies how many decisions were recorded. */
  public TimelineAssert hasDecisionCount(int expected) {
    isNotNull();
    int n = actual.decisions().size();
    if (n != expected) {
      failWithTimeline("Expecting " + expected + " decisions but " + n + " were recorded");
    }
    return this;
  }

  /** Verifies the verdicts of all recorded decisions, exactly and in order. */
  public TimelineAssert hasVerdicts(Verdict... expected) {
    Objects.requireNonNull(expected, "expected");
    isNotNull();
    List<Verdict> verdicts = actual.decisions().stream().map(Decision::verdict).toList();
    if (!verdicts.equals(Arrays.asList(expected))) {
      failWithTimeline("Expecting verdicts " + Arrays.toString(expected) + " but were " + verdicts);
    }
    return this;
  }

  /** Verifies no recorded decision has the verdict {@code verdict} (such as: nothing was ever allowed). */
  public TimelineAssert hasNoDecision(Verdict verdict) {
    Objects.requireNonNull(verdict, "verdict");
    isNotNull();
    List<Decision> all = actual.decisions();
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).verdict() == verdict) {
        failWithTimeline("Expecting no " + verdict.name() + " decision but decision " + (i + 1) + " of " + all.size()
            + " is " + verdict.name() + " (" + all.get(i).id() + ")");
      }
    }
    return this;
  }

  /**
   * Verifies these kinds of events happened in this order, perhaps with others between them; kinds are
   * the words of {@link Event#kind()} ({@code decision}, {@code halt}, {@code demotion}, {@code promotion},
   * {@code outcome}, {@code note}, ...).
   *
   * @throws IllegalArgumentException if a kind is not one of those words
   */
  public TimelineAssert hasEventsInOrder(String... kinds) {
    Objects.requireNonNull(kinds, "kinds");
    for (String k : kinds) {
      if (!KINDS.contains(k)) {
        throw new IllegalArgumentException("unknown event kind '" + k + "'; expected one of " + KINDS);
      }
    }
    isNotNull();
    List<String> seen = actual.events().stream().map(Event::kind).toList();
    int at = 0;
    for (String k : seen) {
      if (at < kinds.length && kinds[at].equals(k)) {
        at++;
      }
    }
    if (at < kinds.length) {
      failWithTimeline("Expecting events " + Arrays.toString(kinds) + " in this order but found no '" + kinds[at]
          + "' after the first " + at);
    }
    return this;
  }

  /** Verifies the pair was halted at some point. */
  public TimelineAssert hasHalted(AgentKey key) {
    return has(Halted.class, e -> e.key().equals(key), "a halt of " + key);
  }

  /** Verifies a halt of the pair was reset by a human at some point. */
  public TimelineAssert hasReset(AgentKey key) {
    return has(Reset.class, e -> e.key().equals(key), "a reset of " + key);
  }

  /** Verifies the pair was promoted into the lane named {@code lane} at some point. */
  public TimelineAssert hasPromoted(AgentKey key, String lane) {
    return has(Promoted.class, e -> e.key().equals(key) && e.to().name().equals(lane),
        "a promotion of " + key + " to " + lane);
  }

  /** Verifies the pair was promoted into {@code lane} at some point. */
  public TimelineAssert hasPromoted(AgentKey key, Lane lane) {
    return hasPromoted(key, lane.name());
  }

  /** Verifies the pair was demoted into the lane named {@code lane} at some point. */
  public TimelineAssert hasDemoted(AgentKey key, String lane) {
    return has(Demoted.class, e -> e.key().equals(key) && e.to().name().equals(lane),
        "a demotion of " + key + " to " + lane);
  }

  /** Verifies the pair was demoted into {@code lane} at some point. */
  public TimelineAssert hasDemoted(AgentKey key, Lane lane) {
    return hasDemoted(key, lane.name());
  }

  /** Verifies the pair was never demoted. */
  public TimelineAssert hasNoDemotion(AgentKey key) {
    return hasNone(Demoted.class, e -> e.key().equals(key), "no demotion of " + key);
  }

  /** Verifies the pair was never promoted. */
  public TimelineAssert hasNoPromotion(AgentKey key) {
    return hasNone(Promoted.class, e -> e.key().equals(key), "no promotion of " + key);
  }

  /** Verifies the audit trail received entries of these kinds in this order, perhaps with others between. */
  public TimelineAssert hasAuditedInOrder(AuditRecord.Kind... kinds) {
    Objects.requireNonNull(kinds, "kinds");
    isNotNull();
    List<AuditEntry> audit = actual.auditEntries();
    int at = 0;
    for (AuditEntry e : audit) {
      if (at < kinds.length && kinds[at] == e.kind()) {
        at++;
      }
    }
    if (at < kinds.length) {
      failWithTimeline("Expecting audit entries " + Arrays.toString(kinds) + " in this order but the audit trail ("
          + audit.stream().map(e -> e.kind().code()).toList() + ") has no " + kinds[at].code() + " after the first "
          + at);
    }
    return this;
  }

  /**
   * Verifies the audit trail has one decision entry per recorded decision, in the same order, with the
   * same verdict and action digest.
   */
  public TimelineAssert auditsEveryDecision() {
    isNotNull();
    List<Decision> decisions = actual.decisions();
    List<AuditEntry> audited = actual.auditEntries().stream().filter(e -> e.kind() == AuditRecord.Kind.DECISION)
        .toList();
    List<String> expected = decisions.stream().map(d -> d.verdict().name() + " " + d.actionDigest()).toList();
    List<String> found = audited.stream().map(e -> e.verdict() + " " + e.actionDigest()).toList();
    if (!expected.equals(found)) {
      failWithTimeline("Expecting the audit trail to record decisions " + expected + " but it recorded " + found);
    }
    return this;
  }

  /**
   * Assertions on the last recorded decision.
   *
   * @throws AssertionError if no decision was recorded
   */
  public DecisionAssert lastDecision() {
    isNotNull();
    List<Decision> all = actual.decisions();
    if (all.isEmpty()) {
      failWithTimeline("Expecting a decision but none was recorded");
    }
    return new DecisionAssert(all.get(all.size() - 1));
  }

  /**
   * Assertions on the recorded decision at {@code index} (0-based).
   *
   * @throws AssertionError if there is no such decision
   */
  public DecisionAssert decision(int index) {
    isNotNull();
    List<Decision> all = actual.decisions();
    if (index < 0 || index >= all.size()) {
      failWithTimeline("Expecting a decision at index " + index + " but " + all.size() + " were recorded");
    }
    return new DecisionAssert(all.get(index));
  }

  private <E extends Event> TimelineAssert has(Class<E> type, Predicate<E> match, String what) {
    isNotNull();
    if (actual.events(type).stream().noneMatch(match)) {
      failWithTimeline("Expecting " + what + " but the timeline has none");
    }
    return this;
  }

  private <E extends Event> TimelineAssert hasNone(Class<E> type, Predicate<E> match, String what) {
    isNotNull();
    if (actual.events(type).stream().anyMatch(match)) {
      failWithTimeline("Expecting " + what + " but the timeline has one");
    }
    return this;
  }

  private void failWithTimeline(String message) {
    failWithMessage("%s", message + "\n\n" + actual.timeline());
  }
}
