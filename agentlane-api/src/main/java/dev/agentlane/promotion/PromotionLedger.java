package dev.agentlane.promotion;

import dev.agentlane.AgentKey;
import dev.agentlane.LaneStatus;
import dev.agentlane.Registration;
import java.util.List;

/**
 * Keeps the evidence each agent/workflow pair earns in its lane and moves pairs one lane at a time:
 * up when the criteria hold and a named approver agrees, down on a severe incident or when a person
 * demotes.
 *
 * <p>Thread-safe; share one instance. Each pair's state changes atomically; listeners hear of a
 * change after it is made and saved, never under a lock.
 *
 * <pre>{@code
 * ledger.record(key, Outcome.clean(), "review-bot");
 * PromotionProposal p = ledger.propose(key);
 * if (p.eligible()) { ledger.promote(key, "alice", "six clean weeks"); }
 * else { System.out.println(p.explain()); } // 17 of 20 reviews; 2 of 3 release cycles; …
 * }</pre>
 */
public interface PromotionLedger {
  /**
   * Records an outcome for a pair. A {@linkplain Severity#isSevere() severe} incident also demotes the
   * pair one lane at once (unless it already stands in the lowest lane).
   *
   * @throws IllegalArgumentException if {@code recordedBy} is blank
   * @throws LedgerStoreException if the state cannot be saved (the outcome is then not recorded)
   */
  void record(AgentKey key, Outcome outcome, String recordedBy);

  /** Judges whether the pair may move one lane up now, with every criterion's result. Never throws for an ineligible pair. */
  PromotionProposal propose(AgentKey key);

  /**
   * Moves the pair exactly one lane up, if it is eligible at this moment; its evidence then starts
   * afresh in the new lane.
   *
   * @return the new status
   * @throws PromotionException carrying the proposal, if the pair is not eligible or in the top lane
   * @throws IllegalArgumentException if {@code approver} is blank
   */
  LaneStatus promote(AgentKey key, String approver, String note);

  /**
   * Moves the pair one lane down; in the lowest lane, does nothing.
   *
   * @return the new status (unchanged in the lowest lane)
   * @throws IllegalArgumentException if {@code by} is blank
   */
  LaneStatus demote(AgentKey key, String reason, String by);

  /** A snapshot of every pair the ledger knows, ordered by agent then workflow. */
  List<PairMetrics> metrics();

  /** A snapshot of one pair; a pair never seen has no evidence and stands in the default lane. */
  PairMetrics metrics(AgentKey key);

  /** Registers a listener; close the returned handle to unregister it. */
  Registration addListener(LedgerListener listener);
}
