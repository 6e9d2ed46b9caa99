package dev.agentlane.promotion;

import java.util.Objects;

/**
 * How a human review of the pair's work ended.
 *
 * <p>Immutable. Persisted and printed through {@link #code()}, never the ordinal.
 */
public enum ReviewResult {
  /** Accepted as submitted. */
  CLEAN("clean"),
  /** Accepted after changes the reviewer asked for. */
  CHANGES_REQUESTED("changes-requested"),
  /** Not accepted. */
  REJECTED("rejected");

  private final String code;

  ReviewResult(String code) {
    this.code = code;
  }

  /** The stable machine code, such as {@code changes-requested}. */
  public String code() {
    return code;
  }

  /**
   * The result with a code.
   *
   * @throws IllegalArgumentException if no result has that code
   */
  public static ReviewResult fromCode(String code) {
    Objects.requireNonNull(code, "code");
    for (ReviewResult r : values()) {
      if (r.code.equals(code)) {
        return r;
      }
    }
    throw new IllegalArgumentException("review result must be one of clean, changes-requested, rejected but was '"
        + code + "'");
  }
}
