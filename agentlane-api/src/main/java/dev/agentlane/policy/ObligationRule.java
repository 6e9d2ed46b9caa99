package dev.agentlane.policy;

import java.util.Objects;

/**
 * Attaches an obligation to every decision in a scope, such as {@code sandbox} for sandboxed
 * capabilities.
 *
 * <p>Immutable.
 *
 * @param id the rule id
 * @param scope the actions it applies to
 * @param code the obligation code
 * @param detail its parameter
 */
public record ObligationRule(String id, Scope scope, String code, String detail) {
  /** Checks for null. */
  public ObligationRule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(detail, "detail");
  }
}
