package dev.agentlane.guard;

import dev.agentlane.Action;
import dev.agentlane.Decision;
import java.util.Objects;
import java.util.Optional;

/**
 * Asks a human, for one call, when the engine answers {@code ESCALATE}: through the client's UI (MCP
 * elicitation), a chat message, a ticket. If the human approves, the {@link ToolGuard} issues a grant for
 * exactly this action, once ({@code GrantScope.exactAction()}), and decides again, so the approval is
 * recorded as a grant with the approver's name and the second decision is the one that counts. An
 * approval never overrides a DENY or a HALT: only an ESCALATE reaches this handler.
 *
 * <p>This complements the engine's own {@code ApprovalHandler}, which answers inside {@code decide()} for
 * every caller; an {@code Escalation} belongs to one integration that can reach a human for this call.
 * Implementations must be thread-safe and should time out on their own; a handler that throws refuses.
 */
@FunctionalInterface
public interface Escalation {
  /**
   * Asks whether {@code action} may run despite {@code decision}.
   *
   * @return the approval, or empty if the human declined or could not be asked
   * @throws Exception anything; the call is then refused
   */
  Optional<Approved> ask(Action action, Decision decision) throws Exception;

  /**
   * A human's approval.
   *
   * @param approver who approved (a name, never blank)
   * @param reason why, as they said it
   */
  record Approved(String approver, String reason) {
    /**
     * Checks for null and a blank approver.
     *
     * @throws IllegalArgumentException if {@code approver} is blank
     */
    public Approved {
      Objects.requireNonNull(approver, "approver");
      Objects.requireNonNull(reason, "reason");
      if (approver.isBlank()) {
        throw new IllegalArgumentException("approver must name a human but was blank");
      }
    }
  }
}
