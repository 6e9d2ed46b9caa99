package dev.agentlane.core.promotion;

import dev.agentlane.Lane;
import dev.agentlane.promotion.CriterionResult;
import dev.agentlane.promotion.OutcomeCounts;
import dev.agentlane.promotion.PairState;
import dev.agentlane.promotion.PromotionCriteria;
import dev.agentlane.promotion.PromotionProposal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Judges a pair's state against promotion criteria: a pure function of state, criteria and time that
 * reports every criterion, holding or not, in a fixed order (next lane, not halted, reviews, release
 * cycles, time in lane, clean rate, rework rate, severe incidents).
 *
 * <p>Thread-safe (stateless).
 */
public final class CriteriaEvaluator {
  private CriteriaEvaluator() {}

  /**
   * The proposal to move {@code state} from its lane to {@code next}.
   *
   * @param state the pair, in the lane it stands in
   * @param next the lane one up, or {@code null} if it stands in the top lane
   * @param criteria the criteria for the move to {@code next}
   * @param now the time of judgement
   */
  public static PromotionProposal evaluate(PairState state, @Nullable Lane next, PromotionCriteria criteria,
      Instant now) {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(criteria, "criteria");
    Objects.requireNonNull(now, "now");
    OutcomeCounts c = state.counts();
    List<CriterionResult> results = new ArrayList<>(8);
    results.add(next == null
        ? new CriterionResult(CriterionResult.NEXT_LANE, false, "already in the top lane " + state.lane().name())
        : new CriterionResult(CriterionResult.NEXT_LANE, true, "next lane " + next.name()));
    results.add(state.halted()
        ? new CriterionResult(CriterionResult.NOT_HALTED, false, "halted: " + state.haltReason())
        : new CriterionResult(CriterionResult.NOT_HALTED, true, "not halted"));
    results.add(atLeast(CriterionResult.OBSERVATIONS, c.reviews(), criteria.minObservations(), "reviews"));
    results.add(atLeast(CriterionResult.RELEASE_CYCLES, c.releaseCycles(), criteria.minReleaseCycles(),
        "release cycles"));
    results.add(timeInLane(Duration.between(state.since(), now), criteria.minTimeInLane()));
    results.add(cleanRate(c, criteria));
    results.add(reworkRate(c, criteria));
    results.add(severeIncidents(state.lastSevereIncidentAt(), criteria.severeIncidentWindow(), now));
    boolean eligible = results.stream().allMatch(CriterionResult::holds);
    return new PromotionProposal(state.key(), state.lane(), next, eligible, results, now);
  }

  private static CriterionResult atLeast(String name, long actual, long min, String what) {
    return actual >= min
        ? new CriterionResult(name, true, actual + " " + what + " ≥ " + min)
        : new CriterionResult(name, false, actual + " of " + min + " " + what);
  }

  private static CriterionResult timeInLane(Duration inLane, Duration min) {
    Duration actual = inLane.isNegative() ? Duration.ZERO : inLane;
    Unit unit = Unit.of(min);
    boolean holds = actual.compareTo(min) >= 0;
    long shown = unit.whole(actual);
    long needed = unit.whole(min);
    return holds
        ? new CriterionResult(CriterionResult.TIME_IN_LANE, true, shown + " " + unit.plural + " in lane ≥ " + needed)
        : new CriterionResult(CriterionResult.TIME_IN_LANE, false,
            shown + " of " + needed + " " + unit.plural + " in lane");
  }

  private static CriterionResult cleanRate(OutcomeCounts c, PromotionCriteria criteria) {
    double lower = WilsonInterval.of(c.clean(), c.reviews(), criteria.confidence()).lower();
    boolean holds = lower >= criteria.minCleanRateLowerBound();
    String[] shown = pair(lower, criteria.minCleanRateLowerBound());
    return new CriterionResult(CriterionResult.CLEAN_RATE, holds, "clean rate lower bound " + shown[0]
        + (holds ? " ≥ " : " < ") + shown[1] + " (" + c.clean() + " of " + c.reviews() + " reviews clean)");
  }

  private static CriterionResult reworkRate(OutcomeCounts c, PromotionCriteria criteria) {
    long reworked = c.rework() + c.reverts();
    double upper = WilsonInterval.of(reworked, c.reviews(), criteria.confidence()).upper();
    boolean holds = upper <= criteria.maxReworkUpperBound();
    String[] shown = pair(upper, criteria.maxReworkUpperBound());
    return new CriterionResult(CriterionResult.REWORK_RATE, holds, "rework rate upper bound " + shown[0]
        + (holds ? " ≤ " : " > ") + shown[1] + " (" + c.rework() + " rework and " + c.reverts() + " reverts in "
        + c.reviews() + " reviews)");
  }

  private static CriterionResult severeIncidents(@Nullable Instant last, Duration window, Instant now) {
    Unit unit = Unit.of(window);
    String windowText = unit.whole(window) + " " + unit.plural;
    if (last == null || !last.isAfter(now.minus(window))) {
      return new CriterionResult(CriterionResult.SEVERE_INCIDENTS, true,
          "no severe incident in the last " + windowText);
    }
    Duration ago = Duration.between(last, now);
    Duration since = ago.isNegative() ? Duration.ZERO : ago;
    Unit agoUnit = Unit.largestWhole(since);
    return new CriterionResult(CriterionResult.SEVERE_INCIDENTS, false, "severe incident "
        + agoUnit.whole(since) + " " + agoUnit.plural + " ago (at " + last
        + "), within the last " + windowText);
  }

  /** Both numbers with two decimals, or four when two would print them equal though they differ. */
  static String[] pair(double actual, double limit) {
    String a = String.format(Locale.ROOT, "%.2f", actual);
    String b = String.format(Locale.ROOT, "%.2f", limit);
    if (a.equals(b) && actual != limit) {
      a = String.format(Locale.ROOT, "%.4f", actual);
      b = String.format(Locale.ROOT, "%.4f", limit);
    }
    return new String[] {a, b};
  }

  private enum Unit {
    DAYS("days", 86_400),
    HOURS("hours", 3_600),
    MINUTES("minutes", 60),
    SECONDS("seconds", 1);

    final String plural;
    final long seconds;

    Unit(String plural, long seconds) {
      this.plural = plural;
      this.seconds = seconds;
    }

    static Unit of(Duration d) {
      for (Unit u : values()) {
        if (d.getNano() == 0 && d.getSeconds() % u.seconds == 0) {
          return u;
        }
      }
      return SECONDS;
    }

    static Unit largestWhole(Duration d) {
      for (Unit u : values()) {
        if (u.whole(d) >= 1) {
          return u;
        }
      }
      return SECONDS;
    }

    long whole(Duration d) {
      return d.getSeconds() / seconds;
    }
  }
}
