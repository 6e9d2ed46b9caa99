package dev.agentlane.testkit.suite;

import dev.agentlane.Decision;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The outcome of running a {@link PolicySuite}: one {@link CaseResult} per case, in file order, and the
 * rule coverage of the decisions.
 *
 * <p>Immutable, so thread-safe.
 */
public final class SuiteResult {
  private final PolicySuite suite;
  private final List<CaseResult> results;
  private final RuleCoverage coverage;

  SuiteResult(PolicySuite suite, List<CaseResult> results) {
    this.suite = Objects.requireNonNull(suite, "suite");
    this.results = List.copyOf(results);
    this.coverage = RuleCoverage.of(suite.policy(), results.stream().map(CaseResult::decision).toList());
  }

  /** The suite that ran. */
  public PolicySuite suite() {
    return suite;
  }

  /** Every case's result, in file order. */
  public List<CaseResult> results() {
    return results;
  }

  /** The results of the cases that failed. */
  public List<CaseResult> failures() {
    return results.stream().filter(r -> !r.passed()).toList();
  }

  /** Whether every case passed. */
  public boolean passed() {
    return results.stream().allMatch(CaseResult::passed);
  }

  /** The decisions, in case order. */
  public List<Decision> decisions() {
    return results.stream().map(CaseResult::decision).toList();
  }

  /** Which of the policy's rules the suite exercised. */
  public RuleCoverage coverage() {
    return coverage;
  }

  /** A report: a summary line, every failure with its decision explanation, and the rule coverage. */
  public String report() {
    long failed = failures().size();
    StringBuilder sb = new StringBuilder();
    sb.append("suite ").append(suite.name()).append(": ").append(results.size() - failed).append(" passed, ")
        .append(failed).append(" failed\n");
    sb.append(failures().stream().map(CaseResult::message).collect(Collectors.joining("\n")));
    if (failed > 0) {
      sb.append('\n');
    }
    sb.append(coverage.report());
    return sb.toString();
  }

  @Override
  public String toString() {
    return "SuiteResult{" + suite.name() + ", " + results.size() + " cases, " + failures().size() + " failed}";
  }
}
