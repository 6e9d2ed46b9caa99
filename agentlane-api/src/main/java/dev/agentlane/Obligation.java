package dev.agentlane;

import java.util.Objects;

/**
 * A condition attached to a decision that the runtime must honour when it runs the action, such as
 * {@code sandbox} (run in an isolated environment) or {@code owner-review} (a named team reviews).
 *
 * <p>Immutable.
 *
 * @param code stable code, such as {@code owner-review}
 * @param detail the parameter, such as the reviewing team; may be empty
 * @param ruleId the policy rule that attached it
 */
public record Obligation(String code, String detail, String ruleId) {
  /** Checks for null. */
  public Obligation {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(ruleId, "ruleId");
  }

  /** An obligation. */
  public static Obligation of(String code, String detail, String ruleId) {
    return new Obligation(code, detail, ruleId);
  }
}
