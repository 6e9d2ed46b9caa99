package dev.agentlane.core.engine;

import dev.agentlane.AgentKey;
import dev.agentlane.AuditEntry;
import dev.agentlane.AuditRecord;
import dev.agentlane.Grant;
import dev.agentlane.PolicyException;
import dev.agentlane.spi.AuditSink;
import dev.agentlane.spi.DecisionListener;
import java.time.InstantSource;
import java.util.function.Supplier;

/**
 * Records the engine's events (halts, resets, grants, revocations, policy changes) in the audit sink.
 * Decisions are recorded by the engine itself, so that a refused record can deny the decision.
 * Thread-safe.
 */
final class AuditEvents implements DecisionListener {
  private final AuditSink sink;
  private final InstantSource clock;
  private final Supplier<String> policyVersion;

  AuditEvents(AuditSink sink, InstantSource clock, Supplier<String> policyVersion) {
    this.sink = sink;
    this.clock = clock;
    this.policyVersion = policyVersion;
  }

  private void event(AuditRecord.Kind kind, AgentKey key, String approver, String detail) {
    sink.append(AuditEntry.event(clock.instant(), kind, key, null, policyVersion.get(), approver, detail));
  }

  @Override
  public void halted(AgentKey key, String reason, String by) {
    event(AuditRecord.Kind.HALT, key, by, reason);
  }

  @Override
  public void reset(AgentKey key, String by) {
    event(AuditRecord.Kind.RESET, key, by, "halt lifted");
  }

  @Override
  public void grantIssued(Grant grant) {
    event(AuditRecord.Kind.GRANT, grant.key(), grant.approver(), grant.id() + " " + grant.tool() + ": " + grant.reason());
  }

  @Override
  public void grantRevoked(Grant grant, String by) {
    event(AuditRecord.Kind.REVOCATION, grant.key(), by, grant.id());
  }

  @Override
  public void policyUpdated(String previousVersion, String newVersion) {
    sink.append(AuditEntry.event(clock.instant(), AuditRecord.Kind.POLICY_RELOAD, null, null, newVersion, null,
        previousVersion + " -> " + newVersion));
  }

  @Override
  public void policyRejected(PolicyException problem) {
    sink.append(AuditEntry.event(clock.instant(), AuditRecord.Kind.POLICY_REJECTED, null, null, policyVersion.get(),
        null, problem.problems().size() + " problems"));
  }
}
