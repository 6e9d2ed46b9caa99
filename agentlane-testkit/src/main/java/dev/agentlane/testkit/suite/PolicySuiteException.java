package dev.agentlane.testkit.suite;

import dev.agentlane.AgentLaneException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when a policy test suite cannot be loaded. It lists every problem found, each with its
 * {@code file:line:column}, not only the first.
 *
 * <p>Immutable once thrown; safe to share between threads.
 */
public final class PolicySuiteException extends AgentLaneException {
  private static final long serialVersionUID = 1L;
  private final List<SuiteProblem> problems;

  /**
   * An exception listing the problems.
   *
   * @throws IllegalArgumentException if {@code problems} is empty
   */
  public PolicySuiteException(List<SuiteProblem> problems) {
    super(format(problems));
    this.problems = List.copyOf(problems);
  }

  /** Every problem, in file order. */
  public List<SuiteProblem> problems() {
    return problems;
  }

  private static String format(List<SuiteProblem> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a PolicySuiteException needs at least one problem");
    }
    return "invalid policy test suite: " + problems.size() + (problems.size() == 1 ? " problem" : " problems") + "\n"
        + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n"));
  }
}
