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
   * Holds again a grant that {@link #list()} returned, perhaps in another process: same id, scope, action
   * digest, approver, issue and expiry times, and the remaining uses of the snapshot. For keeping grants
   * between runs (a state file written from {@link #list()} when a process ends, restored when the next
   * starts). Listeners do not hear of it and no audit entry is written: the grant was issued, and audited,
   * once.
   *
   * <p>A grant that can no longer apply (no use left, or expired by the engine's clock) is not held.
   *
   * @return whether the grant is held, that is, whether it can still apply
   * @throws IllegalArgumentException if the grant is inconsistent (an exact-action grant without its
   *     digest or with more than one use, a calls grant with more uses than calls or a window grant
   *     without its expiry, a limited grant without a limit), or this engine already holds a grant with
   *     its id
   */
  boolean restore(Grant grant);

  /**
   * Revokes a grant.
   *
   * @return whether a grant with that id could still apply (a used-up or expired grant cannot)
   */
  boolean revoke(String grantId, String by);
}
