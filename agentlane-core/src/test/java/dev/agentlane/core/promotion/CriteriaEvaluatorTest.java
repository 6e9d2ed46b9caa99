package dev.agentlane.core.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentlane.AgentKey;
import dev.agentlane.Lane;
import dev.agentlane.promotion.CriterionResult;
import dev.agentlane.promotion.OutcomeCounts;
import dev.agentlane.promotion.PairState;
import dev.agentlane.promotion.PromotionCriteria;
import dev.agentlane.promotion.PromotionProposal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class CriteriaEvaluatorTest {
  private static final AgentKey KEY = AgentKey.of("release-bot", "dependency-bumps");
  private static final Instant NOW = Instant.parse("2024-06-01T00:00:00Z");
  private static final PromotionCriteria DEFAULTS = PromotionCriteria.defaults();

  private static OutcomeCounts counts(long clean, long changes, long rejected, long rework, long reverts,
      long cycles) {
    return new OutcomeCounts(clean, changes, rejected, rework, reverts, cycles, Map.of(), Map.of());
  }

  private static PairState state(OutcomeCounts counts, Duration inLane, @Nullable Instant lastSevere,
      boolean halted) {
    return new PairState(KEY, 1, Lane.SANDBOX, NOW.minus(inLane), null, null, halted,
        halted ? "secrets path" : null, halted ? "engine" : null, halted ? NOW : null, counts, lastSevere, 0, 0);
  }

  private static PromotionProposal evaluate(OutcomeCounts counts) {
    return CriteriaEvaluator.evaluate(state(counts, Duration.ofDays(30), null, false), Lane.GOVERNED, DEFAULTS, NOW);
  }

  private static CriterionResult criterion(PromotionProposal p, String name) {
    return p.criteria().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void ninetyFiveOfHundredOverSeveralCyclesIsEligibleWithDefaults() {
    PromotionProposal p = evaluate(counts(95, 4, 1, 3, 1, 4));
    assertThat(p.eligible()).as(p.toString()).isTrue();
    assertThat(p.failing()).isEmpty();
    assertThat(p.from()).isEqualTo(Lane.SANDBOX);
    assertThat(p.to()).isEqualTo(Lane.GOVERNED);
    assertThat(p.criteria()).extracting(CriterionResult::name).containsExactly(CriterionResult.NEXT_LANE,
        CriterionResult.NOT_HALTED, CriterionResult.OBSERVATIONS, CriterionResult.RELEASE_CYCLES,
        CriterionResult.TIME_IN_LANE, CriterionResult.CLEAN_RATE, CriterionResult.REWORK_RATE,
        CriterionResult.SEVERE_INCIDENTS);
    assertThat(p.explain()).isEqualTo("next lane governed; not halted; 100 reviews ≥ 20; 4 release cycles ≥ 3; "
        + "30 days in lane ≥ 14; clean rate lower bound 0.89 ≥ 0.85 (95 of 100 reviews clean); "
        + "rework rate upper bound 0.10 ≤ 0.20 (3 rework and 1 reverts in 100 reviews); "
        + "no severe incident in the last 30 days");
  }

  @Test
  void threeOfThreeCleanIsNotEligibleWithDefaultsEvenWithTheOtherMinimaLowered() {
    PromotionProposal p = evaluate(counts(3, 0, 0, 0, 0, 3));
    assertThat(p.eligible()).isFalse();
    assertThat(criterion(p, CriterionResult.CLEAN_RATE).detail())
        .isEqualTo("clean rate lower bound 0.44 < 0.85 (3 of 3 reviews clean)");

    PromotionCriteria fewReviews = PromotionCriteria.from(DEFAULTS).minObservations(3).build();
    PromotionProposal q = CriteriaEvaluator.evaluate(state(counts(3, 0, 0, 0, 0, 3), Duration.ofDays(30), null,
        false), Lane.GOVERNED, fewReviews, NOW);
    assertThat(q.eligible()).isFalse();
    assertThat(q.failing()).extracting(CriterionResult::name)
        .containsExactly(CriterionResult.CLEAN_RATE, CriterionResult.REWORK_RATE);
  }

  @Test
  void observations() {
    assertThat(criterion(evaluate(counts(15, 1, 1, 0, 0, 3)), CriterionResult.OBSERVATIONS))
        .isEqualTo(new CriterionResult(CriterionResult.OBSERVATIONS, false, "17 of 20 reviews"));
    assertThat(criterion(evaluate(counts(18, 1, 1, 0, 0, 3)), CriterionResult.OBSERVATIONS))
        .isEqualTo(new CriterionResult(CriterionResult.OBSERVATIONS, true, "20 reviews ≥ 20"));
  }

  @Test
  void releaseCycles() {
    assertThat(criterion(evaluate(counts(95, 5, 0, 0, 0, 2)), CriterionResult.RELEASE_CYCLES))
        .isEqualTo(new CriterionResult(CriterionResult.RELEASE_CYCLES, false, "2 of 3 release cycles"));
    assertThat(criterion(evaluate(counts(95, 5, 0, 0, 0, 3)), CriterionResult.RELEASE_CYCLES))
        .isEqualTo(new CriterionResult(CriterionResult.RELEASE_CYCLES, true, "3 release cycles ≥ 3"));
  }

  @Test
  void timeInLane() {
    OutcomeCounts good = counts(95, 5, 0, 0, 0, 3);
    PromotionProposal young = CriteriaEvaluator.evaluate(state(good, Duration.ofDays(9).plusHours(23), null, false),
        Lane.GOVERNED, DEFAULTS, NOW);
    assertThat(criterion(young, CriterionResult.TIME_IN_LANE))
        .isEqualTo(new CriterionResult(CriterionResult.TIME_IN_LANE, false, "9 of 14 days in lane"));
    assertThat(young.eligible()).isFalse();
    PromotionProposal exact = CriteriaEvaluator.evaluate(state(good, Duration.ofDays(14), null, false),
        Lane.GOVERNED, DEFAULTS, NOW);
    assertThat(criterion(exact, CriterionResult.TIME_IN_LANE))
        .isEqualTo(new CriterionResult(CriterionResult.TIME_IN_LANE, true, "14 days in lane ≥ 14"));
    PromotionCriteria hours = PromotionCriteria.from(DEFAULTS).minTimeInLane(Duration.ofHours(36)).build();
    assertThat(criterion(CriteriaEvaluator.evaluate(state(good, Duration.ofHours(5), null, false), Lane.GOVERNED,
        hours, NOW), CriterionResult.TIME_IN_LANE).detail()).isEqualTo("5 of 36 hours in lane");
  }

  @Test
  void cleanRateIsJudgedByItsLowerBound() {
    // 90 of 100 clean: observed 0.90, lower bound 0.826 < 0.85
    CriterionResult fails = criterion(evaluate(counts(90, 10, 0, 0, 0, 3)), CriterionResult.CLEAN_RATE);
    assertThat(fails.holds()).isFalse();
    assertThat(fails.detail()).isEqualTo("clean rate lower bound 0.83 < 0.85 (90 of 100 reviews clean)");
    PromotionCriteria ninety = PromotionCriteria.from(DEFAULTS).minCleanRateLowerBound(0.90).build();
    CriterionResult holds = criterion(CriteriaEvaluator.evaluate(state(counts(970, 30, 0, 0, 0, 3),
        Duration.ofDays(30), null, false), Lane.GOVERNED, ninety, NOW), CriterionResult.CLEAN_RATE);
    assertThat(holds.holds()).isTrue();
    assertThat(holds.detail()).isEqualTo("clean rate lower bound 0.96 ≥ 0.90 (970 of 1000 reviews clean)");
  }

  @Test
  void boundsThatRoundAlikeAreShownWithMoreDigits() {
    assertThat(CriteriaEvaluator.pair(0.8497, 0.85)).containsExactly("0.8497", "0.8500");
    assertThat(CriteriaEvaluator.pair(0.91, 0.90)).containsExactly("0.91", "0.90");
  }

  @Test
  void reworkRateIsJudgedByItsUpperBound() {
    // 10 rework and reverts of 100 reviews: observed 0.10, upper bound 0.174 ≤ 0.20
    CriterionResult holds = criterion(evaluate(counts(96, 4, 0, 8, 2, 3)), CriterionResult.REWORK_RATE);
    assertThat(holds).isEqualTo(new CriterionResult(CriterionResult.REWORK_RATE, true,
        "rework rate upper bound 0.17 ≤ 0.20 (8 rework and 2 reverts in 100 reviews)"));
    // 14 of 100: observed 0.14, upper bound 0.22 > 0.20
    CriterionResult fails = criterion(evaluate(counts(96, 4, 0, 10, 4, 3)), CriterionResult.REWORK_RATE);
    assertThat(fails.holds()).isFalse();
    assertThat(fails.detail()).isEqualTo("rework rate upper bound 0.22 > 0.20 (10 rework and 4 reverts in 100 reviews)");
  }

  @Test
  void severeIncidentWithinTheWindowBlocksPromotion() {
    OutcomeCounts good = counts(95, 5, 0, 0, 0, 3);
    PromotionProposal recent = CriteriaEvaluator.evaluate(state(good, Duration.ofDays(40), NOW.minus(Duration.ofDays(3)),
        false), Lane.GOVERNED, DEFAULTS, NOW);
    assertThat(recent.eligible()).isFalse();
    assertThat(criterion(recent, CriterionResult.SEVERE_INCIDENTS)).isEqualTo(new CriterionResult(
        CriterionResult.SEVERE_INCIDENTS, false,
        "severe incident 3 days ago (at 2024-05-29T00:00:00Z), within the last 30 days"));
    PromotionProposal old = CriteriaEvaluator.evaluate(state(good, Duration.ofDays(40), NOW.minus(Duration.ofDays(31)),
        false), Lane.GOVERNED, DEFAULTS, NOW);
    assertThat(old.eligible()).isTrue();
    assertThat(criterion(old, CriterionResult.SEVERE_INCIDENTS).detail())
        .isEqualTo("no severe incident in the last 30 days");
  }

  @Test
  void haltedPairIsNotEligible() {
    PromotionProposal p = CriteriaEvaluator.evaluate(state(counts(95, 5, 0, 0, 0, 3), Duration.ofDays(30), null, true),
        Lane.GOVERNED, DEFAULTS, NOW);
    assertThat(p.eligible()).isFalse();
    assertThat(p.failing()).containsExactly(new CriterionResult(CriterionResult.NOT_HALTED, false,
        "halted: secrets path"));
  }

  @Test
  void topLaneHasNowhereToGo() {
    PromotionProposal p = CriteriaEvaluator.evaluate(state(counts(95, 5, 0, 0, 0, 3), Duration.ofDays(30), null,
        false), null, DEFAULTS, NOW);
    assertThat(p.eligible()).isFalse();
    assertThat(p.to()).isNull();
    assertThat(p.failing()).extracting(CriterionResult::detail).containsExactly("already in the top lane sandbox");
  }

  @Test
  void noReviewsMeansNoEvidence() {
    PromotionProposal p = evaluate(OutcomeCounts.NONE);
    assertThat(criterion(p, CriterionResult.CLEAN_RATE).detail())
        .isEqualTo("clean rate lower bound 0.00 < 0.85 (0 of 0 reviews clean)");
    assertThat(criterion(p, CriterionResult.REWORK_RATE).detail())
        .isEqualTo("rework rate upper bound 1.00 > 0.20 (0 rework and 0 reverts in 0 reviews)");
  }
}
