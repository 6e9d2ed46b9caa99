package dev.agentlane.promotion;

import dev.agentlane.AgentKey;
import dev.agentlane.Lane;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Whether a pair may move one lane up, with every criterion's result.
 *
 * <p>Immutable. Eligible exactly when there is a lane above and every criterion holds.
 *
 * @param key the agent and workflow
 * @param from the lane it stands in
 * @param to the lane one up, or {@code null} if {@code from} is the top lane
 * @param eligible whether the pair may be promoted now
 * @param criteria every criterion's result, in evaluation order
 * @param evaluatedAt when the criteria were judged
 */
public record PromotionProposal(
    AgentKey key, Lane from, @Nullable Lane to, boolean eligible, List<CriterionResult> criteria, Instant evaluatedAt) {

  /**
   * Checks for null, copies the criteria, and checks that {@code eligible} agrees with them.
   *
   * @throws IllegalArgumentException if {@code eligible} disagrees with {@code to} and the criteria
   */
  public PromotionProposal {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(from, "from");
    criteria = List.copyOf(criteria);
    Objects.requireNonNull(evaluatedAt, "evaluatedAt");
    boolean all = to != null && criteria.stream().allMatch(CriterionResult::holds);
    if (eligible != all) {
      throw new IllegalArgumentException("eligible was " + eligible + " but the lane above and criteria say " + all);
    }
    if (to != null && to.rank() <= from.rank()) {
      throw new IllegalArgumentException("a promotion goes up, but " + from + " → " + to + " does not");
    }
  }

  /** The criteria that do not hold; empty when eligible. */
  public List<CriterionResult> failing() {
    return criteria.stream().filter(c -> !c.holds()).collect(Collectors.toUnmodifiableList());
  }

  /** Every criterion's detail, joined by {@code "; "}, such as {@code 2 of 3 release cycles; …}. */
  public String explain() {
    return criteria.stream().map(CriterionResult::detail).collect(Collectors.joining("; "));
  }

  @Override
  public String toString() {
    return key + " " + from + " → " + (to == null ? "(top lane)" : to.name()) + ": "
        + (eligible ? "eligible" : "not eligible") + " (" + explain() + ")";
  }
}
