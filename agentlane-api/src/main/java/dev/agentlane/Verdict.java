package dev.agentlane;

/**
 * The outcome of a decision, ordered from most to least permissive.
 *
 * <p>Immutable. When several stages of a decision disagree, the strictest verdict wins:
 * {@code HALT > DENY > ESCALATE > ALLOW} (see {@link #strictest(Verdict, Verdict)}).
 */
public enum Verdict {
  /** The action may run. */
  ALLOW("allow", 0),
  /** The action may run only after a human approves it. */
  ESCALATE("escalate", 1),
  /** The action must not run. */
  DENY("deny", 2),
  /** The action must not run, and the agent/workflow pair is halted until a human resets it. */
  HALT("halt", 3);

  private final String code;
  private final int severity;

  Verdict(String code, int severity) {
    this.code = code;
    this.severity = severity;
  }

  /** The stable lower-case code used in files, logs and audit records. */
  public String code() {
    return code;
  }

  /** 0 for ALLOW up to 3 for HALT; larger is stricter. */
  public int severity() {
    return severity;
  }

  /** Whether this verdict is at least as strict as {@code other}. */
  public boolean isAtLeast(Verdict other) {
    return severity >= other.severity;
  }

  /** The stricter of two verdicts. */
  public static Verdict strictest(Verdict a, Verdict b) {
    return a.severity >= b.severity ? a : b;
  }

  /**
   * The verdict with the given code.
   *
   * @throws IllegalArgumentException if no verdict has that code
   */
  public static Verdict ofCode(String code) {
    for (Verdict v : values()) {
      if (v.code.equals(code)) {
        return v;
      }
    }
    throw new IllegalArgumentException("unknown verdict '" + code + "'; expected one of allow, escalate, deny, halt");
  }
}
