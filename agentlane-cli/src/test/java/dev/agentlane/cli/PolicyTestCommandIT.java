package dev.agentlane.cli;

import static dev.agentlane.cli.CoreFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code agentlane test}, run as a separate process on real suite and policy files. (Not named
 * {@code TestCommandIT}: surefire takes every {@code Test*} class for a unit test.)
 */
class PolicyTestCommandIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  static final String PASSING = """
      suite: payments team
      policy: ../policy.yaml
      tests:
        - name: a sandboxed agent runs tests
          action: {tool: bash, arguments: {command: npm test}}
          expect: allow
        - name: changing payments code needs a human
          action: {tool: write_file, arguments: {path: src/payments/Ledger.java, content: "..."}}
          expect: escalate
          reason: sensitive-path
          rule: team.payments-code
        - name: a drafting agent may not run tests yet
          lane: draft
          action: {tool: bash, arguments: {command: npm test}}
          expect: deny
          reason: lane-too-low
      """;

  static final String FAILING = """
      suite: small
      policy: ../policy.yaml
      tests:
        - name: npm test runs in the sandbox
          action: {tool: bash, arguments: {command: npm test}}
          expect: allow
        - name: cat .env is only denied
          action: {tool: bash, arguments: {command: cat .env}}
          expect: deny
          reason: sensitive-path
      """;

  static final String BROKEN = """
      suite: broken
      policy: ../policy.yaml
      tests:
        - name: no expectation
          action: {tool: bash, arguments: {command: npm test}}
          expcet: allow
      """;

  @Test
  void helpNamesTheCoverageGate() {
    CliRun run = CliRun.of("test", "--help");
    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).startsWith("Usage: agentlane test").contains("--min-coverage=RATIO", "SUITE",
        "Exit status:");
  }

  @Test
  void aPassingSuiteListsItsCasesAndItsCoverage(@TempDir Path dir) {
    write(dir, "policy.yaml", CoreFixtures.TEAM_POLICY);
    write(dir, "suites/team.yaml", PASSING);
    CliRun run = CliRun.in(dir, "", "test", "suites/team.yaml");
    assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.OK);
    assertThat(run.out()).startsWith("suite payments team (suites/team.yaml): 3 passed, 0 failed\n"
            + "  PASS a sandboxed agent runs tests: ALLOW\n"
            + "  PASS changing payments code needs a human: ESCALATE\n"
            + "  PASS a drafting agent may not run tests yet: DENY\n"
            + "  rule coverage: ")
        .containsPattern("rule coverage: \\d+ of \\d+ rules exercised \\(\\d+\\.\\d%\\)\n  never exercised:\n")
        .contains("    stop-condition: stop.secrets, ")
        .endsWith("1 suite, 3 cases: 3 passed, 0 failed - OK\n");
  }

  @Test
  void aFailedCaseIsShownWithWhatDifferedAndTheDecision(@TempDir Path dir) {
    write(dir, "policy.yaml", CoreFixtures.TEAM_POLICY);
    write(dir, "suites/small.yaml", FAILING);
    CliRun run = CliRun.in(dir, "", "test", "suites");
    assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.REFUSED);
    assertThat(run.out()).contains("suite small (suites/small.yaml): 1 passed, 1 failed\n")
        .contains("  FAIL cat .env is only denied (suites/small.yaml:7:5)\n"
            + "    expected: DENY with reason sensitive-path\n"
            + "    expected verdict DENY but was HALT\n"
            + "    the decision was:\n"
            + "      HALT at lane sandbox\n")
        .endsWith("1 suite, 2 cases: 1 passed, 1 failed - FAIL\n");
  }

  @Test
  void aSuiteThatDoesNotLoadIsReportedAndTheOthersStillRun(@TempDir Path dir) {
    write(dir, "policy.yaml", CoreFixtures.TEAM_POLICY);
    write(dir, "suites/a-broken.yaml", BROKEN);
    write(dir, "suites/team.yml", PASSING);
    write(dir, "suites/notes.txt", "not a suite");
    CliRun run = CliRun.in(dir, "", "test", "suites");
    assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.REFUSED);
    assertThat(run.out()).startsWith("suite suites/a-broken.yaml: does not load (2 problems)\n")
        .contains("  suites/a-broken.yaml:6:5: unknown key 'expcet' in a test case (did you mean 'expect'?)")
        .contains("suite payments team (suites/team.yml): 3 passed, 0 failed\n")
        .endsWith("2 suites, 3 cases: 3 passed, 0 failed, 1 did not load - FAIL\n");
  }

  @Test
  void theCoverageGateFailsASuiteBelowTheMinimum(@TempDir Path dir) {
    write(dir, "policy.yaml", CoreFixtures.TEAM_POLICY);
    write(dir, "suites/team.yaml", PASSING);
    CliRun high = CliRun.in(dir, "", "test", "--min-coverage", "0.5", "suites");
    assertThat(high.exit()).as(high.toString()).isEqualTo(ExitCode.REFUSED);
    assertThat(high.out()).containsPattern("  coverage \\d+\\.\\d% is below the minimum 50\\.0%\n")
        .endsWith("1 suite, 3 cases: 3 passed, 0 failed - FAIL\n");
    CliRun low = CliRun.in(dir, "", "test", "--min-coverage", "0.01", "suites");
    assertThat(low.exit()).as(low.toString()).isEqualTo(ExitCode.OK);
    CliRun wrong = CliRun.in(dir, "", "test", "--min-coverage", "50", "suites");
    assertThat(wrong.exit()).as(wrong.toString()).isEqualTo(ExitCode.USAGE);
    assertThat(wrong.err()).contains("--min-coverage must be within 0..1 but was 50.0");
  }

  @Test
  void jsonHasEveryCaseAndTheRulesNeverExercised(@TempDir Path dir) throws Exception {
    write(dir, "policy.yaml", CoreFixtures.TEAM_POLICY);
    write(dir, "suites/small.yaml", FAILING);
    CliRun run = CliRun.in(dir, "", "test", "--format", "json", "--min-coverage", "0.01", "suites/small.yaml");
    assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.REFUSED);
    JsonNode root = JSON.readTree(run.out());
    assertThat(root.get("ok").asBoolean()).isFalse();
    JsonNode suite = root.get("suites").get(0);
    assertThat(suite.get("name").asText()).isEqualTo("small");
    assertThat(suite.get("policy").asText()).isEqualTo("payments-team");
    assertThat(suite.get("passed").asInt()).isEqualTo(1);
    JsonNode failed = suite.get("cases").get(1);
    assertThat(failed.get("passed").asBoolean()).isFalse();
    assertThat(failed.get("line").asInt()).isEqualTo(7);
    assertThat(failed.get("verdict").asText()).isEqualTo("halt");
    assertThat(failed.get("failures").get(0).asText()).isEqualTo("expected verdict DENY but was HALT");
    JsonNode coverage = suite.get("coverage");
    assertThat(coverage.get("ok").asBoolean()).isTrue();
    assertThat(coverage.get("exercised").asInt()).isPositive().isLessThan(coverage.get("rules").asInt());
    assertThat(coverage.get("never-exercised").get(0).get("kind").asText()).isEqualTo("tool");
  }

  @Test
  void aMissingSuiteIsAnError(@TempDir Path dir) {
    CliRun run = CliRun.in(dir, "", "test", "nothere.yaml");
    assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.ERROR);
    assertThat(run.err()).isEqualTo("agentlane: suite 'nothere.yaml' does not exist\n");
  }
}
