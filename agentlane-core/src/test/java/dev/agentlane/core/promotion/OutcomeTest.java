package dev.agentlane.core.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentlane.promotion.Outcome;
import dev.agentlane.promotion.ReviewResult;
import dev.agentlane.promotion.Severity;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class OutcomeTest {

  @Test
  void kindsAndCodesAreStable() {
    assertThat(Arrays.asList(Outcome.clean().kind(), Outcome.rework().kind(), Outcome.revert().kind(),
        Outcome.incident(Severity.LOW, "x").kind(), Outcome.stopConditionHit("rate", "r1").kind(),
        Outcome.releaseCycle("2024.06").kind()))
        .containsExactly("review", "rework", "revert", "incident", "stop-condition-hit", "release-cycle");
    assertThat(Arrays.stream(ReviewResult.values()).map(ReviewResult::code))
        .containsExactly("clean", "changes-requested", "rejected");
    assertThat(Arrays.stream(Severity.values()).map(Severity::code)).containsExactly("low", "medium", "high", "critical");
    assertThat(Arrays.stream(Severity.values()).filter(Severity::isSevere)).containsExactly(Severity.HIGH,
        Severity.CRITICAL);
    assertThat(ReviewResult.fromCode("changes-requested")).isEqualTo(ReviewResult.CHANGES_REQUESTED);
    assertThat(Severity.fromCode("critical")).isEqualTo(Severity.CRITICAL);
    assertThatThrownBy(() -> Severity.fromCode("HIGH")).hasMessageContaining("'HIGH'");
  }

  /** Regression: the record accessor code() once collided with the outcome's kind and was overridden. */
  @Test
  void stopConditionHitKeepsItsReasonCode() {
    Outcome.StopConditionHit hit = Outcome.stopConditionHit("blast-radius", "max-files");
    assertThat(hit.code()).isEqualTo("blast-radius");
    assertThat(hit.ruleId()).isEqualTo("max-files");
    assertThat(hit.kind()).isEqualTo("stop-condition-hit");
  }

  @Test
  void blankIdentifiersAreRefused() {
    assertThatThrownBy(() -> Outcome.stopConditionHit(" ", "r")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("code must not be blank");
    assertThatThrownBy(() -> Outcome.releaseCycle("")).isInstanceOf(IllegalArgumentException.class);
  }
}
