package dev.agentlane;

import java.util.Objects;

/**
 * Why a decision came out as it did: a stable code, the id of the rule that produced it, the verdict
 * that rule asked for, and a message for people.
 *
 * <p>Immutable.
 *
 * @param code stable machine code
 * @param ruleId id of the policy rule, stop condition or stage that produced the reason, such as
 *     {@code stop.secrets} or {@code lane-check}
 * @param verdict the verdict this reason asks for
 * @param message a one-line explanation for people
 */
public record Reason(ReasonCode code, String ruleId, Verdict verdict, String message) {
  /** Checks for null. */
  public Reason {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(message, "message");
  }

  /** A reason. */
  public static Reason of(ReasonCode code, String ruleId, Verdict verdict, String message) {
    return new Reason(code, ruleId, verdict, message);
  }

  @Override
  public String toString() {
    return verdict.code() + " " + code.code() + " [" + ruleId + "]: " + message;
  }
}
