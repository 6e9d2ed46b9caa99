package dev.agentlane.core.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentlane.promotion.PromotionCriteria;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PromotionCriteriaTest {

  @Test
  void defaultsFollowTheSeed() {
    PromotionCriteria d = PromotionCriteria.defaults();
    assertThat(d.minObservations()).isEqualTo(20);
    assertThat(d.minReleaseCycles()).isEqualTo(3);
    assertThat(d.minTimeInLane()).isEqualTo(Duration.ofDays(14));
    assertThat(d.minCleanRateLowerBound()).isEqualTo(0.85);
    assertThat(d.maxReworkUpperBound()).isEqualTo(0.20);
    assertThat(d.confidence()).isEqualTo(0.95);
    assertThat(d.severeIncidentWindow()).isEqualTo(Duration.ofDays(30));
    assertThat(PromotionCriteria.builder().build()).isEqualTo(d);
  }

  @Test
  void builderValidatesEachOptionAsItIsSet() {
    var b = PromotionCriteria.builder();
    assertThatThrownBy(() -> b.minObservations(-3)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("minObservations must be > 0 but was -3");
    assertThatThrownBy(() -> b.minObservations(0)).hasMessage("minObservations must be > 0 but was 0");
    assertThatThrownBy(() -> b.minReleaseCycles(-1)).hasMessage("minReleaseCycles must be >= 0 but was -1");
    assertThatThrownBy(() -> b.minTimeInLane(Duration.ofDays(-1)))
        .hasMessage("minTimeInLane must not be negative but was PT-24H");
    assertThatThrownBy(() -> b.minDaysInLane(-2)).hasMessage("minDaysInLane must be >= 0 but was -2");
    assertThatThrownBy(() -> b.minCleanRateLowerBound(1.5))
        .hasMessage("minCleanRateLowerBound must be between 0 and 1 but was 1.5");
    assertThatThrownBy(() -> b.maxReworkUpperBound(Double.NaN))
        .hasMessage("maxReworkUpperBound must be between 0 and 1 but was NaN");
    assertThatThrownBy(() -> b.confidence(0)).hasMessage("confidence must be > 0 and < 1 but was 0.0");
    assertThatThrownBy(() -> b.severeIncidentWindow(Duration.ofSeconds(-1)))
        .hasMessage("severeIncidentWindow must not be negative but was PT-1S");
    assertThat(b.build()).as("failed setters leave the builder unchanged").isEqualTo(PromotionCriteria.defaults());
  }

  @Test
  void fromDerivesAndBuildLeavesTheBuilderReusable() {
    var b = PromotionCriteria.from(PromotionCriteria.defaults()).minObservations(50).minDaysInLane(7);
    PromotionCriteria first = b.build();
    PromotionCriteria second = b.confidence(0.99).build();
    assertThat(first.minObservations()).isEqualTo(50);
    assertThat(first.minTimeInLane()).isEqualTo(Duration.ofDays(7));
    assertThat(first.confidence()).isEqualTo(0.95);
    assertThat(second.confidence()).isEqualTo(0.99);
    assertThat(PromotionCriteria.from(second).build()).isEqualTo(second);
  }
}
