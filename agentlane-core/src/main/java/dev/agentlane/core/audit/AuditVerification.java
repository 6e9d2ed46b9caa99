package dev.agentlane.core.audit;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The result of {@link AuditVerifier#verify}: how many records verified, the head they reach, and
 * the first problem, if any.
 *
 * <p>Immutable.
 *
 * @param records records that verified, from the first line up to the first problem
 * @param head the last of those records ({@link AuditHead#EMPTY} if none)
 * @param problem the first problem found, or {@code null} if the whole file verified
 */
public record AuditVerification(long records, AuditHead head, @Nullable Problem problem) {
  /** Checks for null. */
  public AuditVerification {
    Objects.requireNonNull(head, "head");
  }

  /** Whether the whole file verified (and matched the expected head, when one was given). */
  public boolean ok() {
    return problem == null;
  }

  /** What is wrong with a log. Printed by {@link #code()}, never by ordinal. */
  public enum Kind {
    /** A record's content no longer matches its hash, or a record was altered and rehashed. */
    EDITED("edited"),
    /** Records appear out of order. */
    REORDERED("reordered"),
    /** Records are missing from the middle or the start. */
    DELETED("deleted"),
    /** A record that does not belong (a copy, or one nothing chains to) was inserted. */
    INSERTED("inserted"),
    /** Records are missing from the end (detectable only against an expected head). */
    TRUNCATED("truncated"),
    /** A line is not a well-formed record (broken JSON, missing or unknown fields). */
    MALFORMED("malformed"),
    /** The last line is incomplete: a write was interrupted. Opening a sink on the file removes it. */
    TORN("torn");

    private final String code;

    Kind(String code) {
      this.code = code;
    }

    /** The stable lower-case code. */
    public String code() {
      return code;
    }
  }

  /**
   * The first bad record.
   *
   * @param kind what is wrong
   * @param line 1-based line number of the first bad record (for truncation: the line after the last)
   * @param seq the sequence number concerned, or 0 when the line has none
   * @param message what is wrong, for people
   */
  public record Problem(Kind kind, long line, long seq, String message) {
    /** Checks for null. */
    public Problem {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
      return kind.code() + " at line " + line + ": " + message;
    }
  }
}
