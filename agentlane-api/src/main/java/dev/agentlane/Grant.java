package dev.agentlane;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A human approval turned into a permission: scoped to one agent and workflow, one tool, and one
 * {@link GrantScope}. Listable and revocable through {@link Grants}.
 *
 * <p>Immutable snapshot: {@link #remainingUses()} is the count when the snapshot was taken.
 *
 * @param id unique id
 * @param key the agent and workflow it is for
 * @param tool the tool it covers
 * @param scope how far it reaches
 * @param actionDigest the exact action it covers, for {@link GrantScope.ExactAction}, else {@code null}
 * @param approver who approved
 * @param reason why, as the approver stated it
 * @param issuedAt when it was issued
 * @param expiresAt when it stops applying, or {@code null} if only its uses limit it
 * @param remainingUses uses left, or {@code -1} if unlimited within its window
 */
public record Grant(
    String id,
    AgentKey key,
    String tool,
    GrantScope scope,
    @Nullable String actionDigest,
    String approver,
    String reason,
    Instant issuedAt,
    @Nullable Instant expiresAt,
    int remainingUses) {
  /** Checks for null. */
  public Grant {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(approver, "approver");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(issuedAt, "issuedAt");
  }
}
