package dev.agentlane.testkit.suite;

import dev.agentlane.Decision;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one {@link SuiteCase}: the decision the policy made and what, if anything, differed from
 * the expectation.
 *
 * <p>Immutable, so thread-safe.
 *
 * @param testCase the case
 * @param decision the policy's decision
 * @param failures each way the decision missed the expectation; empty if the case passed
 */
public record CaseResult(SuiteCase testCase, Decision decision, List<String> failures) {
  /** Copies the list and checks for null. */
  public CaseResult {
    Objects.requireNonNull(testCase, "testCase");
    Objects.requireNonNull(decision, "decision");
    failures = List.copyOf(failures);
  }

  /** Whether the decision met every expectation. */
  public boolean passed() {
    return failures.isEmpty();
  }

  /**
   * A message for people: on failure, the case, where it is, what was expected, each miss and the whole
   * decision explanation ({@link Decision#explain()}); on success, one line.
   */
  public String message() {
    if (passed()) {
      return "PASS " + testCase.name() + ": " + decision.verdict();
    }
    StringBuilder sb = new StringBuilder();
    sb.append("FAIL ").append(testCase.name()).append(" (").append(testCase.location()).append(")\n");
    sb.append("  expected: ").append(testCase.expectation()).append('\n');
    for (String f : failures) {
      sb.append("  ").append(f).append('\n');
    }
    sb.append("  the decision was:\n");
    for (String line : decision.explain().split("\n", -1)) {
      sb.append("    ").append(line).append('\n');
    }
    if (!decision.obligations().isEmpty()) {
      sb.append("    obligations: ").append(decision.obligations()).append('\n');
    }
    return sb.toString().stripTrailing();
  }

  @Override
  public String toString() {
    return message();
  }
}
