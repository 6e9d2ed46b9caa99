/**
 * The promotion ledger: Wilson bounds, the criteria evaluator, the ledger-backed lane directory and
 * its stores (in memory, and crash-safe files). Not exported.
 */
@org.jspecify.annotations.NullMarked
package dev.agentlane.core.promotion;
