package dev.agentlane;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Who acts and what kind of work it does: trust is earned per (agent, workflow class).
 *
 * <p>Immutable.
 *
 * @param agent the agent's identifier, such as {@code release-bot}
 * @param workflow the workflow class, such as {@code dependency-bumps}
 */
public record AgentKey(String agent, String workflow) {
  /** Validates that both parts are non-blank and free of control characters. */
  public AgentKey {
    Identifiers.check("agent", agent);
    Identifiers.check("workflow", workflow);
  }

  /** The key for an agent and workflow class. */
  public static AgentKey of(String agent, String workflow) {
    return new AgentKey(agent, workflow);
  }

  // Written out rather than generated: keys are looked up on every decision (lanes, rate windows).
  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof AgentKey k && agent.equals(k.agent) && workflow.equals(k.workflow);
  }

  @Override
  public int hashCode() {
    return 31 * agent.hashCode() + workflow.hashCode();
  }

  @Override
  public String toString() {
    return agent + "/" + workflow;
  }

  static final class Identifiers {
    private Identifiers() {}

    static void check(String what, String value) {
      Objects.requireNonNull(value, what);
      if (value.isBlank() || value.length() > 256) {
        throw new IllegalArgumentException(what + " must be 1 to 256 non-blank characters but was '" + value + "'");
      }
      for (int i = 0; i < value.length(); i++) {
        if (Character.isISOControl(value.charAt(i))) {
          throw new IllegalArgumentException(what + " must not contain control characters but was '"
              + value.replaceAll("\\p{Cntrl}", "?") + "'");
        }
      }
    }
  }
}
