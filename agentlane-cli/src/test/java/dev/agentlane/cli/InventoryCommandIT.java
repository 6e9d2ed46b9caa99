package dev.agentlane.cli;

import static dev.agentlane.cli.CoreFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code agentlane inventory}, run as a separate process on a policy and a state directory's ledger. */
class InventoryCommandIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void helpSaysWhoHoldsWhat() {
    CliRun run = CliRun.of("inventory", "--help");
    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).startsWith("Usage: agentlane inventory").contains("--policy=POLICY", "--state=DIR",
        "Exit status:");
  }

  @Test
  void withoutStateEveryCapabilityIsListedAndNobodyHoldsAny(@TempDir Path dir) {
    write(dir, "policy.yaml", CoreFixtures.TEAM_POLICY);
    CliRun run = CliRun.in(dir, "", "inventory", "--policy", "policy.yaml");
    assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.OK);
    assertThat(run.out()).startsWith("policy payments-team version 7: 20 capabilities, lanes draft -> sandbox -> "
            + "governed -> staging -> production\n\n"
            + "CAPABILITY           LANE        EFFECT         HELD BY  NEEDED BY\n"
            + "code.read            draft       read           -        grep, list_dir, read_file, search, command.cat")
        .contains("\nbranch.write         governed    shared-change  -        command.git.commit, command.git.push\n")
        .endsWith("\nno state directory (--state): no pair holds anything\n");
  }

  @Test
  void thePairsOfTheLedgerHoldWhatTheirLaneEarns(@TempDir Path dir) throws Exception {
    write(dir, "policy.yaml", CoreFixtures.TEAM_POLICY);
    // an escalation is a stop-condition hit the ledger records (coder/bugfix, sandbox); a halt demotes
    CliRun.in(dir, CoreFixtures.WRITE_PAYMENTS, "decide", "--policy", "policy.yaml", "--state", "state", "-");
    CliRun.in(dir, "{\"agent\":\"reviewer\",\"workflow\":\"review\",\"tool\":\"bash\","
        + "\"arguments\":{\"command\":\"cat .env\"}}", "decide", "--policy", "policy.yaml", "--state", "state", "-");
    CliRun run = CliRun.in(dir, "", "inventory", "--policy", "policy.yaml", "--state", "state");
    assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.OK);
    assertThat(run.out())
        .contains("\ntests.run            sandbox     sandboxed      coder/bugfix  command../gradlew.check, ")
        .contains("\nbranch.write         governed    shared-change  -             command.git.commit, ")
        .contains("\nPAIR             LANE\ncoder/bugfix     sandbox\n"
            + "reviewer/review  draft  HALTED since ");
    CliRun json = CliRun.in(dir, "", "inventory", "--policy", "policy.yaml", "--state", "state", "--format", "json");
    assertThat(json.exit()).as(json.toString()).isEqualTo(ExitCode.OK);
    JsonNode root = JSON.readTree(json.out());
    assertThat(root.get("policy").asText()).isEqualTo("payments-team");
    JsonNode tests = null;
    for (JsonNode c : root.get("capabilities")) {
      if (c.get("name").asText().equals("tests.run")) {
        tests = c;
      }
    }
    assertThat(tests).isNotNull();
    assertThat(tests.get("lane").asText()).isEqualTo("sandbox");
    assertThat(tests.get("command-rules").toString()).contains("command.npm.test");
    assertThat(tests.get("held-by")).hasSize(1);
    assertThat(tests.get("held-by").get(0).get("agent").asText()).isEqualTo("coder");
    JsonNode reviewer = root.get("pairs").get(1);
    assertThat(reviewer.get("workflow").asText()).isEqualTo("review");
    assertThat(reviewer.get("lane").asText()).isEqualTo("draft");
    assertThat(reviewer.get("halted").asBoolean()).isTrue();
    assertThat(reviewer.get("halt-reason").asText()).startsWith("sensitive-path [stop.secrets]");
  }

  @Test
  void aMissingStateDirectoryIsAnErrorAndNothingIsCreated(@TempDir Path dir) {
    CliRun run = CliRun.in(dir, "", "inventory", "--policy", "default", "--state", "state");
    assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.ERROR);
    assertThat(run.err()).isEqualTo("agentlane: state directory 'state' does not exist\n");
    assertThat(dir.resolve("state")).doesNotExist();
  }
}
