package dev.agentlane.spi;

import dev.agentlane.GrantScope;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An approver's answer: approved with a grant scope, or refused.
 *
 * <p>Immutable.
 *
 * @param approved whether the action is approved
 * @param approver who answered; never blank
 * @param scope how far the approval reaches, or {@code null} when refused
 * @param reason the approver's reason
 */
public record Approval(boolean approved, String approver, @Nullable GrantScope scope, String reason) {
  /** Validates consistency. */
  public Approval {
    Objects.requireNonNull(approver, "approver");
    Objects.requireNonNull(reason, "reason");
    if (approver.isBlank()) {
      throw new IllegalArgumentException("an approval must name its approver");
    }
    if (approved && scope == null) {
      throw new IllegalArgumentException("an approval must have a grant scope");
    }
  }

  /** Approves, with the reach of the resulting grant. */
  public static Approval approve(String approver, GrantScope scope, String reason) {
    return new Approval(true, approver, Objects.requireNonNull(scope, "scope"), reason);
  }

  /** Approves this exact action once. */
  public static Approval approveOnce(String approver, String reason) {
    return approve(approver, GrantScope.exactAction(), reason);
  }

  /** Refuses. */
  public static Approval refuse(String approver, String reason) {
    return new Approval(false, approver, null, reason);
  }
}
