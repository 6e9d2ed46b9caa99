package dev.agentlane.core.engine;

import dev.agentlane.AgentKey;
import dev.agentlane.AuditEntry;
import dev.agentlane.AuditRecord;
import dev.agentlane.Lane;
import dev.agentlane.promotion.LedgerListener;
import dev.agentlane.promotion.PromotionProposal;
import dev.agentlane.spi.AuditSink;
import java.time.InstantSource;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Passes a promotion ledger's events on to the engine's listeners (halts, resets) and audit sink
 * (promotions, demotions, assignments). Thread-safe.
 */
final class LedgerBridge implements LedgerListener {
  private final Listeners listeners;
  private final @Nullable AuditSink audit;
  private final InstantSource clock;
  private final Supplier<String> policyVersion;

  LedgerBridge(Listeners listeners, @Nullable AuditSink audit, InstantSource clock, Supplier<String> policyVersion) {
    this.listeners = listeners;
    this.audit = audit;
    this.clock = clock;
    this.policyVersion = policyVersion;
  }

  @Override
  public void promoted(AgentKey key, Lane from, Lane to, String approver, String note, PromotionProposal proposal) {
    record(AuditRecord.Kind.PROMOTION, key, to, approver, from.name() + " -> " + to.name() + ": " + note);
  }

  @Override
  public void demoted(AgentKey key, Lane from, Lane to, String reason, String by) {
    record(AuditRecord.Kind.DEMOTION, key, to, by, from.name() + " -> " + to.name() + ": " + reason);
  }

  @Override
  public void assigned(AgentKey key, Lane from, Lane to, String by, String note) {
    AuditRecord.Kind kind = to.rank() >= from.rank() ? AuditRecord.Kind.PROMOTION : AuditRecord.Kind.DEMOTION;
    record(kind, key, to, by, "assigned " + from.name() + " -> " + to.name() + ": " + note);
  }

  @Override
  public void halted(AgentKey key, String reason, String by) {
    listeners.each(l -> l.halted(key, reason, by));
  }

  @Override
  public void reset(AgentKey key, String by) {
    listeners.each(l -> l.reset(key, by));
  }

  private void record(AuditRecord.Kind kind, AgentKey key, Lane lane, String by, String detail) {
    if (audit != null) {
      audit.append(AuditEntry.event(clock.instant(), kind, key, lane.name(), policyVersion.get(), by, detail));
    }
  }
}
