package dev.agentlane.testkit;

import dev.agentlane.Action;
import dev.agentlane.AgentKey;
import dev.agentlane.AuditEntry;
import dev.agentlane.Decision;
import dev.agentlane.Execution;
import dev.agentlane.Grant;
import dev.agentlane.Lane;
import dev.agentlane.Obligation;
import dev.agentlane.PolicyException;
import dev.agentlane.ToolArguments;
import dev.agentlane.promotion.LedgerListener;
import dev.agentlane.promotion.Outcome;
import dev.agentlane.promotion.PromotionProposal;
import dev.agentlane.promotion.RecordedOutcome;
import dev.agentlane.spi.AuditSink;
import dev.agentlane.spi.DecisionListener;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Remembers everything an engine and its promotion ledger report, in order: every decision with its
 * action, failed evaluations, halts, resets, grants issued and revoked, policy updates and rejections
 * (as a {@link DecisionListener}); promotions, demotions, lane assignments and recorded outcomes (through
 * {@link #ledgerListener()}); notes a test adds ({@link #note}); and, as an {@link AuditSink}, every audit
 * entry the engine writes. An {@link AgentLaneFixture} wires all three for every test:
 *
 * <pre>{@code
 * DecisionRecorder recorder = new DecisionRecorder(clock);
 * LedgerLaneDirectory ledger = LedgerLaneDirectory.builder().policy(policy).clock(clock)
 *     .listener(recorder.ledgerListener()).build();
 * PolicyEngine engine = PolicyEngine.builder().policy(policy).clock(clock).laneDirectory(ledger)
 *     .listener(recorder).auditSink(recorder).build();
 * }</pre>
 *
 * <p>Thread-safe; share one instance. Events are kept in the order they were reported (for concurrent
 * decisions, the order in which their listener calls arrived). Every accessor returns an immutable
 * snapshot. {@link #timeline()} renders a numbered text of all events, which the extension and
 * {@code Scenario} print when a test fails. Audit entries are kept apart from the events (they repeat
 * what the events say, in the audit log's words): see {@link #auditEntries()}. As a sink the recorder
 * never refuses an entry, and {@link #close()} does not stop it recording.
 */
public final class DecisionRecorder implements DecisionListener, AuditSink {
  private static final int MAX_ARGUMENT_CHARS = 200;

  private final @Nullable InstantSource clock;
  private final Object lock = new Object();
  private final List<Event> events = new ArrayList<>();
  private final List<AuditEntry> audit = new ArrayList<>();
  private final LedgerListener ledgerListener = new LedgerEvents();

  /** A recorder that stamps non-decision events with no time (decisions carry their own). */
  public DecisionRecorder() {
    this.clock = null;
  }

  /** A recorder that stamps non-decision events (halts, grants, policy changes) with {@code clock}. */
  public DecisionRecorder(InstantSource clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * One thing the engine reported. Immutable.
   *
   * <p>A sealed family, so a test can switch over it; new kinds may be added as the listener SPI grows.
   */
  public sealed interface Event {
    /** When it happened: the decision's time, or the recorder's clock (null without one). */
    @Nullable Instant time();

    /** A one-line (or, for decisions, several-line) description for people. */
    String describe();

    /**
     * A stable word for the kind of event: {@code decision}, {@code failure}, {@code halt}, {@code reset},
     * {@code grant}, {@code revocation}, {@code policy-update}, {@code policy-rejected}, {@code promotion},
     * {@code demotion}, {@code assignment}, {@code outcome}, {@code execution} or {@code note}.
     */
    String kind();
  }

  /**
   * A decision was made.
   *
   * @param action what was decided
   * @param decision the engine's answer
   */
  public record Decided(Action action, Decision decision) implements Event {
    /** Checks for null. */
    public Decided {
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(decision, "decision");
    }

    @Override
    public Instant time() {
      return decision.time();
    }

    @Override
    public String describe() {
      StringBuilder sb = new StringBuilder();
      sb.append(pair(action)).append(' ').append(action.tool()).append(' ').append(arguments(action.arguments()));
      if (action.runId() != null) {
        sb.append(" run ").append(action.runId());
      }
      sb.append(" -> ").append(decision.verdict().name());
      sb.append("  (decision ").append(decision.id()).append(", policy ").append(decision.policyVersion())
          .append(')');
      String[] explain = decision.explain().split("\n", -1);
      for (int i = 1; i < explain.length; i++) {
        sb.append("\n     ").append(explain[i]);
      }
      if (decision.shadow()) {
        sb.append("\n     shadow mode: not enforced");
      }
      for (Obligation o : decision.obligations()) {
        sb.append("\n     obligation ").append(o.code()).append(o.detail().isEmpty() ? "" : " " + o.detail())
            .append(" [").append(o.ruleId()).append(']');
      }
      return sb.toString();
    }


    @Override
    public String kind() {
      return "decision";
    }
  }

  /**
   * Evaluation failed; a fail-closed decision follows.
   *
   * @param action what was being decided
   * @param failure what went wrong
   * @param time the recorder's clock, or null without one
   */
  public record Failed(Action action, Throwable failure, @Nullable Instant time) implements Event {
    /** Checks for null. */
    public Failed {
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(failure, "failure");
    }

    @Override
    public String describe() {
      return pair(action) + " " + action.tool() + " evaluation failed: " + failure;
    }


    @Override
    public String kind() {
      return "failure";
    }
  }

  /**
   * A pair was halted.
   *
   * @param key the pair
   * @param reason why
   * @param by who or what halted it
   * @param time the recorder's clock, or null without one
   */
  public record Halted(AgentKey key, String reason, String by, @Nullable Instant time) implements Event {
    /** Checks for null. */
    public Halted {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(by, "by");
    }

    @Override
    public String describe() {
      return "HALTED " + key + " by " + by + ": " + reason;
    }


    @Override
    public String kind() {
      return "halt";
    }
  }

  /**
   * A halt was lifted.
   *
   * @param key the pair
   * @param by who reset it
   * @param time the recorder's clock, or null without one
   */
  public record Reset(AgentKey key, String by, @Nullable Instant time) implements Event {
    /** Checks for null. */
    public Reset {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(by, "by");
    }

    @Override
    public String describe() {
      return "RESET " + key + " by " + by;
    }


    @Override
    public String kind() {
      return "reset";
    }
  }

  /**
   * A grant was issued.
   *
   * @param grant the grant
   * @param time the recorder's clock, or null without one
   */
  public record GrantIssued(Grant grant, @Nullable Instant time) implements Event {
    /** Checks for null. */
    public GrantIssued {
      Objects.requireNonNull(grant, "grant");
    }

    @Override
    public String describe() {
      return "GRANT ISSUED " + grant.id() + " to " + grant.key() + " for " + grant.tool() + " by "
          + grant.approver() + ": " + grant.reason();
    }


    @Override
    public String kind() {
      return "grant";
    }
  }

  /**
   * A grant was revoked.
   *
   * @param grant the grant
   * @param by who revoked it
   * @param time the recorder's clock, or null without one
   */
  public record GrantRevoked(Grant grant, String by, @Nullable Instant time) implements Event {
    /** Checks for null. */
    public GrantRevoked {
      Objects.requireNonNull(grant, "grant");
      Objects.requireNonNull(by, "by");
    }

    @Override
    public String describe() {
      return "GRANT REVOKED " + grant.id() + " of " + grant.key() + " by " + by;
    }


    @Override
    public String kind() {
      return "revocation";
    }
  }

  /**
   * The engine switched policy.
   *
   * @param previousVersion the version before
   * @param newVersion the version now in force
   * @param time the recorder's clock, or null without one
   */
  public record PolicyUpdated(String previousVersion, String newVersion, @Nullable Instant time) implements Event {
    /** Checks for null. */
    public PolicyUpdated {
      Objects.requireNonNull(previousVersion, "previousVersion");
      Objects.requireNonNull(newVersion, "newVersion");
    }

    @Override
    public String describe() {
      return "POLICY UPDATED " + previousVersion + " -> " + newVersion;
    }


    @Override
    public String kind() {
      return "policy-update";
    }
  }

  /**
   * The engine rejected a policy and kept the previous one.
   *
   * @param problem every problem found
   * @param time the recorder's clock, or null without one
   */
  public record PolicyRejected(PolicyException problem, @Nullable Instant time) implements Event {
    /** Checks for null. */
    public PolicyRejected {
      Objects.requireNonNull(problem, "problem");
    }

    @Override
    public String describe() {
      return "POLICY REJECTED: " + problem.getMessage();
    }


    @Override
    public String kind() {
      return "policy-rejected";
    }
  }

  /**
   * A pair moved up a lane by promotion.
   *
   * @param key the pair
   * @param from the lane before
   * @param to the lane now
   * @param approver who approved it
   * @param note the approver's note
   * @param time the recorder's clock, or null without one
   */
  public record Promoted(AgentKey key, Lane from, Lane to, String approver, String note, @Nullable Instant time)
      implements Event {
    /** Checks for null. */
    public Promoted {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      Objects.requireNonNull(approver, "approver");
      Objects.requireNonNull(note, "note");
    }

    @Override
    public String describe() {
      return "PROMOTED " + key + " " + from.name() + " -> " + to.name() + " by " + approver
          + (note.isEmpty() ? "" : ": " + note);
    }

    @Override
    public String kind() {
      return "promotion";
    }
  }

  /**
   * A pair moved down a lane: a severe incident, a halt, or a human's decision.
   *
   * @param key the pair
   * @param from the lane before
   * @param to the lane now
   * @param reason why
   * @param by who or what demoted it
   * @param time the recorder's clock, or null without one
   */
  public record Demoted(AgentKey key, Lane from, Lane to, String reason, String by, @Nullable Instant time)
      implements Event {
    /** Checks for null. */
    public Demoted {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(by, "by");
    }

    @Override
    public String describe() {
      return "DEMOTED " + key + " " + from.name() + " -> " + to.name() + " by " + by + ": " + reason;
    }

    @Override
    public String kind() {
      return "demotion";
    }
  }

  /**
   * A pair was put in a lane by an administrative assignment.
   *
   * @param key the pair
   * @param from the lane before
   * @param to the lane now
   * @param by who assigned it
   * @param note why
   * @param time the recorder's clock, or null without one
   */
  public record Assigned(AgentKey key, Lane from, Lane to, String by, String note, @Nullable Instant time)
      implements Event {
    /** Checks for null. */
    public Assigned {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      Objects.requireNonNull(by, "by");
      Objects.requireNonNull(note, "note");
    }

    @Override
    public String describe() {
      return "ASSIGNED " + key + " " + from.name() + " -> " + to.name() + " by " + by
          + (note.isEmpty() ? "" : ": " + note);
    }

    @Override
    public String kind() {
      return "assignment";
    }
  }

  /**
   * The ledger recorded an outcome: a review, rework, a revert, an incident, a stop-condition hit or the
   * end of a release cycle. In the {@linkplain #timeline() timeline}, consecutive outcomes of one pair
   * (other than incidents) are summed up on one line.
   *
   * @param outcome what was recorded, for which pair, when and by whom
   */
  public record OutcomeRecorded(RecordedOutcome outcome) implements Event {
    /** Checks for null. */
    public OutcomeRecorded {
      Objects.requireNonNull(outcome, "outcome");
    }

    @Override
    public Instant time() {
      return outcome.at();
    }

    @Override
    public String describe() {
      return "OUTCOME " + outcome.key() + " " + label(outcome.outcome()) + " by " + outcome.recordedBy();
    }

    @Override
    public String kind() {
      return "outcome";
    }
  }

  /**
   * A permitted tool call ran or threw, as an integration or a {@code ToolGuard} reported it.
   *
   * @param execution what ran, how long, and whether it threw
   * @param time the recorder's clock, or null without one
   */
  public record Executed(Execution execution, @Nullable Instant time) implements Event {
    /** Checks for null. */
    public Executed {
      Objects.requireNonNull(execution, "execution");
    }

    @Override
    public String describe() {
      return (execution.succeeded() ? "RAN " : "FAILED ") + pair(execution.action()) + " " + execution.action().tool()
          + " (decision " + execution.decision().id() + ", " + execution.duration().toMillis() + " ms)"
          + (execution.failure() == null ? "" : ": " + execution.failure());
    }

    @Override
    public String kind() {
      return "execution";
    }
  }

  /**
   * A line the test wrote into the timeline with {@link #note}.
   *
   * @param text what the test said
   * @param time the recorder's clock, or null without one
   */
  public record Note(String text, @Nullable Instant time) implements Event {
    /** Checks for null. */
    public Note {
      Objects.requireNonNull(text, "text");
    }

    @Override
    public String describe() {
      return text;
    }

    @Override
    public String kind() {
      return "note";
    }
  }

  /** Hears the ledger's promotions, demotions, assignments and outcomes (halts come from the engine). */
  private final class LedgerEvents implements LedgerListener {
    @Override
    public void outcomeRecorded(RecordedOutcome outcome) {
      add(new OutcomeRecorded(outcome));
    }

    @Override
    public void promoted(AgentKey key, Lane from, Lane to, String approver, String note, PromotionProposal proposal) {
      add(new Promoted(key, from, to, approver, note, now()));
    }

    @Override
    public void demoted(AgentKey key, Lane from, Lane to, String reason, String by) {
      add(new Demoted(key, from, to, reason, by, now()));
    }

    @Override
    public void assigned(AgentKey key, Lane from, Lane to, String by, String note) {
      add(new Assigned(key, from, to, by, note, now()));
    }

    @Override
    public String toString() {
      return "ledger listener of " + DecisionRecorder.this.getClass().getSimpleName();
    }
  }

  /**
   * The listener to register with a promotion ledger ({@code LedgerLaneDirectory.builder().listener(...)}
   * or {@code ledger.addListener(...)}): it records promotions, demotions, assignments and outcomes. It
   * does not record halts and resets, which an engine over the ledger already reports to the recorder.
   */
  public LedgerListener ledgerListener() {
    return ledgerListener;
  }

  /** Writes a line of the test's own into the timeline, stamped with the recorder's clock. */
  public void note(String text) {
    add(new Note(text, now()));
  }

  private @Nullable Instant now() {
    return clock == null ? null : clock.instant();
  }

  private void add(Event e) {
    synchronized (lock) {
      events.add(e);
    }
  }

  @Override
  public void decisionEnd(Action action, Decision decision) {
    add(new Decided(action, decision));
  }

  @Override
  public void executionEnd(Execution execution) {
    add(new Executed(execution, now()));
  }

  @Override
  public void decisionFailed(Action action, Throwable failure) {
    add(new Failed(action, failure, now()));
  }

  @Override
  public void policyUpdated(String previousVersion, String newVersion) {
    add(new PolicyUpdated(previousVersion, newVersion, now()));
  }

  @Override
  public void policyRejected(PolicyException problem) {
    add(new PolicyRejected(problem, now()));
  }

  @Override
  public void halted(AgentKey key, String reason, String by) {
    add(new Halted(key, reason, by, now()));
  }

  @Override
  public void reset(AgentKey key, String by) {
    add(new Reset(key, by, now()));
  }

  @Override
  public void grantIssued(Grant grant) {
    add(new GrantIssued(grant, now()));
  }

  @Override
  public void grantRevoked(Grant grant, String by) {
    add(new GrantRevoked(grant, by, now()));
  }

  /** Keeps an audit entry; never refuses one. */
  @Override
  public void append(AuditEntry entry) {
    Objects.requireNonNull(entry, "entry");
    synchronized (lock) {
      audit.add(entry);
    }
  }

  /** Nothing to flush: entries are kept in memory as they arrive. */
  @Override
  public void flush() {}

  /** Does nothing: the recorder keeps recording, so a test can read what an engine wrote as it closed. */
  @Override
  public void close() {}

  /** Every audit entry the engine wrote, in order. */
  public List<AuditEntry> auditEntries() {
    synchronized (lock) {
      return List.copyOf(audit);
    }
  }

  /** Everything recorded, in order. */
  public List<Event> events() {
    synchronized (lock) {
      return List.copyOf(events);
    }
  }

  /** Every decision recorded, in order. */
  public List<Decision> decisions() {
    return events().stream().filter(Decided.class::isInstance).map(e -> ((Decided) e).decision()).toList();
  }

  /** Every decision recorded for the pair {@code key}, in order. */
  public List<Decision> decisionsFor(AgentKey key) {
    Objects.requireNonNull(key, "key");
    return events().stream().filter(Decided.class::isInstance).map(Decided.class::cast)
        .filter(d -> d.action().agent().equals(key.agent()) && d.action().workflow().equals(key.workflow())).map(Decided::decision).toList();
  }

  /**
   * The last decision recorded.
   *
   * @throws IllegalStateException if no decision was recorded
   */
  public Decision last() {
    List<Decision> all = decisions();
    if (all.isEmpty()) {
      throw new IllegalStateException("no decision was recorded" + (events().isEmpty() ? "" : "\n" + timeline()));
    }
    return all.get(all.size() - 1);
  }

  /** Every event of one kind (see {@link Event#kind()}), in order. */
  public <E extends Event> List<E> events(Class<E> type) {
    Objects.requireNonNull(type, "type");
    return events().stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** Forgets everything recorded so far, audit entries included. */
  public void clear() {
    synchronized (lock) {
      events.clear();
      audit.clear();
    }
  }

  /**
   * A numbered, readable text of everything recorded, one entry per event, decisions with their reasons,
   * remedies and obligations indented below them. Consecutive outcomes of one pair other than incidents
   * are summed up in one entry ({@code OUTCOMES bot/fixes: 13 review clean, 1 release-cycle}). Starts with
   * a count of events; entries are separated by newlines, with none at the end.
   */
  public String timeline() {
    List<Event> all = events();
    List<String> entries = new ArrayList<>();
    List<@Nullable Instant> times = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      Event e = all.get(i);
      if (collapsible(e)) {
        AgentKey key = ((OutcomeRecorded) e).outcome().key();
        Map<String, Integer> counts = new LinkedHashMap<>();
        int j = i;
        while (j < all.size() && collapsible(all.get(j)) && ((OutcomeRecorded) all.get(j)).outcome().key().equals(key)) {
          counts.merge(label(((OutcomeRecorded) all.get(j)).outcome().outcome()), 1, Integer::sum);
          j++;
        }
        if (j - i > 1) {
          StringBuilder sb = new StringBuilder("OUTCOMES ").append(key).append(':');
          String sep = " ";
          for (Map.Entry<String, Integer> c : counts.entrySet()) {
            sb.append(sep).append(c.getValue()).append(' ').append(c.getKey());
            sep = ", ";
          }
          entries.add(sb.toString());
          times.add(all.get(j - 1).time());
          i = j - 1;
          continue;
        }
      }
      entries.add(e.describe());
      times.add(e.time());
    }
    StringBuilder sb = new StringBuilder();
    sb.append("agentlane timeline: ").append(all.size()).append(all.size() == 1 ? " event" : " events");
    int width = String.valueOf(entries.size()).length();
    for (int i = 0; i < entries.size(); i++) {
      String n = String.valueOf(i + 1);
      sb.append('\n').append(" ".repeat(width - n.length())).append(n).append(". ");
      Instant t = times.get(i);
      if (t != null) {
        sb.append(t).append(' ');
      }
      sb.append(entries.get(i));
    }
    return sb.toString();
  }

  private static boolean collapsible(Event e) {
    return e instanceof OutcomeRecorded o && !(o.outcome().outcome() instanceof Outcome.Incident);
  }

  static String label(Outcome outcome) {
    if (outcome instanceof Outcome.Review r) {
      return "review " + r.result().code();
    } else if (outcome instanceof Outcome.Incident i) {
      return "incident " + i.severity().code() + ": " + i.description();
    } else if (outcome instanceof Outcome.StopConditionHit h) {
      return "stop-condition-hit " + h.code() + " [" + h.ruleId() + "]";
    } else if (outcome instanceof Outcome.ReleaseCycle) {
      return "release-cycle";
    }
    return outcome.kind();
  }

  @Override
  public String toString() {
    return timeline();
  }

  static String pair(Action action) {
    return action.agent() + "/" + action.workflow();
  }

  static String arguments(ToolArguments arguments) {
    String text;
    if (arguments instanceof ToolArguments.Json j) {
      text = j.text();
    } else if (arguments instanceof ToolArguments.Structured s) {
      text = s.values().toString();
    } else {
      text = arguments.toString();
    }
    text = text.replace("\n", "\\n").replace("\r", "\\r");
    return text.length() > MAX_ARGUMENT_CHARS ? text.substring(0, MAX_ARGUMENT_CHARS) + "..." : text;
  }
}
