package dev.agentlane.samples.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentlane.AgentKey;
import dev.agentlane.Lane;
import dev.agentlane.testkit.sim.AgentProfile;
import dev.agentlane.testkit.sim.PromotionSimulator;
import dev.agentlane.testkit.sim.SimulationReport;
import org.junit.jupiter.api.Test;

/** A seeded simulation of agents on the shipped default policy, through the real engine and ledger. */
class PromotionSimulationTest {
  @Test
  void carefulAgentsClimbOneLaneAtATimeAndSloppyOnesStay() {
    // docs:simulation:begin
    SimulationReport r = PromotionSimulator.builder().seed(42).days(120)
        .agent(AgentProfile.careful("careful", "fixes"))
        .agent(AgentProfile.sloppy("sloppy", "fixes"))
        .run();
    AgentKey careful = AgentKey.of("careful", "fixes");
    assertThat(r.laneChanges(careful).values()).as(r.story()).startsWith(Lane.DRAFT, Lane.SANDBOX, Lane.GOVERNED);
    assertThat(r.finalLane(AgentKey.of("sloppy", "fixes"))).as(r.story()).isEqualTo(Lane.DRAFT);
    // docs:simulation:end
  }
}
