package dev.agentlane.testkit;

import dev.agentlane.Action;
import dev.agentlane.AgentKey;
import dev.agentlane.Decision;
import dev.agentlane.Grant;
import dev.agentlane.Obligation;
import dev.agentlane.PolicyException;
import dev.agentlane.ToolArguments;
import dev.agentlane.spi.DecisionListener;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A {@link DecisionListener} that remembers everything an engine tells it, in order: every decision with
 * its action, failed evaluations, halts, resets, grants issued and revoked, policy updates and rejections.
 * Register it with {@code PolicyEngine.builder().listener(recorder)} or {@code engine.addListener(recorder)};
 * the {@link AgentLaneExtension} does so for every test.
 *
 * <p>Thread-safe; share one instance. Events are kept in the order the engine reported them (for
 * concurrent decisions, the order in which their listener calls arrived). Every accessor returns an
 * immutable snapshot. {@link #timeline()} renders a numbered text of all events, which the extension
 * prints when a test fails.
 */
public final class DecisionRecorder implements DecisionListener {
  private static final int MAX_ARGUMENT_CHARS = 200;

  private final @Nullable InstantSource clock;
  private final Object lock = new Object();
  private final List<Event> events = new ArrayList<>();

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

  /** Forgets everything recorded so far. */
  public void clear() {
    synchronized (lock) {
      events.clear();
    }
  }

  /**
   * A numbered, readable text of everything recorded, one entry per event, decisions with their reasons,
   * remedies and obligations indented below them. Ends with a newline unless empty of events.
   */
  public String timeline() {
    List<Event> all = events();
    StringBuilder sb = new StringBuilder();
    sb.append("agentlane timeline: ").append(all.size()).append(all.size() == 1 ? " event" : " events");
    int width = String.valueOf(all.size()).length();
    for (int i = 0; i < all.size(); i++) {
      Event e = all.get(i);
      String n = String.valueOf(i + 1);
      sb.append('\n').append(" ".repeat(width - n.length())).append(n).append(". ");
      Instant t = e.time();
      if (t != null) {
        sb.append(t).append(' ');
      }
      sb.append(e.describe());
    }
    return sb.toString();
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
