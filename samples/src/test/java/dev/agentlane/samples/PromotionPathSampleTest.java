package dev.agentlane.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentlane.AgentKey;
import dev.agentlane.Lane;
import dev.agentlane.testkit.sim.AgentProfile;
import dev.agentlane.testkit.sim.PromotionSimulator;
import dev.agentlane.testkit.sim.SimulationReport;
import dev.agentlane.testkit.suite.PolicySuites;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The samples' own tests use the testkit: a policy suite and a promotion simulation. */
class PromotionPathSampleTest {
  @TestFactory
  Stream<DynamicNode> promotionPathSuite() throws URISyntaxException {
    return PolicySuites.dynamicTests(Path.of(getClass().getResource("/policy-suites").toURI()));
  }

  @Test
  void aCarefulAgentWalksThePromotionPath() {
    SimulationReport r = PromotionSimulator.builder().seed(2026).days(90)
        .agent(AgentProfile.careful("careful", "bugfix")).run();
    AgentKey careful = AgentKey.of("careful", "bugfix");
    assertThat(r.firstDayIn(careful, Lane.SANDBOX)).as(r.story()).isPositive();
    assertThat(r.finalLane(careful).rank()).as(r.story()).isGreaterThanOrEqualTo(Lane.SANDBOX.rank());
  }
}
