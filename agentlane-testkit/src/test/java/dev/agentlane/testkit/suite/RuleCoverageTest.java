package dev.agentlane.testkit.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        """);
    RuleCoverage coverage = PolicySuite.load(file).coverage();

    assertThat(coverage.exercised()).containsExactlyInAnyOrder(
        "tool.read_file", "tool.bash",
        "command.cat", "command.tail", "command.echo", "command.git.diff", "command.mvn.-*.test",
        "stop.secrets", "obligation.sandbox");
    assertThat(coverage.rules()).hasSize(119);
    assertThat(coverage.unexercised()).hasSize(110).contains("stop.runaway", "catalogue.deploy-web", "command.rm")
        .doesNotContain("stop.secrets");
    assertThat(coverage.kindOf("command.rm")).isEqualTo("command");
    assertThat(coverage.ratio()).isEqualTo(9.0 / 119);
    assertThat(coverage.report())
        .startsWith("rule coverage: 9 of 119 rules exercised (7.6%)\nnever exercised:")
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

  @Test
  void shellLinesAreSplitIntoCommands() {
    assertThat(RuleCoverage.commands("A=1 make test && bash -c 'npm test' | sort > out.txt; x `pwd`", 0))
        .containsExactlyInAnyOrder(List.of("pwd"), List.of("make", "test"), List.of("bash", "-c", "npm test"), List.of("sort"),
            List.of("x", "x"), List.of("npm", "test"));
  }
}
