package dev.agentlane.spi;

import dev.agentlane.Action;
import dev.agentlane.AgentKey;
import dev.agentlane.Capability;
import dev.agentlane.Lane;
import dev.agentlane.Reason;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What an {@link ApprovalHandler} is asked to approve.
 *
 * <p>Immutable.
 *
 * @param action the action
 * @param key its agent and workflow
 * @param lane the pair's lane
 * @param capabilities the capabilities it needs
 * @param reasons why it escalated
 * @param actionDigest the action's digest (what an exact-action grant covers)
 * @param timeout how long the engine waits for an answer before it denies
 */
public record ApprovalRequest(
    Action action,
    AgentKey key,
    Lane lane,
    List<Capability> capabilities,
    List<Reason> reasons,
    String actionDigest,
    Duration timeout) {
  /** Checks for null and copies the lists. */
  public ApprovalRequest {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(lane, "lane");
    capabilities = List.copyOf(capabilities);
    reasons = List.copyOf(reasons);
    Objects.requireNonNull(actionDigest, "actionDigest");
    Objects.requireNonNull(timeout, "timeout");
  }
}
