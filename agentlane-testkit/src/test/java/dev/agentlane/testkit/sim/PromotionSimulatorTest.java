package dev.agentlane.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentlane.AgentKey;
import dev.agentlane.Lane;
import dev.agentlane.Verdict;
import org.junit.jupiter.api.Test;

class PromotionSimulatorTest {
  private static final AgentKey CAREFUL = AgentKey.of("careful", "fixes");
  private static final AgentKey SLOPPY = AgentKey.of("sloppy", "fixes");

  @Test
  void carefulAgentsEarnLanesOneAtATimeAndSloppyOnesDoNot() {
    SimulationReport r = PromotionSimulator.builder().seed(7).days(120)
        .agent(AgentProfile.careful("careful", "fixes")).agent(AgentProfile.sloppy("sloppy", "fixes")).run();
    assertThat(r.finalLane(CAREFUL).rank()).as(r.story()).isGreaterThanOrEqualTo(Lane.GOVERNED.rank());
    assertThat(r.finalLane(SLOPPY)).as(r.story()).isEqualTo(Lane.DRAFT);
    int sandbox = r.firstDayIn(CAREFUL, Lane.SANDBOX);
    int governed = r.firstDayIn(CAREFUL, Lane.GOVERNED);
    assertThat(sandbox).as("promoted to sandbox first").isPositive().isLessThan(governed);
    for (int i = 1; i < r.lanes().get(CAREFUL).size(); i++) {
      assertThat(r.lanes().get(CAREFUL).get(i).rank() - r.lanes().get(CAREFUL).get(i - 1).rank())
          .as("one lane at a time, day %d", i + 1).isLessThanOrEqualTo(1);
    }
    assertThat(r.verdicts()).containsKey(Verdict.ALLOW);
  }

  @Test
  void theSameSeedGivesTheSameSimulation() {
    SimulationReport a = PromotionSimulator.builder().seed(11).days(40).agent(AgentProfile.careful("a", "w")).run();
    SimulationReport b = PromotionSimulator.builder().seed(11).days(40).agent(AgentProfile.careful("a", "w")).run();
    assertThat(a.lanes()).isEqualTo(b.lanes());
    assertThat(a.events()).isEqualTo(b.events());
    assertThat(a.verdicts()).isEqualTo(b.verdicts());
  }

  @Test
  void touchingSecretsHaltsAndAHumanResets() {
    SimulationReport r = PromotionSimulator.builder().seed(3).days(10)
        .agent(AgentProfile.careful("leaky", "fixes").withSecretTouchRate(0.05)).run();
    assertThat(r.verdicts().getOrDefault(Verdict.HALT, 0L)).isPositive();
    assertThat(r.events()).anyMatch(e -> e.contains("halted")).anyMatch(e -> e.contains("reset by simulated-oncall"));
  }

  @Test
  void aYearOfFiftyAgentsRuns() {
    PromotionSimulator.Builder b = PromotionSimulator.builder().seed(1).days(365);
    for (int i = 0; i < 50; i++) {
      b.agent(i % 5 == 0 ? AgentProfile.sloppy("agent-" + i, "w") : AgentProfile.careful("agent-" + i, "w"));
    }
    SimulationReport r = b.run();
    assertThat(r.decisions()).isEqualTo(365L * 50 * 50);
    assertThat(r.lanes()).hasSize(50);
  }
}
