package dev.agentlane;

/**
 * The root of every exception agentlane throws. Unchecked: agentlane throws for misuse and failure,
 * never for a refused action (a refusal is a {@link Decision}).
 */
public class AgentLaneException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception with a message. */
  public AgentLaneException(String message) {
    super(message);
  }

  /** An exception with a message and a cause. */
  public AgentLaneException(String message, Throwable cause) {
    super(message, cause);
  }
}
