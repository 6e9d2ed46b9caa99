package dev.agentlane.spi;

import dev.agentlane.Action;
import dev.agentlane.AgentKey;
import dev.agentlane.Decision;
import dev.agentlane.Execution;
import dev.agentlane.Grant;
import dev.agentlane.PolicyException;

/**
 * Hears what an engine does, in OkHttp's event-listener style. Every method has a no-op default,
 * so implement only what you need; new events arrive as new default methods.
 *
 * <p>Implementations must be thread-safe: the engine calls them from the deciding thread, never
 * under a lock. An exception thrown by a listener is logged at WARN and otherwise ignored: it never
 * changes a decision.
 */
public interface DecisionListener {
  /** A decision is about to be made. */
  default void decisionStart(Action action) {}

  /** A decision was made (including fail-closed denials after an internal error). */
  default void decisionEnd(Action action, Decision decision) {}

  /** Evaluation failed; the decision that follows is {@code DENY (internal-error)}. */
  default void decisionFailed(Action action, Throwable failure) {}

  /** A permitted tool call ran, or threw (reported by the integration that ran it). */
  default void executionEnd(Execution execution) {}

  /** The engine switched to a new policy. */
  default void policyUpdated(String previousVersion, String newVersion) {}

  /** A new policy was rejected; the engine keeps the previous one. */
  default void policyRejected(PolicyException problem) {}

  /** A pair was halted. */
  default void halted(AgentKey key, String reason, String by) {}

  /** A halt was lifted. */
  default void reset(AgentKey key, String by) {}

  /** A grant was issued. */
  default void grantIssued(Grant grant) {}

  /** A grant was revoked. */
  default void grantRevoked(Grant grant, String by) {}
}
