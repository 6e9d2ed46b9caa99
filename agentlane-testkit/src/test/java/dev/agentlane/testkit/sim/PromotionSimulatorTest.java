package dev.agentlane.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentlane.Action;
import dev.agentlane.AgentKey;
import dev.agentlane.Lane;
import dev.agentlane.Verdict;
import dev.agentlane.policy.Policy;
import dev.agentlane.policyfile.PolicyFiles;
import dev.agentlane.promotion.PairMetrics;
import java.util.Map;
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
  void touchingSecretsHaltsDemotesAndAHumanResets() {
    SimulationReport r = PromotionSimulator.builder().seed(3).days(60)
        .agent(AgentProfile.careful("careful", "fixes"))
        .agent(AgentProfile.careful("leaky", "fixes").withSecretTouchRate(0.002)).run();
    AgentKey leaky = AgentKey.of("leaky", "fixes");
    assertThat(r.verdicts().getOrDefault(Verdict.HALT, 0L)).isPositive();
    assertThat(r.events()).anyMatch(e -> e.contains("leaky/fixes halted: sensitive-path"))
        .anyMatch(e -> e.contains("leaky/fixes reset by simulated-oncall"))
        .noneMatch(e -> e.contains("careful/fixes halted"));
    assertThat(r.metrics().get(leaky).demotions()).as("every halt demotes").isPositive();
    assertThat(r.finalLane(leaky).rank()).as(r.story()).isLessThan(r.finalLane(CAREFUL_IN_TEST).rank());
  }

  private static final AgentKey CAREFUL_IN_TEST = AgentKey.of("careful", "fixes");

  @Test
  void aScriptDrivesTheCallsForAPolicyOfItsOwn() {
    Policy policy = PolicyFiles.parse("""
        apiVersion: agentlane.dev/v1
        kind: Policy
        metadata: {name: docs-bot, version: "1"}
        lanes: [draft, sandbox]
        default-lane: draft
        capabilities:
          docs.read: {lane: draft, effect: read}
          docs.write: {lane: sandbox, effect: sandboxed}
        tools:
          read_doc: {capabilities: [docs.read], read-paths: [/path]}
          write_doc: {capabilities: [docs.write], write-paths: [/path]}
        promotion:
          sandbox: {min-observations: 10, min-release-cycles: 1, min-time-in-lane: 3d, min-clean-rate-lower-bound: 0.6}
        """, "docs-bot.yaml");
    // docs:call-script:begin
    CallScript writer = (key, lane, i, random) -> Action.builder().key(key)
        .tool(i % 2 == 0 ? "write_doc" : "read_doc").arguments(Map.of("path", "docs/page" + random.nextInt(9) + ".md"))
        .build();
    AgentProfile profile = AgentProfile.careful("writer", "docs").withScript(writer).withVolume(10, 3);
    // docs:call-script:end
    SimulationReport r = PromotionSimulator.builder().policy(policy).seed(5).days(30).cycleDays(2).agent(profile).run();
    AgentKey key = AgentKey.of("writer", "docs");
    assertThat(r.decisions()).isEqualTo(300);
    assertThat(r.laneChanges(key)).as(r.story()).containsEntry(1, Lane.DRAFT).containsValue(Lane.SANDBOX);
    int promotedOn = r.firstDayIn(key, Lane.SANDBOX);
    assertThat(promotedOn).as("three days in draft at least, and well inside the month").isBetween(4, 25);
    assertThat(r.verdicts()).containsKeys(Verdict.ALLOW, Verdict.DENY);
    assertThat(r.story()).contains("writer/docs: day 1 draft; day " + promotedOn + " sandbox;");
  }

  @Test
  void theReportKeepsEachAgentsMetricsAndLaneChanges() {
    SimulationReport r = PromotionSimulator.builder().seed(7).days(60).agent(AgentProfile.careful("careful", "fixes"))
        .run();
    PairMetrics m = r.metrics().get(CAREFUL);
    assertThat(m.lane()).isEqualTo(r.finalLane(CAREFUL));
    assertThat(m.cleanRateLowerBound()).isBetween(0.5, 1.0);
    assertThat(r.laneChanges(CAREFUL).firstKey()).isEqualTo(1);
    assertThat(r.laneChanges(CAREFUL).values()).startsWith(Lane.DRAFT, Lane.SANDBOX);
    assertThatThrownBy(() -> r.laneChanges(SLOPPY)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no agent sloppy/fixes");
  }

  @Test
  void profilesAndBuildersRefuseNonsense() {
    assertThatThrownBy(() -> AgentProfile.careful("a", "w").withRates(1.2, 0, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("cleanRate must be within 0..1 but was 1.2");
    assertThatThrownBy(() -> AgentProfile.careful("a", "w").withVolume(-1, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PromotionSimulator.builder().days(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("days must be > 0 but was 0");
    assertThatThrownBy(() -> PromotionSimulator.builder().build()).isInstanceOf(IllegalStateException.class);
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
