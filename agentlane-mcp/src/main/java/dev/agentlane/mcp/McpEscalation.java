package dev.agentlane.mcp;

import dev.agentlane.guard.Escalation;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Who answers an {@code ESCALATE} for one MCP tool call: the {@link Escalation} a guard asks for that call.
 *
 * <p>Implementations must be thread-safe; the escalations they return serve one call on one thread.
 */
@FunctionalInterface
public interface McpEscalation {
  /** The escalation to ask, on {@code ESCALATE}, for this call. */
  Escalation forCall(McpToolCall call);

  /**
   * Asks the connected client's user through MCP elicitation ({@code elicitation/create}): a form with the
   * tool, its arguments and the engine's reasons, and an {@code approve} checkbox. Only an accepted form
   * with {@code approve: true} approves; the approver recorded on the grant is
   * {@code elicitation:<client name>}. A client that did not declare the elicitation capability is not
   * asked, and the call is refused saying so; so is a call nobody answers within {@code timeout} (note that
   * the server's own request timeout, {@code McpServer...requestTimeout}, 10 seconds unless set, also bounds
   * the wait). On the client side there is nobody to elicit from: the call is refused.
   *
   * @throws IllegalArgumentException if {@code timeout} is not positive
   */
  static McpEscalation elicitation(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("the elicitation timeout must be positive but was " + timeout);
    }
    return call -> new ElicitationEscalation(call, timeout);
  }

  /** Nobody is asked: an {@code ESCALATE} refuses unless the engine's own approval handler approved it. */
  static McpEscalation none() {
    return call -> (action, decision) -> Optional.empty();
  }

  /** The same escalation for every call (a host application's own approval UI, a chat message, a ticket). */
  static McpEscalation always(Escalation escalation) {
    Objects.requireNonNull(escalation, "escalation");
    return call -> escalation;
  }
}
