package dev.agentlane.testkit.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentlane.Verdict;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicySuiteTest {
  static final Path DEFAULT_SUITE = classPathFile("suites/default/default-policy.yaml");
  static final Path SUITES = DEFAULT_SUITE.getParent().getParent();

  /**
   * A test resource found on the class path rather than relative to the working directory, so that these
   * tests also run from the test-jar in agentlane-testkit-junit5: there it is a path inside the jar.
   */
  static Path classPathFile(String name) {
    URL url = PolicySuiteTest.class.getClassLoader().getResource(name);
    if (url == null) {
      throw new IllegalStateException("test resource " + name + " is not on the class path");
    }
    try {
      URI uri = url.toURI();
      if ("jar".equals(uri.getScheme())) {
        try {
          FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException alreadyOpen) {
          // another test opened the jar first; Path.of finds that file system
        }
      }
      return Path.of(uri);
    } catch (URISyntaxException | IOException e) {
      throw new IllegalStateException("cannot open test resource " + url, e);
    }
  }

  @Test
  void theDefaultPolicySuitePassesWithEveryVerdict() {
    PolicySuite suite = PolicySuite.load(DEFAULT_SUITE);
    assertThat(suite.name()).isEqualTo("default policy");
    assertThat(suite.cases()).hasSizeGreaterThanOrEqualTo(15);

    SuiteResult result = suite.run();

    assertThat(result.failures()).as(result.report()).isEmpty();
    assertThat(result.passed()).isTrue();
    assertThat(result.decisions()).extracting(d -> d.verdict())
        .contains(Verdict.ALLOW, Verdict.ESCALATE, Verdict.DENY, Verdict.HALT);
  }

  @Test
  void aHaltDoesNotLeakIntoLaterCases() {
    SuiteResult result = PolicySuite.load(DEFAULT_SUITE).run();
    CaseResult after = result.results().stream()
        .filter(r -> r.testCase().name().equals("a halt does not leak into the next case")).findFirst().orElseThrow();
    assertThat(after.decision().verdict()).isEqualTo(Verdict.ALLOW);
  }

  @Test
  void aCaseWithoutALaneStandsInTheDefaultLaneWhateverTheCaseBeforeIt(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("lanes.yaml");
    Files.writeString(file, """
        policy: default
        tests:
          - name: tests run in sandbox
            lane: sandbox
            action: {tool: bash, arguments: {command: npm test}}
            expect: allow
            rule: command.npm.test
          - name: the same pair with no lane is back in draft
            action: {tool: bash, arguments: {command: npm test}}
            expect: deny
            reason: lane-too-low
        """);
    SuiteResult result = PolicySuite.load(file).run();
    assertThat(result.passed()).as(result.report()).isTrue();
  }

  @Test
  void aRuleIsFoundAmongTheRulesTheActionMatchedNotOnlyItsReasons(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("rules.yaml");
    Files.writeString(file, """
        policy: default
        tests:
          - name: the command rule that allowed it
            lane: sandbox
            action: {tool: bash, arguments: {command: "timeout 60 npm test"}}
            expect: allow
            rule: command.npm.test
          - name: a rule that did not take part
            lane: sandbox
            action: {tool: bash, arguments: {command: "npm test"}}
            expect: allow
            rule: command.git.push
        """);
    SuiteResult result = PolicySuite.load(file).run();
    assertThat(result.results().get(0).passed()).as(result.report()).isTrue();
    assertThat(result.results().get(1).failures()).singleElement().asString()
        .startsWith("expected rule command.git.push but the decision's rules were [tool.bash, command.npm.test");
  }

  @Test
  void aFailingCaseShowsTheWholeDecision() {
    SuiteResult result = PolicySuite.load(SUITES.resolve("failing/wrong-expectation.yaml")).run();

    assertThat(result.passed()).isFalse();
    assertThat(result.failures()).hasSize(2);
    CaseResult halt = result.failures().get(0);
    assertThat(halt.testCase().name()).isEqualTo("cat .env is wrongly expected to be allowed");
    assertThat(halt.message())
        .contains("wrong-expectation.yaml:7:5")
        .contains("expected verdict ALLOW but was HALT")
        .contains(halt.decision().explain().lines().toList().get(1).strip())
        .contains("sensitive-path [stop.secrets]")
        .contains("to proceed:");
    CaseResult reason = result.failures().get(1);
    assertThat(reason.message())
        .contains("expected reason sensitive-path but the reasons were [lane-too-low]")
        .contains("lane-too-low [lane.tests.run]");
    assertThat(result.report()).contains("1 passed, 2 failed").contains("rule coverage:");
  }

  @Test
  void aMalformedSuiteReportsEveryProblemWithFileLineAndColumn() {
    Path file = SUITES.resolve("broken/malformed.yaml");
    assertThatThrownBy(() -> PolicySuite.load(file))
        .isInstanceOfSatisfying(PolicySuiteException.class, e -> {
          assertThat(e.problems()).extracting(SuiteProblem::toString).containsExactly(
              file + ":6:5: unknown key 'acton' in a test case (did you mean 'action'?); allowed: [action, agent, "
                  + "context, evidence, expect, lane, name, reason, rule, run-id, workflow]",
              file + ":4:5: a test case needs 'action': {tool: ..., arguments: {...}}",
              file + ":9:11: unknown lane 'sandbx'; the policy's lanes are [draft, sandbox, governed, staging, "
                  + "production] (did you mean 'sandbox'?)",
              file + ":11:13: 'expect' must be allow, escalate, deny or halt, but was 'permit'",
              file + ":15:13: unknown reason code 'lane-to-low' (did you mean 'lane-too-low'?)",
              file + ":16:16: unknown key 'confidense' in evidence (did you mean 'confidence'?); allowed: "
                  + "[assumptions, confidence, files-touched, rollback-plan, tests, validation-links]");
          assertThat(e.getMessage()).startsWith("invalid policy test suite: 6 problems");
        });
  }

  @Test
  void yamlSyntaxErrorsAndDuplicateKeysAreLocated(@TempDir Path dir) throws IOException {
    Path dup = dir.resolve("dup.yaml");
    Files.writeString(dup, "policy: default\ntests:\n  - name: a\n    name: b\n    action: {tool: x}\n    expect: deny\n");
    assertThatThrownBy(() -> PolicySuite.load(dup)).isInstanceOfSatisfying(PolicySuiteException.class,
        e -> assertThat(e.problems()).extracting(SuiteProblem::toString)
            .containsExactly(dup + ":4:5: duplicate key 'name' (first at line 3)"));

    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "policy: default\ntests: [\n");
    assertThatThrownBy(() -> PolicySuite.load(bad)).isInstanceOfSatisfying(PolicySuiteException.class,
        e -> assertThat(e.problems()).singleElement().satisfies(p -> {
          assertThat(p.line()).isPositive();
          assertThat(p.message()).startsWith("not valid YAML");
        }));
  }

  @Test
  void aPolicyPathIsRelativeToTheSuiteAndItsProblemsAreReported(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("policy.yaml"), """
        apiVersion: agentlane.dev/v1
        kind: Policy
        extends: [default]
        stop-conditions:
          - {id: stop.no-readme, kind: sensitive-paths, effect: deny, globs: [README.md]}
        """);
    Path suiteFile = dir.resolve("suite.yaml");
    Files.writeString(suiteFile, """
        policy: policy.yaml
        tests:
          - name: the README is off limits
            action: {tool: read_file, arguments: {path: README.md}}
            expect: deny
            rule: stop.no-readme
        """);
    SuiteResult result = PolicySuite.load(suiteFile).run();
    assertThat(result.failures()).as(result.report()).isEmpty();
    assertThat(result.suite().name()).isEqualTo("suite");

    Files.writeString(dir.resolve("policy.yaml"), "apiVersion: agentlane.dev/v1\nkind: Policy\nbogus: 1\n");
    assertThatThrownBy(() -> PolicySuite.load(suiteFile)).isInstanceOfSatisfying(PolicySuiteException.class,
        e -> assertThat(e.problems()).extracting(SuiteProblem::toString)
            .anySatisfy(s -> assertThat(s).startsWith(suiteFile + ":1:9: the policy 'policy.yaml' is invalid"))
            .anySatisfy(s -> assertThat(s).contains("policy.yaml:3:1").contains("bogus")));
  }
}
