package dev.agentlane;

import java.util.List;

/**
 * The grants an engine holds: issued by an {@link dev.agentlane.spi.ApprovalHandler} or by a human
 * through {@link #issue}, listed, and revoked.
 *
 * <p>Thread-safe. Consuming a use is atomic: a grant of N calls allows at most N actions, however
 * many threads decide at once.
 */
public interface Grants {
  /**
   * Issues a grant for the action's agent, workflow and tool, scoped as given.
   *
   * @throws IllegalArgumentException if the action is malformed, or the scope is a {@code Task}
   *     scope and the action has another run id
   */
  Grant issue(Action action, GrantScope scope, String approver, String reason);

  /** All grants that can still apply, oldest first. */
  List<Grant> list();

  /** The grants of one agent and workflow that can still apply. */
  List<Grant> list(AgentKey key);

  /**
   * Revokes a grant.
   *
   * @return whether a grant with that id could still apply (a used-up or expired grant cannot)
   */
  boolean revoke(String grantId, String by);
}
