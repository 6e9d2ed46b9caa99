package dev.agentlane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code simulate} and {@code demo}, run as the real jar. */
class SimulationAndDemoIT {
  static final String SCENARIO = """
      # a careful and a sloppy agent on the shipped default policy
      seed: 42
      days: 120
      agents:
        - {agent: careful, workflow: fixes, profile: careful}
        - {agent: sloppy, workflow: fixes, profile: sloppy}
      """;

  @TempDir Path work;

  private CliRun run(String... args) {
    return CliRun.in(work, "", args);
  }

  @Test
  void simulateTellsTheStoryOfAScenarioTheSameWayForTheSameSeed() throws IOException {
    Files.writeString(work.resolve("two.yaml"), SCENARIO);

    CliRun run = run("simulate", "two.yaml");

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out().lines().toList()).startsWith(
        "simulation two.yaml (seed 42, policy default, a release cycle every 7 days, promotions approved by "
            + "simulated-approver)",
        "120 days, 12000 decisions {ALLOW=12000}");
    assertThat(run.out()).contains("careful/fixes: day 1 draft; day 21 sandbox; day 42 governed;")
        .contains("sloppy/fixes: day 1 draft;  (in draft:")
        .contains("day 21: careful/fixes promoted draft -> sandbox by simulated-approver");
    assertThat(run("simulate", "two.yaml").out()).as("deterministic for a seed").isEqualTo(run.out());
    assertThat(run("simulate", "two.yaml", "--seed", "7").out()).contains("(seed 7,").isNotEqualTo(run.out());
  }

  @Test
  void simulateAsJsonGivesLanesOverTimeEventsAndMetrics() throws IOException {
    Files.writeString(work.resolve("two.yaml"), SCENARIO);

    CliRun run = run("simulate", "two.yaml", "--days", "30", "--format", "json");

    assertThat(run.exit()).as(run.toString()).isZero();
    JsonNode r = StateFixture.json(run.out());
    assertThat(r.get("days").asInt()).isEqualTo(30);
    assertThat(r.get("decisions").asLong()).isEqualTo(3000);
    assertThat(r.get("verdicts").get("allow").asLong()).isEqualTo(3000);
    JsonNode careful = r.get("agents").get(0);
    assertThat(careful.get("agent").asText()).isEqualTo("careful");
    assertThat(careful.get("lanes")).hasSize(30);
    assertThat(careful.get("lanes").get(19).asText()).isEqualTo("draft");
    assertThat(careful.get("lanes").get(20).asText()).isEqualTo("sandbox");
    assertThat(careful.get("lane-changes").toString())
        .isEqualTo("[{\"day\":1,\"lane\":\"draft\"},{\"day\":21,\"lane\":\"sandbox\"}]");
    assertThat(careful.get("metrics").get("lane").asText()).isEqualTo("sandbox");
    assertThat(careful.get("profile").get("clean-rate").asDouble()).isEqualTo(0.97);
    assertThat(r.get("events").get(0).asText()).isEqualTo("day 21: careful/fixes promoted draft -> sandbox by "
        + "simulated-approver");
  }

  @Test
  void aScenarioWithProblemsIsRefusedWithEveryProblemAtItsLineAndColumn() throws IOException {
    Files.writeString(work.resolve("broken.yaml"), """
        seed: 42
        dayz: 120
        agents:
          - agent: careful
            workflow: fixes
            profile: carefull
            clean-rate: 1.5
          - agent: careful
            workflow: fixes
        """);

    CliRun run = run("simulate", "broken.yaml");

    assertThat(run.exit()).isEqualTo(ExitCode.ERROR);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines().toList()).containsExactly(
        "agentlane: the scenario 'broken.yaml' is invalid (4 problems):",
        "  broken.yaml:2:1: unknown key 'dayz' in a scenario (did you mean 'days'?); allowed: [agents, approver, "
            + "cycle-days, days, policy, seed]",
        "  broken.yaml:6:14: 'profile' must be careful or sloppy, but was 'carefull' (did you mean 'careful'?)",
        "  broken.yaml:7:17: 'clean-rate' is a probability within 0..1 but was 1.5",
        "  broken.yaml:8:5: agent careful/fixes is listed twice");
  }

  @Test
  void demoNeedsNoArgumentsAndWalksTheWholePromotionPath() {
    CliRun run = run("demo");

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.err()).isEmpty();
    String out = run.out();
    assertThat(out).startsWith("agentlane demo: the promotion path of release-bot/dependency-bumps");
    assertThat(out.indexOf("DENY at lane draft")).as("draft refused").isPositive();
    assertThat(out).contains("- lane-too-low [lane.tests.run]")
        .contains("57 of 60 reviews clean is a rate of 0.95")
        .contains("95% Wilson interval, 0.86")
        .contains("Promotion proposal draft -> sandbox: ELIGIBLE")
        .contains("now in lane sandbox")
        .contains("HALT at lane sandbox")
        .contains("- sensitive-path [stop.secrets]")
        .contains("halted: yes; a halt demotes at once, to draft")
        .contains("halted: no; it stands in draft")
        .contains("promotion by alice").contains("reset by alice")
        .contains("careful/fixes: day 1 draft; day 21 sandbox;");
    assertThat(out.indexOf("ELIGIBLE")).isLessThan(out.indexOf("now in lane sandbox"))
        .isLessThan(out.indexOf("HALT at lane sandbox"));
  }
}
