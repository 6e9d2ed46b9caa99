package dev.agentlane;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One record of a hash-chained audit log: an {@link AuditEntry} with its sequence number, the hash of
 * the record before it and its own hash. Changing, removing, inserting or reordering a record breaks
 * the chain, which a verifier detects.
 *
 * <p>Immutable. Like the entry it comes from, a record carries no action arguments, only their digest.
 *
 * @param seq sequence number, 1 for the first record of a log, one more for each record after it
 * @param time when the event happened
 * @param kind what happened
 * @param agent the agent, or {@code null}
 * @param workflow the workflow class, or {@code null}
 * @param actionDigest SHA-256 (hex) of the action, or {@code null}
 * @param verdict the decision's verdict, or {@code null}
 * @param reasonCodes stable reason codes
 * @param ruleIds rule ids of the reasons
 * @param lane lane name, or {@code null}
 * @param policyVersion version of the policy in force
 * @param approver who approved or acted, or {@code null}
 * @param detail free text
 * @param previousHash the hash of the record before, or 64 zeros ({@link #GENESIS_HASH}) for the first
 * @param hash SHA-256 (lower-case hex) of this record's canonical form without {@code hash}, followed by
 *     {@code previousHash}
 */
public record AuditRecord(long seq, Instant time, Kind kind, @Nullable String agent, @Nullable String workflow,
    @Nullable String actionDigest, @Nullable Verdict verdict, List<String> reasonCodes, List<String> ruleIds,
    @Nullable String lane, String policyVersion, @Nullable String approver, String detail, String previousHash,
    String hash) {

  /** The previous hash of the first record of a log: 64 zeros. */
  public static final String GENESIS_HASH = "0".repeat(64);

  /** What an audit record records. Persisted by {@link #code()}, never by ordinal. */
  public enum Kind {
    /** A decision on an action. */
    DECISION("decision"),
    /** A pair moved up one lane. */
    PROMOTION("promotion"),
    /** A pair moved down. */
    DEMOTION("demotion"),
    /** A pair was halted. */
    HALT("halt"),
    /** A halt was lifted by a named person. */
    RESET("reset"),
    /** A grant was issued. */
    GRANT("grant"),
    /** A grant was revoked. */
    REVOCATION("revocation"),
    /** The engine switched to a new policy. */
    POLICY_RELOAD("policy-reload"),
    /** A new policy was rejected; the engine kept the previous one. */
    POLICY_REJECTED("policy-rejected"),
    /** A permitted tool call ran or threw. */
    EXECUTION("execution");

    private final String code;

    Kind(String code) {
      this.code = code;
    }

    /** The stable lower-case code used in audit files. */
    public String code() {
      return code;
    }

    /**
     * The kind with the given code.
     *
     * @throws IllegalArgumentException if no kind has that code
     */
    public static Kind ofCode(String code) {
      for (Kind k : values()) {
        if (k.code.equals(code)) {
          return k;
        }
      }
      throw new IllegalArgumentException("unknown audit record kind '" + code + "'");
    }
  }

  /** Checks the sequence number and hashes, checks for null and copies the lists. */
  public AuditRecord {
    if (seq < 1) {
      throw new IllegalArgumentException("seq must be >= 1 but was " + seq);
    }
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(kind, "kind");
    reasonCodes = List.copyOf(reasonCodes);
    ruleIds = List.copyOf(ruleIds);
    Objects.requireNonNull(policyVersion, "policyVersion");
    Objects.requireNonNull(detail, "detail");
    checkHash("previousHash", previousHash);
    checkHash("hash", hash);
  }

  /** The record for an entry. */
  public static AuditRecord of(long seq, AuditEntry e, String previousHash, String hash) {
    return new AuditRecord(seq, e.time(), e.kind(), e.agent(), e.workflow(), e.actionDigest(), e.verdict(),
        e.reasonCodes(), e.ruleIds(), e.lane(), e.policyVersion(), e.approver(), e.detail(), previousHash, hash);
  }

  /** The entry this record was made from. */
  public AuditEntry entry() {
    return new AuditEntry(time, kind, agent, workflow, actionDigest, verdict, reasonCodes, ruleIds, lane,
        policyVersion, approver, detail);
  }

  private static void checkHash(String what, String value) {
    Objects.requireNonNull(value, what);
    if (value.length() != 64) {
      throw new IllegalArgumentException(what + " must be 64 lower-case hex digits but was '" + value + "'");
    }
    for (int i = 0; i < 64; i++) {
      char c = value.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        throw new IllegalArgumentException(what + " must be 64 lower-case hex digits but was '" + value + "'");
      }
    }
  }
}
