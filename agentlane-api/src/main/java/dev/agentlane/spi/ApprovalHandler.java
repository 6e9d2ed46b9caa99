package dev.agentlane.spi;

/**
 * Asks a human (or a process acting for one) to approve an escalated action.
 *
 * <p>Implementations must be thread-safe. The engine calls {@link #requestApproval} on its own
 * thread pool, never under a lock, and waits at most the configured timeout: a timeout, an
 * exception or a {@code null} answer makes the decision {@code DENY}. An approval becomes a grant.
 */
@FunctionalInterface
public interface ApprovalHandler {
  /**
   * Asks for approval; may block until a human answers.
   *
   * @return the answer; never {@code null}
   * @throws Exception on failure, which the engine turns into a deny
   */
  Approval requestApproval(ApprovalRequest request) throws Exception;
}
