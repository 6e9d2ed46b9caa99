package dev.agentlane.core.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class WilsonIntervalTest {

  @Test
  void threeOfThreeIsWeakEvidence() {
    WilsonInterval w = WilsonInterval.of(3, 3, 0.95);
    assertThat(w.lower()).isCloseTo(0.4385, within(1e-4));
    assertThat(w.upper()).isEqualTo(1.0);
  }

  @Test
  void ninetyFiveOfHundredIsStrongEvidence() {
    WilsonInterval w = WilsonInterval.of(95, 100, 0.95);
    assertThat(w.lower()).isCloseTo(0.8882, within(1e-4));
    assertThat(w.upper()).isCloseTo(0.9785, within(1e-4));
  }

  @Test
  void knownValuesAtOtherProportionsAndLevels() {
    assertThat(WilsonInterval.of(50, 100, 0.95).lower()).isCloseTo(0.4038, within(1e-4));
    assertThat(WilsonInterval.of(50, 100, 0.95).upper()).isCloseTo(0.5962, within(1e-4));
    assertThat(WilsonInterval.of(0, 10, 0.95).lower()).isEqualTo(0.0);
    assertThat(WilsonInterval.of(0, 10, 0.95).upper()).isCloseTo(0.2775, within(1e-4));
    assertThat(WilsonInterval.of(1, 10, 0.95).upper()).isCloseTo(0.4042, within(1e-4));
    assertThat(WilsonInterval.of(95, 100, 0.99).lower()).isCloseTo(0.8608, within(1e-4));
  }

  @Test
  void noTrialsMeansNothingIsKnown() {
    assertThat(WilsonInterval.of(0, 0, 0.95)).isEqualTo(new WilsonInterval(0.0, 1.0));
  }

  @Test
  void zMatchesTheNormalQuantiles() {
    assertThat(WilsonInterval.z(0.95)).isCloseTo(1.959964, within(1e-6));
    assertThat(WilsonInterval.z(0.99)).isCloseTo(2.575829, within(1e-6));
    assertThat(WilsonInterval.z(0.90)).isCloseTo(1.644854, within(1e-6));
    assertThat(WilsonInterval.z(0.999)).isCloseTo(3.290527, within(1e-5));
  }

  @Test
  void moreEvidenceAtTheSameRateNarrowsTheInterval() {
    double previous = 0;
    for (int n = 10; n <= 10_000; n *= 10) {
      double lower = WilsonInterval.of(n * 9 / 10, n, 0.95).lower();
      assertThat(lower).isGreaterThan(previous).isLessThan(0.9);
      previous = lower;
    }
  }

  @Test
  void successesBeyondTrialsCountAsAll() {
    assertThat(WilsonInterval.of(7, 3, 0.95)).isEqualTo(WilsonInterval.of(3, 3, 0.95));
  }

  @Test
  void rejectsNonsense() {
    assertThatThrownBy(() -> WilsonInterval.of(-1, 3, 0.95)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
    assertThatThrownBy(() -> WilsonInterval.z(1.0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("confidence must be > 0 and < 1 but was 1.0");
    assertThatThrownBy(() -> new WilsonInterval(0.6, 0.5)).isInstanceOf(IllegalArgumentException.class);
  }
}
