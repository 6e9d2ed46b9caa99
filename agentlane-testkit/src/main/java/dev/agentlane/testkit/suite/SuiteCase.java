package dev.agentlane.testkit.suite;

import dev.agentlane.Action;
import dev.agentlane.ReasonCode;
import dev.agentlane.Verdict;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One test case of a {@link PolicySuite}: an action, the lane its pair stands in, and what the policy
 * is expected to decide.
 *
 * <p>Immutable, so thread-safe.
 *
 * @param name the case's name, unique within its suite
 * @param lane the lane the pair is put in before the decision, or {@code null} for the policy's default lane
 * @param action the action to decide
 * @param expect the expected verdict
 * @param reasons reason codes that must all be among the decision's reasons (may be empty)
 * @param rules rule ids that must all be among the decision's reasons (may be empty)
 * @param source the suite file
 * @param line 1-based line of the case in the file
 * @param column 1-based column of the case in the file
 */
public record SuiteCase(
    String name,
    @Nullable String lane,
    Action action,
    Verdict expect,
    List<ReasonCode> reasons,
    List<String> rules,
    String source,
    int line,
    int column) {

  /** Copies the lists and checks for null. */
  public SuiteCase {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(expect, "expect");
    reasons = List.copyOf(reasons);
    rules = List.copyOf(rules);
    Objects.requireNonNull(source, "source");
  }

  /** {@code file:line:column} of the case. */
  public String location() {
    return source + ":" + line + ":" + column;
  }

  /** What the case expects, in words: {@code DENY with reason sensitive-path and rule stop.secrets}. */
  public String expectation() {
    StringBuilder sb = new StringBuilder(expect.name());
    if (!reasons.isEmpty()) {
      sb.append(" with reason ").append(String.join(", ", reasons.stream().map(ReasonCode::code).toList()));
    }
    if (!rules.isEmpty()) {
      sb.append(reasons.isEmpty() ? " with" : " and").append(" rule ").append(String.join(", ", rules));
    }
    return sb.toString();
  }
}
