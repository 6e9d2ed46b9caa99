package dev.agentlane.promotion;

import java.time.Duration;
import java.util.Objects;

/**
 * What a pair must show in its lane before it may move one lane up: enough reviews over enough
 * release cycles and time, a clean-review rate whose <em>lower</em> confidence bound is high, a
 * rework rate (rework and reverts per review) whose <em>upper</em> confidence bound is low, and no
 * severe incident in a window.
 *
 * <p>Immutable. Judging rates by a confidence bound (Wilson score interval) rather than by the
 * observed rate is what makes 3 clean reviews of 3 weaker evidence than 95 of 100: at 95 % the
 * former's lower bound is 0.44, the latter's 0.89.
 *
 * <pre>{@code
 * PromotionCriteria strict = PromotionCriteria.builder().minObservations(50).minCleanRateLowerBound(0.9).build();
 * }</pre>
 *
 * @param minObservations reviews needed in the lane, at least 1
 * @param minReleaseCycles release-cycle boundaries needed in the lane, at least 0
 * @param minTimeInLane time needed in the lane, not negative
 * @param minCleanRateLowerBound the least acceptable lower bound of clean reviews / reviews, in [0, 1]
 * @param maxReworkUpperBound the greatest acceptable upper bound of (rework + reverts) / reviews, in [0, 1]
 * @param confidence the two-sided confidence level of both bounds, in (0, 1), such as 0.95
 * @param severeIncidentWindow how long after a severe incident promotion stays closed, not negative
 */
public record PromotionCriteria(
    int minObservations,
    int minReleaseCycles,
    Duration minTimeInLane,
    double minCleanRateLowerBound,
    double maxReworkUpperBound,
    double confidence,
    Duration severeIncidentWindow) {

  private static final PromotionCriteria DEFAULTS = new Builder().build();

  /**
   * Validates every option.
   *
   * @throws IllegalArgumentException naming the option, its rule and its value
   */
  public PromotionCriteria {
    checkMinObservations(minObservations);
    checkMinReleaseCycles(minReleaseCycles);
    checkDuration("minTimeInLane", minTimeInLane);
    checkUnit("minCleanRateLowerBound", minCleanRateLowerBound);
    checkUnit("maxReworkUpperBound", maxReworkUpperBound);
    checkConfidence(confidence);
    checkDuration("severeIncidentWindow", severeIncidentWindow);
  }

  /**
   * The defaults, following "promote only the workflows that show clean review pass rates and low
   * hidden rework over several release cycles": 20 reviews, 3 release cycles, 14 days in the lane, a
   * clean-rate lower bound of at least 0.85, a rework upper bound of at most 0.20, both at 95 %
   * confidence, and no severe incident in the last 30 days.
   */
  public static PromotionCriteria defaults() {
    return DEFAULTS;
  }

  /** A builder starting from the {@linkplain #defaults() defaults}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from {@code base}. */
  public static Builder from(PromotionCriteria base) {
    Objects.requireNonNull(base, "base");
    return new Builder()
        .minObservations(base.minObservations)
        .minReleaseCycles(base.minReleaseCycles)
        .minTimeInLane(base.minTimeInLane)
        .minCleanRateLowerBound(base.minCleanRateLowerBound)
        .maxReworkUpperBound(base.maxReworkUpperBound)
        .confidence(base.confidence)
        .severeIncidentWindow(base.severeIncidentWindow);
  }

  /**
   * Builds {@link PromotionCriteria}, validating each option as it is set. Not thread-safe;
   * {@link #build()} leaves the builder reusable.
   */
  public static final class Builder {
    private int minObservations = 20;
    private int minReleaseCycles = 3;
    private Duration minTimeInLane = Duration.ofDays(14);
    private double minCleanRateLowerBound = 0.85;
    private double maxReworkUpperBound = 0.20;
    private double confidence = 0.95;
    private Duration severeIncidentWindow = Duration.ofDays(30);

    private Builder() {}

    /**
     * Reviews needed in the lane (20 by default).
     *
     * @throws IllegalArgumentException if not &gt; 0
     */
    public Builder minObservations(int reviews) {
      checkMinObservations(reviews);
      this.minObservations = reviews;
      return this;
    }

    /**
     * Release cycles needed in the lane (3 by default).
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder minReleaseCycles(int cycles) {
      checkMinReleaseCycles(cycles);
      this.minReleaseCycles = cycles;
      return this;
    }

    /**
     * Time needed in the lane (14 days by default).
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder minTimeInLane(Duration time) {
      checkDuration("minTimeInLane", time);
      this.minTimeInLane = time;
      return this;
    }

    /**
     * Days needed in the lane; shorthand for {@link #minTimeInLane(Duration)}.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder minDaysInLane(long days) {
      if (days < 0) {
        throw new IllegalArgumentException("minDaysInLane must be >= 0 but was " + days);
      }
      return minTimeInLane(Duration.ofDays(days));
    }

    /**
     * The least acceptable lower confidence bound of the clean-review rate (0.85 by default).
     *
     * @throws IllegalArgumentException if outside [0, 1]
     */
    public Builder minCleanRateLowerBound(double bound) {
      checkUnit("minCleanRateLowerBound", bound);
      this.minCleanRateLowerBound = bound;
      return this;
    }

    /**
     * The greatest acceptable upper confidence bound of the rework rate (0.20 by default).
     *
     * @throws IllegalArgumentException if outside [0, 1]
     */
    public Builder maxReworkUpperBound(double bound) {
      checkUnit("maxReworkUpperBound", bound);
      this.maxReworkUpperBound = bound;
      return this;
    }

    /**
     * The two-sided confidence level of both bounds (0.95 by default).
     *
     * @throws IllegalArgumentException if not strictly between 0 and 1
     */
    public Builder confidence(double level) {
      checkConfidence(level);
      this.confidence = level;
      return this;
    }

    /**
     * How long after a severe incident promotion stays closed (30 days by default).
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder severeIncidentWindow(Duration window) {
      checkDuration("severeIncidentWindow", window);
      this.severeIncidentWindow = window;
      return this;
    }

    /** The criteria. */
    public PromotionCriteria build() {
      return new PromotionCriteria(minObservations, minReleaseCycles, minTimeInLane, minCleanRateLowerBound,
          maxReworkUpperBound, confidence, severeIncidentWindow);
    }
  }

  private static void checkMinObservations(int value) {
    if (value <= 0) {
      throw new IllegalArgumentException("minObservations must be > 0 but was " + value);
    }
  }

  private static void checkMinReleaseCycles(int value) {
    if (value < 0) {
      throw new IllegalArgumentException("minReleaseCycles must be >= 0 but was " + value);
    }
  }

  private static void checkDuration(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative but was " + value);
    }
  }

  private static void checkUnit(String name, double value) {
    if (!(value >= 0.0 && value <= 1.0)) {
      throw new IllegalArgumentException(name + " must be between 0 and 1 but was " + value);
    }
  }

  private static void checkConfidence(double value) {
    if (!(value > 0.0 && value < 1.0)) {
      throw new IllegalArgumentException("confidence must be > 0 and < 1 but was " + value);
    }
  }
}
