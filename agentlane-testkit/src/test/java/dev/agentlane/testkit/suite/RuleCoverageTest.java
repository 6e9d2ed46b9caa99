package dev.agentlane.testkit.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleCoverageTest {
  @Test
  void coverageCountsReasonsObligationsToolsAndCommands(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("small.yaml");
    Files.writeString(file, """
        policy: default
        tests:
          - name: read
            action: {tool: read_file, arguments: {path: src/A.java}}
            expect: allow
          - name: a pipeline of two commands
            lane: sandbox
            action: {tool: bash, arguments: {command: "git --no-pager diff src && mvn -q test | tail -n 5"}}
            expect: allow
          - name: secrets
            lane: sandbox
            action: {tool: bash, arguments: {command: "echo $(cat .env)"}}
            expect: halt
          - name: a wrapped command on an allowed host
            lane: sandbox
            action: {tool: bash, arguments: {command: "timeout 60 curl -s https://api.github.com/repos"}}
            expect: allow
        """);
    RuleCoverage coverage = PolicySuite.load(file).coverage();

    assertThat(coverage.exercised()).containsExactlyInAnyOrder(
        "tool.read_file", "tool.bash",
        "command.cat", "command.tail", "command.echo", "command.git.diff", "command.mvn.-*.test",
        "command.timeout", "command.curl", "host.*.github.com",
        "stop.secrets", "obligation.sandbox");
    assertThat(coverage.rules()).hasSize(129);
    assertThat(coverage.unexercised()).hasSize(117).contains("stop.runaway", "catalogue.deploy-web", "command.rm",
        "host.pypi.org").doesNotContain("stop.secrets");
    assertThat(coverage.kindOf("command.rm")).isEqualTo("command");
    assertThat(coverage.kindOf("host.pypi.org")).isEqualTo("host");
    assertThat(coverage.ratio()).isEqualTo(12.0 / 129);
    assertThat(coverage.report())
        .startsWith("rule coverage: 12 of 129 rules exercised (9.3%)\nnever exercised:")
        .contains("\n  stop-condition: stop.infra-and-ci, stop.failed-tests,")
        .contains("\n  catalogue: catalogue.deploy-web, catalogue.restart-web");
  }

  @Test
  void theDefaultSuiteExercisesTheRulesItNames() {
    RuleCoverage coverage = PolicySuite.load(PolicySuiteTest.DEFAULT_SUITE).coverage();
    assertThat(coverage.exercised()).contains("stop.secrets", "stop.infra-and-ci", "stop.failed-tests",
        "evidence.governed", "approval.owners", "obligation.sandbox", "obligation.owner-review", "tool.open_pr",
        "command.npm.test", "command.git.status", "command.ls");
    assertThat(coverage.exercised().size() + coverage.unexercised().size()).isEqualTo(coverage.rules().size());
    assertThat(coverage.ratio()).isBetween(0.1, 0.5);
  }
}
