package dev.agentlane.promotion;

import dev.agentlane.AgentKey;
import dev.agentlane.Lane;

/**
 * Hears what a {@link PromotionLedger} does. Every method has a no-op default, so implement only what
 * you need; new events arrive as new default methods.
 *
 * <p>Implementations must be thread-safe: the ledger calls them from the changing thread, after the
 * change is saved, never under a lock. An exception thrown by a listener is logged at WARN and
 * otherwise ignored.
 */
public interface LedgerListener {
  /** An outcome was recorded and saved. */
  default void outcomeRecorded(RecordedOutcome outcome) {}

  /** A pair moved one lane up. */
  default void promoted(AgentKey key, Lane from, Lane to, String approver, String note, PromotionProposal proposal) {}

  /** A pair moved one lane down, by a person or on a severe incident. */
  default void demoted(AgentKey key, Lane from, Lane to, String reason, String by) {}

  /** A pair was put in a lane by an administrative override. */
  default void assigned(AgentKey key, Lane from, Lane to, String by, String note) {}

  /** A pair was halted. */
  default void halted(AgentKey key, String reason, String by) {}

  /** A halt was lifted by a named person. */
  default void reset(AgentKey key, String by) {}
}
