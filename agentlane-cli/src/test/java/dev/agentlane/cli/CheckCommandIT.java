package dev.agentlane.cli;

import static dev.agentlane.cli.CoreFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code agentlane check}, run as a separate process on real policy files. */
class CheckCommandIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  static final String BROKEN = """
      apiVersion: agentlane.dev/v1
      kind: Policy
      metadata: {name: broken}
      lanes: [draft, sandbox, governed, staging, production]
      capabilities:
        code.read: {lane: draft, effect: read}
        deploy: {lane: draft, effect: production}
      tools:
        read_file: {capabilities: [code.read], read-paths: [/path]}
        deploy_tool: {capabilitie: [deploy]}
      """;

  static final String SHADOWED = """
      apiVersion: agentlane.dev/v1
      kind: Policy
      metadata: {name: lint-me}
      lanes: [draft, sandbox, governed, staging, production]
      capabilities:
        code.read: {lane: draft, effect: read}
        tests.run: {lane: sandbox, effect: sandboxed}
      tools:
        read_file: {capabilities: [code.read], read-paths: [/path]}
        bash: {command: /command}
      commands:
        - {program: npm, args: [test], capabilities: [tests.run]}
        - {id: npm-test-again, program: npm, args: [test], capabilities: [code.read]}
      stop-conditions:
        - {id: secrets, kind: sensitive-paths, effect: halt, globs: [.env, .env.*, "*.pem", "*.key"]}
      """;

  @Test
  void helpNamesTheOptionsAndExitStatuses() {
    CliRun run = CliRun.of("check", "--help");
    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).startsWith("Usage: agentlane check").contains("--strict", "--format", "Exit status:",
        "POLICY");
  }

  @Test
  void aValidPolicyPassesWithItsFindingsListed(@TempDir Path dir) {
    write(dir, "policy.yaml", CoreFixtures.TEAM_POLICY);
    CliRun run = CliRun.in(dir, "", "check", "policy.yaml");
    assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.OK);
    assertThat(run.out()).contains("policy.yaml: info: capabilities.hotfix.push: capability 'hotfix.push'")
        .contains("[capability-never-needed]")
        .endsWith("policy.yaml: OK (0 errors, 0 warnings, 2 info)\n");
  }

  @Test
  void everyLoadErrorIsReportedWithFileLineAndColumn(@TempDir Path dir) {
    write(dir, "broken.yaml", BROKEN);
    CliRun run = CliRun.in(dir, "", "check", "broken.yaml");
    assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.REFUSED);
    assertThat(run.out().lines()).contains(
        "broken.yaml:10:16: error: tools.deploy_tool: a tool that is not a shell tool must need at least one capability",
        "broken.yaml: FAIL, does not load (3 errors, 0 warnings, 0 info)");
    assertThat(run.out()).contains("broken.yaml:7:18: error: capabilities.deploy.lane: lane jump")
        .contains("broken.yaml:10:17: error: tools.deploy_tool.capabilitie: unknown field 'capabilitie'");
  }

  @Test
  void aWarningIsPlacedAtItsRuleAndFailsOnlyWithStrict(@TempDir Path dir) {
    write(dir, "lint.yaml", SHADOWED);
    CliRun lenient = CliRun.in(dir, "", "check", "lint.yaml");
    assertThat(lenient.exit()).as(lenient.toString()).isEqualTo(ExitCode.OK);
    assertThat(lenient.out()).contains("lint.yaml:13:5: warning: commands.npm-test-again: command rule "
        + "'npm-test-again' (npm test) can never be chosen").contains("[shadowed-command-rule]")
        .contains("lint.yaml: OK (0 errors, 1 warning, 1 info)");
    CliRun strict = CliRun.in(dir, "", "check", "--strict", "lint.yaml");
    assertThat(strict.exit()).as(strict.toString()).isEqualTo(ExitCode.REFUSED);
    assertThat(strict.out()).contains("lint.yaml: FAIL (0 errors, 1 warning, 1 info)");
  }

  @Test
  void jsonListsEveryProblemOfEveryPolicy(@TempDir Path dir) throws Exception {
    write(dir, "broken.yaml", BROKEN);
    write(dir, "lint.yaml", SHADOWED);
    CliRun run = CliRun.in(dir, "", "check", "--format", "json", "broken.yaml", "lint.yaml", "default");
    assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.REFUSED);
    JsonNode root = JSON.readTree(run.out());
    assertThat(root.get("ok").asBoolean()).isFalse();
    JsonNode broken = root.get("policies").get(0);
    assertThat(broken.get("policy").asText()).isEqualTo("broken.yaml");
    assertThat(broken.get("loaded").asBoolean()).isFalse();
    assertThat(broken.get("errors").asInt()).isEqualTo(3);
    JsonNode first = broken.get("problems").get(0);
    assertThat(first.get("severity").asText()).isEqualTo("error");
    assertThat(first.get("source").asText()).isEqualTo("broken.yaml");
    assertThat(first.get("line").asInt()).isEqualTo(7);
    assertThat(first.get("column").asInt()).isEqualTo(18);
    assertThat(first.get("path").asText()).isEqualTo("capabilities.deploy.lane");
    JsonNode lint = root.get("policies").get(1);
    assertThat(lint.get("ok").asBoolean()).isTrue();
    JsonNode shadowed = lint.get("problems").get(0);
    assertThat(shadowed.get("code").asText()).isEqualTo("shadowed-command-rule");
    assertThat(shadowed.get("rule").asText()).isEqualTo("npm-test-again");
    assertThat(shadowed.get("line").asInt()).isEqualTo(13);
    assertThat(root.get("policies").get(2).get("ok").asBoolean()).isTrue();
  }

  @Test
  void aMissingFileIsAnErrorAndAWrongFormatIsAUsageError(@TempDir Path dir) {
    CliRun missing = CliRun.in(dir, "", "check", "nothere.yaml");
    assertThat(missing.exit()).as(missing.toString()).isEqualTo(ExitCode.ERROR);
    assertThat(missing.err()).isEqualTo("agentlane: policy file 'nothere.yaml' does not exist (use 'default' for "
        + "the shipped default policy)\n");
    CliRun format = CliRun.in(dir, "", "check", "--format", "yaml", "default");
    assertThat(format.exit()).as(format.toString()).isEqualTo(ExitCode.USAGE);
    assertThat(format.err()).contains("expected text or json but was 'yaml'");
    CliRun none = CliRun.in(dir, "", "check");
    assertThat(none.exit()).as(none.toString()).isEqualTo(ExitCode.USAGE);
  }
}
