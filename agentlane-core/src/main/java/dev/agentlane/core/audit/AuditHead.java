package dev.agentlane.core.audit;

import dev.agentlane.AuditRecord;
import java.util.Objects;

/**
 * The position of an audit log: the sequence number and hash of its last record. Kept somewhere else
 * (a checkpoint), it lets {@link AuditVerifier} detect a truncated or rewritten log.
 *
 * <p>Immutable.
 *
 * @param seq the last record's sequence number, 0 for an empty log
 * @param hash the last record's hash, {@link AuditRecord#GENESIS_HASH} for an empty log
 */
public record AuditHead(long seq, String hash) {
  /** The head of an empty log. */
  public static final AuditHead EMPTY = new AuditHead(0, AuditRecord.GENESIS_HASH);

  /** Checks the values. */
  public AuditHead {
    if (seq < 0) {
      throw new IllegalArgumentException("seq must be >= 0 but was " + seq);
    }
    Objects.requireNonNull(hash, "hash");
    if (hash.length() != 64) {
      throw new IllegalArgumentException("hash must be 64 hex digits but was '" + hash + "'");
    }
  }

  /** The head at a record. */
  public static AuditHead of(AuditRecord record) {
    return new AuditHead(record.seq(), record.hash());
  }
}
