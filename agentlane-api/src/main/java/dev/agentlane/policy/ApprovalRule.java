package dev.agentlane.policy;

import java.util.Objects;

/**
 * Requires a human to approve actions in a scope: they escalate ({@code approval-required}) with an
 * {@code owner-review} obligation naming the approvers, until an approval or a grant allows them.
 *
 * <p>Immutable.
 *
 * @param id the rule id
 * @param scope the actions it applies to
 * @param approvers who must approve, such as {@code team:platform}
 */
public record ApprovalRule(String id, Scope scope, String approvers) {
  /** Checks for null. */
  public ApprovalRule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(approvers, "approvers");
  }
}
