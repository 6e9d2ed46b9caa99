package dev.agentlane;

import java.util.Objects;

/**
 * Thrown by an {@link dev.agentlane.spi.AuditSink} that cannot accept or keep an audit entry: its
 * file cannot be written or forced, its queue is full in fail-closed mode, it is closed, or its file
 * is damaged. An engine turns it into {@code DENY}: an action that cannot be audited does not run.
 */
public class AuditException extends AgentLaneException {
  private static final long serialVersionUID = 1L;

  /** Why a sink refused or failed. Persisted and printed by {@link #code()}, never by ordinal. */
  public enum Failure {
    /** Writing or forcing the audit file failed; the sink refuses every entry from then on. */
    IO_ERROR("io-error"),
    /** The sink's bounded queue is full and the sink fails closed rather than wait or drop. */
    QUEUE_FULL("queue-full"),
    /** The sink was closed, or the waiting thread was interrupted before the entry was accepted. */
    CLOSED("closed"),
    /** The existing audit file is damaged or in use, so the chain cannot be continued safely. */
    CORRUPT("corrupt");

    private final String code;

    Failure(String code) {
      this.code = code;
    }

    /** The stable lower-case code. */
    public String code() {
      return code;
    }
  }

  private final Failure failure;

  /** An exception for a failure, with a message. */
  public AuditException(Failure failure, String message) {
    super(message);
    this.failure = Objects.requireNonNull(failure, "failure");
  }

  /** An exception for a failure, with a message and a cause. */
  public AuditException(Failure failure, String message, Throwable cause) {
    super(message, cause);
    this.failure = Objects.requireNonNull(failure, "failure");
  }

  /** Why the sink refused or failed. */
  public Failure failure() {
    return failure;
  }
}
