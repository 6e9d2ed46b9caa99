package dev.agentlane.cli;

import static dev.agentlane.cli.CoreFixtures.read;
import static dev.agentlane.cli.CoreFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code agentlane decide}, run as a separate process on real policy, action and state files. */
class DecideCommandIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void helpNamesTheInputsAndExitStatuses() {
    CliRun run = CliRun.of("decide", "--help");
    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).startsWith("Usage: agentlane decide").contains("--policy=POLICY", "--workspace=DIR",
        "--state=DIR", "--record-actions", "--format=FORMAT", "ACTION", "Exit status:", "docs/action-format.md");
  }

  @Test
  void anAllowedActionExitsZeroAndPrintsTheDecisionAsJson(@TempDir Path dir) throws Exception {
    write(dir, "policy.yaml", CoreFixtures.TEAM_POLICY);
    write(dir, "action.json", CoreFixtures.NPM_TEST);
    CliRun run = CliRun.in(dir, "", "decide", "--policy", "policy.yaml", "action.json");
    assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.OK);
    JsonNode d = JSON.readTree(run.out());
    assertThat(d.get("verdict").asText()).isEqualTo("allow");
    assertThat(d.get("permits-execution").asBoolean()).isTrue();
    assertThat(d.get("lane").asText()).isEqualTo("sandbox");
    assertThat(d.get("reasons")).isEmpty();
    assertThat(d.get("obligations").get(0).get("code").asText()).isEqualTo("sandbox");
    assertThat(d.get("capabilities").get(0).asText()).isEqualTo("tests.run");
    assertThat(d.get("matched-rules").toString()).contains("tool.bash", "command.npm.test", "obligation.sandbox");
    assertThat(d.get("policy-version").asText()).isEqualTo("7");
    assertThat(d.get("action-digest").asText()).matches("[0-9a-f]{64}");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void aRefusalFromStandardInputExitsOneWithReasonsRulesAndRemedies(@TempDir Path dir) throws Exception {
    write(dir, "policy.yaml", CoreFixtures.TEAM_POLICY);
    CliRun run = CliRun.in(dir, CoreFixtures.GIT_PUSH, "decide", "--policy", "policy.yaml", "-");
    assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.REFUSED);
    JsonNode d = JSON.readTree(run.out());
    assertThat(d.get("verdict").asText()).isEqualTo("deny");
    JsonNode first = d.get("reasons").get(0);
    assertThat(first.get("code").asText()).isEqualTo("lane-too-low");
    assertThat(first.get("rule").asText()).isEqualTo("lane.branch.write");
    assertThat(d.get("reasons").findValuesAsText("code")).contains("evidence-missing");
    assertThat(d.get("remedies").findValuesAsText("code")).contains("needs-lane", "attach-evidence");
  }

  @Test
  void textIsTheDecisionExplainedInAFewLines(@TempDir Path dir) {
    write(dir, "policy.yaml", CoreFixtures.TEAM_POLICY);
    CliRun run = CliRun.in(dir, CoreFixtures.CAT_ENV, "decide", "--policy", "policy.yaml", "--format", "text", "-");
    assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.REFUSED);
    assertThat(run.out()).startsWith("HALT at lane sandbox\n"
        + "- sensitive-path [stop.secrets]: '.env' (read) is a sensitive path matching '.env'\n")
        .contains("  obligation: sandbox [obligation.sandbox]")
        .containsPattern("decision d-\\S+, policy version 7, action digest [0-9a-f]{64}\n$");
  }

  @Test
  void withAStateDirectoryTheDecisionIsAuditedUnderTheDigestItPrints(@TempDir Path dir) throws Exception {
    write(dir, "policy.yaml", CoreFixtures.TEAM_POLICY);
    CliRun run = CliRun.in(dir, CoreFixtures.NPM_TEST, "decide", "--policy", "policy.yaml", "--state", "state", "-");
    assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.OK);
    JsonNode d = JSON.readTree(run.out());
    List<String> audit = Files.readAllLines(dir.resolve("state/audit.jsonl"));
    assertThat(audit).hasSize(1);
    JsonNode record = JSON.readTree(audit.get(0));
    assertThat(record.get("kind").asText()).isEqualTo("decision");
    assertThat(record.get("actionDigest").asText()).isEqualTo(d.get("action-digest").asText());
    assertThat(record.get("detail").asText()).isEqualTo("decision " + d.get("decision").asText());
    assertThat(audit.get(0)).doesNotContain("npm test");
    assertThat(dir.resolve("state").resolve(ActionJournal.FILE)).as("no journal unless asked").doesNotExist();
  }

  @Test
  void aHaltLatchesInTheStateDirectoryAcrossRuns(@TempDir Path dir) throws Exception {
    write(dir, "policy.yaml", CoreFixtures.TEAM_POLICY);
    CliRun halt = CliRun.in(dir, CoreFixtures.CAT_ENV, "decide", "--policy", "policy.yaml", "--state", "state", "-");
    assertThat(halt.exit()).as(halt.toString()).isEqualTo(ExitCode.REFUSED);
    CliRun next = CliRun.in(dir, CoreFixtures.NPM_TEST, "decide", "--policy", "policy.yaml", "--state", "state", "-");
    assertThat(next.exit()).as(next.toString()).isEqualTo(ExitCode.REFUSED);
    JsonNode d = JSON.readTree(next.out());
    assertThat(d.get("verdict").asText()).isEqualTo("halt");
    assertThat(d.get("reasons").get(0).get("code").asText()).isEqualTo("halted");
    assertThat(d.get("lane").asText()).as("demoted by the halt").isEqualTo("draft");
    CliRun fresh = CliRun.in(dir, CoreFixtures.NPM_TEST, "decide", "--policy", "policy.yaml", "-");
    assertThat(fresh.exit()).as("without the state, nothing is remembered: " + fresh).isEqualTo(ExitCode.OK);
  }

  @Test
  void recordActionsJournalsTheWholeActionWithItsDecision(@TempDir Path dir) throws Exception {
    write(dir, "policy.yaml", CoreFixtures.TEAM_POLICY);
    write(dir, "fetch.json", CoreFixtures.FETCH);
    CliRun first = CliRun.in(dir, "", "decide", "--policy", "policy.yaml", "--state", "state", "--record-actions",
        "fetch.json");
    CliRun second = CliRun.in(dir, CoreFixtures.WRITE_PAYMENTS, "decide", "--policy", "policy.yaml", "--state",
        "state", "--record-actions", "--workspace", "repo", "-");
    assertThat(first.exit()).as(first.toString()).isEqualTo(ExitCode.OK);
    assertThat(second.exit()).as(second.toString()).isEqualTo(ExitCode.REFUSED);
    Path journal = dir.resolve("state/actions.jsonl");
    List<String> lines = Files.readAllLines(journal);
    assertThat(lines).hasSize(2);
    JsonNode one = JSON.readTree(lines.get(0));
    JsonNode printed = JSON.readTree(first.out());
    assertThat(one.get("action")).isEqualTo(JSON.readTree(CoreFixtures.FETCH));
    assertThat(one.get("decision")).isEqualTo(printed.get("decision"));
    assertThat(one.get("verdict").asText()).isEqualTo("allow");
    assertThat(one.get("lane").asText()).isEqualTo("sandbox");
    assertThat(one.get("policy-version").asText()).isEqualTo("7");
    assertThat(one.get("action-digest")).isEqualTo(printed.get("action-digest"));
    assertThat(one.has("workspace")).isFalse();
    JsonNode two = JSON.readTree(lines.get(1));
    assertThat(two.get("verdict").asText()).isEqualTo("escalate");
    assertThat(two.get("reasons").get(0).asText()).isEqualTo("sensitive-path");
    assertThat(two.get("rules").get(0).asText()).isEqualTo("team.payments-code");
    assertThat(two.get("workspace").asText()).isEqualTo(dir.resolve("repo").toAbsolutePath().normalize().toString());
    assertThat(two.get("action").get("arguments").get("path").asText()).isEqualTo("src/payments/Ledger.java");
    if (Files.getFileAttributeView(journal, java.nio.file.attribute.PosixFileAttributeView.class) != null) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(journal))).isEqualTo("rw-------");
    }
    // the audit log of the same state holds the same decisions, by digest only
    String audit = read(dir.resolve("state/audit.jsonl"));
    assertThat(audit).contains(one.get("action-digest").asText(), two.get("action-digest").asText())
        .doesNotContain("Ledger.java").doesNotContain("lib.tgz");
  }

  @Test
  void recordActionsWithoutAStateIsAUsageError(@TempDir Path dir) {
    CliRun run = CliRun.in(dir, CoreFixtures.NPM_TEST, "decide", "--policy", "default", "--record-actions", "-");
    assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains("--record-actions needs --state DIR: the journal is DIR/actions.jsonl");
  }

  @Test
  void badInputsEndWithTheirOwnStatus(@TempDir Path dir) {
    CliRun malformed = CliRun.in(dir, "{\"agent\": \"coder\", \"tool\": \"bash\"}", "decide", "--policy", "default",
        "-");
    assertThat(malformed.exit()).as(malformed.toString()).isEqualTo(ExitCode.ERROR);
    assertThat(malformed.err()).isEqualTo("agentlane: <stdin>: $.workflow is required\n");
    assertThat(malformed.out()).isEmpty();
    CliRun missing = CliRun.in(dir, "", "decide", "--policy", "default", "nothere.json");
    assertThat(missing.exit()).as(missing.toString()).isEqualTo(ExitCode.ERROR);
    assertThat(missing.err()).contains("action file 'nothere.json' does not exist");
    write(dir, "broken.yaml", CheckCommandIT.BROKEN);
    CliRun invalid = CliRun.in(dir, CoreFixtures.NPM_TEST, "decide", "--policy", "broken.yaml", "-");
    assertThat(invalid.exit()).as("an invalid policy refuses: " + invalid).isEqualTo(ExitCode.REFUSED);
    assertThat(invalid.err()).contains("the policy 'broken.yaml' is invalid (3 problems)", "broken.yaml:7:18");
    CliRun noPolicy = CliRun.in(dir, CoreFixtures.NPM_TEST, "decide", "-");
    assertThat(noPolicy.exit()).as(noPolicy.toString()).isEqualTo(ExitCode.USAGE);
    assertThat(noPolicy.err()).contains("Missing required option: '--policy=POLICY'");
  }
}
