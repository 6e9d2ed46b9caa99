package dev.agentlane.promotion;

import java.util.Objects;

/**
 * How bad an incident was. {@link #HIGH} and {@link #CRITICAL} are <em>severe</em>: recording one
 * demotes the pair one lane at once and blocks promotion for the criteria's severe-incident window.
 *
 * <p>Immutable. Persisted and printed through {@link #code()}, never the ordinal.
 */
public enum Severity {
  /** A minor problem, noticed and fixed in the normal course. */
  LOW("low"),
  /** A problem that needed attention but did no lasting harm. */
  MEDIUM("medium"),
  /** Real harm or a near miss: severe. */
  HIGH("high"),
  /** An outage, data loss or security breach: severe. */
  CRITICAL("critical");

  private final String code;

  Severity(String code) {
    this.code = code;
  }

  /** The stable machine code, such as {@code high}. */
  public String code() {
    return code;
  }

  /** Whether this severity demotes at once and blocks promotion ({@link #HIGH}, {@link #CRITICAL}). */
  public boolean isSevere() {
    return this == HIGH || this == CRITICAL;
  }

  /**
   * The severity with a code.
   *
   * @throws IllegalArgumentException if no severity has that code
   */
  public static Severity fromCode(String code) {
    Objects.requireNonNull(code, "code");
    for (Severity s : values()) {
      if (s.code.equals(code)) {
        return s;
      }
    }
    throw new IllegalArgumentException("severity must be one of low, medium, high, critical but was '" + code + "'");
  }
}
