package dev.agentlane.promotion;

import java.util.Objects;

/**
 * Whether one promotion criterion holds, and the evidence in words, such as
 * {@code clean rate lower bound 0.91 ≥ 0.90} or {@code 2 of 3 release cycles}.
 *
 * <p>Immutable. {@link #name()} is one of the stable names below.
 *
 * @param name the criterion's stable name
 * @param holds whether it holds
 * @param detail the evidence, for people
 */
public record CriterionResult(String name, boolean holds, String detail) {
  /** There is a lane above the current one. */
  public static final String NEXT_LANE = "next-lane";
  /** The pair is not halted. */
  public static final String NOT_HALTED = "not-halted";
  /** At least {@link PromotionCriteria#minObservations()} reviews in the lane. */
  public static final String OBSERVATIONS = "min-observations";
  /** At least {@link PromotionCriteria#minReleaseCycles()} release cycles in the lane. */
  public static final String RELEASE_CYCLES = "min-release-cycles";
  /** At least {@link PromotionCriteria#minTimeInLane()} in the lane. */
  public static final String TIME_IN_LANE = "min-time-in-lane";
  /** The clean-review rate's lower confidence bound reaches {@link PromotionCriteria#minCleanRateLowerBound()}. */
  public static final String CLEAN_RATE = "clean-rate";
  /** The rework rate's upper confidence bound stays within {@link PromotionCriteria#maxReworkUpperBound()}. */
  public static final String REWORK_RATE = "rework-rate";
  /** No severe incident within {@link PromotionCriteria#severeIncidentWindow()}. */
  public static final String SEVERE_INCIDENTS = "no-severe-incident";

  /** Checks for null and a blank name. */
  public CriterionResult {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(detail, "detail");
    if (name.isBlank()) {
      throw new IllegalArgumentException("criterion name must not be blank");
    }
  }

  @Override
  public String toString() {
    return (holds ? "✓ " : "✗ ") + detail;
  }
}
