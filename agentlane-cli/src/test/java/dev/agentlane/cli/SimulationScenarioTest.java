package dev.agentlane.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentlane.AgentKey;
import dev.agentlane.testkit.sim.AgentProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scenario file format of {@code agentlane simulate}. */
class SimulationScenarioTest {
  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  @Test
  void defaultsFillWhatTheScenarioLeavesOut() throws IOException {
    SimulationScenario s = SimulationScenario.read(write("s.yaml", "agents: [{agent: a, workflow: w}]"));
    assertThat(s.seed()).isZero();
    assertThat(s.days()).isEqualTo(90);
    assertThat(s.cycleDays()).isEqualTo(7);
    assertThat(s.policyRef()).isEqualTo("default");
    assertThat(s.approver()).isEqualTo("simulated-approver");
    assertThat(s.agents()).singleElement().isEqualTo(AgentProfile.careful("a", "w"));
  }

  @Test
  void aProfileIsTheStartAndEachRateOrVolumeOverridesIt() throws IOException {
    SimulationScenario s = SimulationScenario.read(write("s.yaml", """
        agents:
          - agent: a
            workflow: w
            profile: sloppy
            calls-per-day: 10
            reviews-per-day: 2
            clean-rate: 0.8
            rework-rate: 0
            severe-incident-rate: 0.05
            secret-touch-rate: 1
        """));
    AgentProfile a = s.agents().get(0);
    assertThat(a.key()).isEqualTo(AgentKey.of("a", "w"));
    assertThat(a).isEqualTo(AgentProfile.sloppy("a", "w").withVolume(10, 2).withRates(0.8, 0.0, 0.05)
        .withSecretTouchRate(1.0));
  }

  @Test
  void aPolicyPathIsRelativeToTheScenarioFile() throws IOException {
    write("team/policy.yaml", """
        apiVersion: agentlane.dev/v1
        kind: Policy
        metadata: {name: team}
        extends: [default]
        """);
    SimulationScenario s = SimulationScenario.read(write("team/sim.yaml", """
        policy: policy.yaml
        agents: [{agent: a, workflow: w}]
        """));
    assertThat(s.policyRef()).isEqualTo("policy.yaml");
    assertThat(s.policy().name()).isEqualTo("team");
  }

  @Test
  void everyProblemIsReportedAtOnceWithItsLineAndColumn() throws IOException {
    Path f = write("bad.yaml", """
        seed: forty-two
        days: 0
        policy: missing.yaml
        agents:
          - agent: a
          - [not, a, mapping]
          - {agent: b, workflow: w, calls-per-day: -1, clean-rate: high}
        """);
    assertThatThrownBy(() -> SimulationScenario.read(f)).isInstanceOf(CliException.class)
        .satisfies(e -> assertThat(((CliException) e).exitCode()).isEqualTo(ExitCode.ERROR))
        .hasMessageContaining("(7 problems):\n  " + f + ":1:7: 'seed' must be a whole number, but found the string 'forty-two'")
        .hasMessageContaining(f + ":2:7: 'days' must be within 1..3650 but was 0\n  " + f
            + ":3:9: policy file 'missing.yaml' not found")
        .hasMessageContaining(f + ":5:5: an agent needs 'workflow'")
        .hasMessageContaining(f + ":6:5: an agent is a mapping")
        .hasMessageContaining(f + ":7:44: 'calls-per-day' must be within 0..10000 but was -1")
        .hasMessageContaining(f + ":7:60: 'clean-rate' must be a number within 0..1, but found the string 'high'");
  }

  @Test
  void yamlTheReaderRefusesIsAProblemToo() throws IOException {
    Path f = write("alias.yaml", """
        base: &b {agent: a, workflow: w}
        agents: [*b]
        """);
    assertThatThrownBy(() -> SimulationScenario.read(f)).hasMessageContaining(f + ":")
        .hasMessageContaining("aliases");
    assertThatThrownBy(() -> SimulationScenario.read(dir.resolve("none.yaml")))
        .hasMessage("scenario file '" + dir.resolve("none.yaml") + "' does not exist");
  }
}
