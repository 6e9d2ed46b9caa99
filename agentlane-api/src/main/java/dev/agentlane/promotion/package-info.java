/**
 * Promotion as an operating metric: the outcomes an agent/workflow pair earns in its lane, the
 * criteria that judge them, promotion proposals, and the ledger that keeps lanes, halts and
 * evidence.
 *
 * <p>Values here are immutable records; {@link dev.agentlane.promotion.PromotionLedger} and
 * {@link dev.agentlane.promotion.LedgerStore} implementations are thread-safe.
 */
@org.jspecify.annotations.NullMarked
package dev.agentlane.promotion;
