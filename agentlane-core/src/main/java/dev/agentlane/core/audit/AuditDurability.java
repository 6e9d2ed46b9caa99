package dev.agentlane.core.audit;

/**
 * When {@link JsonLinesAuditSink#append} returns, and what a crash can cost. No mode drops an entry
 * silently: an entry is either acknowledged or refused with {@link dev.agentlane.AuditException}.
 *
 * <p>Immutable.
 */
public enum AuditDurability {
  /**
   * Each append writes its record and forces the file ({@code FileChannel.force}) before it returns.
   * A crash loses no acknowledged record. One force per record, appends serialized.
   */
  SYNC("sync"),
  /**
   * Appends from concurrent threads are batched by a writer thread: one write and one force per batch,
   * and each append returns after its batch is forced. A crash loses no acknowledged record; under
   * contention the cost of a force is shared.
   */
  GROUP_COMMIT("group-commit"),
  /**
   * Appends go into a bounded queue that a writer thread drains (forcing once per batch); an append
   * returns once queued and <b>blocks while the queue is full</b>. A crash loses what is still queued.
   */
  ASYNC_BLOCK("async-block"),
  /**
   * Like {@link #ASYNC_BLOCK}, but an append to a full queue throws
   * {@link dev.agentlane.AuditException} ({@code queue-full}) at once, so the engine denies the action
   * rather than wait. A crash loses what is still queued.
   */
  ASYNC_FAIL_CLOSED("async-fail-closed");

  private final String code;

  AuditDurability(String code) {
    this.code = code;
  }

  /** The stable lower-case code. */
  public String code() {
    return code;
  }
}
