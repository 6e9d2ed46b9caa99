package dev.agentlane;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when a policy is invalid. It lists every problem found, not only the first; an engine that
 * rejects a policy keeps the policy it had.
 */
public final class PolicyException extends AgentLaneException {
  private static final long serialVersionUID = 1L;
  private final List<PolicyProblem> problems;

  /**
   * An exception listing the problems.
   *
   * @throws IllegalArgumentException if {@code problems} is empty
   */
  public PolicyException(List<PolicyProblem> problems) {
    super(format(problems));
    this.problems = List.copyOf(problems);
  }

  /** Every problem found, in document order. */
  public List<PolicyProblem> problems() {
    return problems;
  }

  private static String format(List<PolicyProblem> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a PolicyException needs at least one problem");
    }
    return "invalid policy: " + problems.size() + (problems.size() == 1 ? " problem" : " problems") + "\n"
        + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n"));
  }
}
