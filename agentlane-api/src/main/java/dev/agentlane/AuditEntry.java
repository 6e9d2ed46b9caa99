package dev.agentlane;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One event the engine hands to an {@link dev.agentlane.spi.AuditSink}: a decision, a promotion or
 * demotion, a halt or reset, a grant or revocation, a policy reload or rejection. The sink adds the
 * sequence number and the hash chain, producing an {@link AuditRecord}.
 *
 * <p>Immutable. <b>An entry carries no action arguments at all</b>, only the SHA-256 digest of the
 * action's canonical form ({@link Decision#actionDigest()}), so secrets in arguments cannot reach an
 * audit log by construction; the digest still lets an auditor match a record to a call they hold.
 *
 * @param time when the event happened, from the engine's clock
 * @param kind what happened
 * @param agent the agent, or {@code null} for policy events and for actions too malformed to name one
 * @param workflow the workflow class, or {@code null} where {@code agent} is
 * @param actionDigest SHA-256 (hex) of the action, or {@code null} for events that concern no action
 * @param verdict the decision's verdict, or {@code null} for events that are not decisions
 * @param reasonCodes stable reason codes ({@link ReasonCode#code()}), strictest first
 * @param ruleIds distinct rule ids of the reasons, in order
 * @param lane the pair's lane name (for promotions and demotions: the new lane), or {@code null}
 * @param policyVersion version of the policy in force (for a reload: the new one)
 * @param approver who approved, promoted, reset, granted or revoked, or {@code null}
 * @param detail free text for people (never arguments); empty when there is nothing to add
 */
public record AuditEntry(Instant time, AuditRecord.Kind kind, @Nullable String agent, @Nullable String workflow,
    @Nullable String actionDigest, @Nullable Verdict verdict, List<String> reasonCodes, List<String> ruleIds,
    @Nullable String lane, String policyVersion, @Nullable String approver, String detail) {

  /** Checks for null and copies the lists. */
  public AuditEntry {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(kind, "kind");
    reasonCodes = List.copyOf(reasonCodes);
    ruleIds = List.copyOf(ruleIds);
    Objects.requireNonNull(policyVersion, "policyVersion");
    Objects.requireNonNull(detail, "detail");
  }

  /**
   * The entry for a decision.
   *
   * @param key the pair that asked, or {@code null} if the action was too malformed to name one
   * @param decision the decision
   */
  public static AuditEntry decision(@Nullable AgentKey key, Decision decision) {
    Objects.requireNonNull(decision, "decision");
    List<String> codes = new ArrayList<>(decision.reasons().size());
    for (Reason r : decision.reasons()) {
      codes.add(r.code().code());
    }
    Lane lane = decision.lane();
    return new AuditEntry(decision.time(), AuditRecord.Kind.DECISION, key == null ? null : key.agent(),
        key == null ? null : key.workflow(), decision.actionDigest(), decision.verdict(), codes,
        decision.ruleIds(), lane == null ? null : lane.name(), decision.policyVersion(), decision.approver(),
        "decision " + decision.id() + (decision.shadow() ? " (shadow)" : ""));
  }

  /**
   * The entry for a permitted tool call that ran or threw: the action's digest and the verdict of the
   * decision that permitted it, so that an auditor can pair the two; the failure's class and message
   * (at most 200 characters), never the tool's output.
   *
   * @param time when the call ended
   * @param execution what ran
   */
  public static AuditEntry execution(Instant time, Execution execution) {
    Objects.requireNonNull(execution, "execution");
    Decision d = execution.decision();
    Action a = execution.action();
    String failure = execution.failure();
    if (failure != null && failure.length() > 200) {
      failure = failure.substring(0, 200) + "...";
    }
    Lane lane = d.lane();
    return new AuditEntry(time, AuditRecord.Kind.EXECUTION, a.agent(), a.workflow(), d.actionDigest(), d.verdict(),
        List.of(), List.of(), lane == null ? null : lane.name(), d.policyVersion(), d.approver(),
        "decision " + d.id() + (execution.succeeded() ? " ran" : " failed") + " in "
            + execution.duration().toMillis() + " ms" + (failure == null ? "" : ": " + failure));
  }

  /**
   * The entry for an event that is not a decision (promotion, halt, grant, policy reload ...).
   *
   * @param time when it happened
   * @param kind what happened; not {@link AuditRecord.Kind#DECISION} nor {@link AuditRecord.Kind#EXECUTION}
   * @param key the pair concerned, or {@code null} for policy events
   * @param lane the pair's (new) lane name, or {@code null}
   * @param policyVersion version of the policy in force
   * @param approver the person who did it, or {@code null}
   * @param detail free text for people
   * @throws IllegalArgumentException if {@code kind} is {@code DECISION}
   */
  public static AuditEntry event(Instant time, AuditRecord.Kind kind, @Nullable AgentKey key, @Nullable String lane,
      String policyVersion, @Nullable String approver, String detail) {
    if (kind == AuditRecord.Kind.DECISION || kind == AuditRecord.Kind.EXECUTION) {
      throw new IllegalArgumentException("kind must not be " + kind.code() + " for an event; use AuditEntry."
          + (kind == AuditRecord.Kind.DECISION ? "decision" : "execution"));
    }
    return new AuditEntry(time, kind, key == null ? null : key.agent(), key == null ? null : key.workflow(), null,
        null, List.of(), List.of(), lane, policyVersion, approver, detail);
  }
}
