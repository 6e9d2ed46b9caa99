/**
 * The audit trail: an append-only, hash-chained JSON Lines sink with four durability modes, crash
 * recovery, and a verifier. Not exported; {@link dev.agentlane.core.audit.AuditLogs} is the entry point.
 */
@org.jspecify.annotations.NullMarked
package dev.agentlane.core.audit;
