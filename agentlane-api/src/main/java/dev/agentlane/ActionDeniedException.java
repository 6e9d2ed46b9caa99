package dev.agentlane;

import java.util.Objects;

/**
 * Thrown by {@link PolicyEngine#guard(Action)} and {@link PolicyEngine#guard(Action, GuardedCall)}
 * when the decision does not permit the action. It carries the whole decision, so a wrapper can turn
 * it into a tool result for the model ({@link Decision#explain()}).
 */
public final class ActionDeniedException extends AgentLaneException {
  private static final long serialVersionUID = 1L;
  private final transient Decision decision;

  /** An exception carrying the decision, with {@link Decision#explain()} as its message. */
  public ActionDeniedException(Decision decision) {
    this(decision, Objects.requireNonNull(decision, "decision").explain());
  }

  /** An exception carrying the decision, with a message of its own (such as a refusal text for a model). */
  public ActionDeniedException(Decision decision, String message) {
    super(Objects.requireNonNull(message, "message"));
    this.decision = Objects.requireNonNull(decision, "decision");
  }

  /** The decision that refused the action. */
  public Decision decision() {
    return decision;
  }
}
