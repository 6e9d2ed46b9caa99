package dev.agentlane.cli;

import static dev.agentlane.cli.CoreFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code agentlane explain}, run as a separate process on real policy, action and state files. */
class ExplainCommandIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void helpNamesTheStepsAndTheInputs() {
    CliRun run = CliRun.of("explain", "--help");
    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).startsWith("Usage: agentlane explain").contains("--policy=POLICY", "--state=DIR",
        "--record-actions", "1 validate", "8 report", "Exit status:");
  }

  @Test
  void aHaltIsToldStepByStepWithTheRuleThatFired(@TempDir Path dir) {
    write(dir, "policy.yaml", CoreFixtures.TEAM_POLICY);
    CliRun run = CliRun.in(dir, CoreFixtures.CAT_ENV, "explain", "--policy", "policy.yaml", "-");
    assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.REFUSED);
    assertThat(run.out()).startsWith("agentlane explain: coder/bugfix calls bash\n")
        .contains("1. Normalize and validate the action: passed\n")
        .contains("2. Resolve the lane: passed\n"
            + "   coder/bugfix stands in lane sandbox (never assigned one: the policy's default lane)\n")
        .contains("3. Map the tool call to capabilities and resources: passed\n"
            + "   tool mapping: tool.bash\n"
            + "   command rules: command.npm.test, command.cat\n"
            + "   capabilities needed: tests.run (earned at sandbox), code.read (earned at draft)\n")
        .contains("4. Check every capability against the lane: passed\n"
            + "   tests.run is earned at sandbox: held in lane sandbox\n")
        .contains("5. Stop conditions, evidence, catalogue, approvals, obligations: fired\n"
            + "   HALT sensitive-path [stop.secrets]: '.env' (read) is a sensitive path matching '.env'\n"
            + "   obligation sandbox [obligation.sandbox]")
        .contains("6. Strictest verdict wins; grants and budgets: done\n"
            + "   strictest of 1 reason (HALT > DENY > ESCALATE > ALLOW): HALT, from sensitive-path [stop.secrets]\n"
            + "   coder/bugfix is halted until a named human resets it\n")
        .contains("7. Fail closed on any exception: passed\n")
        .contains("8. Report: done\n   HALT: execution refused at lane sandbox\n")
        .contains("   matched rules: tool.bash, command.npm.test, command.cat, stop.secrets, obligation.sandbox\n")
        .contains("   to proceed (human-reset): ");
  }

  @Test
  void anAllowedActionPassesEveryStep(@TempDir Path dir) {
    write(dir, "policy.yaml", CoreFixtures.TEAM_POLICY);
    CliRun run = CliRun.in(dir, CoreFixtures.NPM_TEST, "explain", "--policy", "policy.yaml", "-");
    assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.OK);
    assertThat(run.out()).contains("5. Stop conditions, evidence, catalogue, approvals, obligations: passed\n"
            + "   no stop condition, evidence requirement, catalogue check or approval rule fired\n")
        .contains("   no step gave a reason: ALLOW\n   no budget applies\n")
        .contains("   ALLOW: execution permitted at lane sandbox\n")
        .doesNotContain(": fired\n").doesNotContain("not-reached");
  }

  @Test
  void anEarlyStopLeavesTheLaterStepsNotReached(@TempDir Path dir) {
    write(dir, "policy.yaml", CoreFixtures.TEAM_POLICY);
    CliRun run = CliRun.in(dir, "{\"agent\":\"coder\",\"workflow\":\"bugfix\",\"tool\":\"rm_rf\"}", "explain",
        "--policy", "policy.yaml", "-");
    assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.REFUSED);
    assertThat(run.out()).contains("3. Map the tool call to capabilities and resources: fired\n"
            + "   DENY unmapped-tool [tool-mapping]: no tool mapping for 'rm_rf' (unknown tools are denied)\n\n")
        .contains("4. Check every capability against the lane: not-reached\n   the procedure stopped at step 3\n")
        .contains("6. Strictest verdict wins; grants and budgets: not-reached\n")
        .contains("   to proceed (map-tool): add a tool mapping for 'rm_rf' to the policy\n");
  }

  @Test
  void anInvalidActionStopsAtStepOneAndItsNamesArePrintedSafely(@TempDir Path dir) {
    CliRun run = CliRun.in(dir, "{\"agent\":\"co\\u001b[2Jder\",\"workflow\":\"bugfix\",\"tool\":\"bash\"}",
        "explain", "--policy", "default", "-");
    assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.REFUSED);
    assertThat(run.out()).doesNotContain("\u001b")
        .startsWith("agentlane explain: co\\u001b[2Jder/bugfix calls bash\n")
        .contains("1. Normalize and validate the action: fired\n   DENY invalid-action [validate]: ")
        .contains("2. Resolve the lane: not-reached\n   the procedure stopped at step 1\n")
        .contains("   DENY: execution refused\n");
  }

  @Test
  void aHaltedPairStopsAtStepTwoWithItsLaneFromTheState(@TempDir Path dir) {
    write(dir, "policy.yaml", CoreFixtures.TEAM_POLICY);
    CliRun.in(dir, CoreFixtures.CAT_ENV, "decide", "--policy", "policy.yaml", "--state", "state", "-");
    CliRun run = CliRun.in(dir, CoreFixtures.NPM_TEST, "explain", "--policy", "policy.yaml", "--state", "state", "-");
    assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.REFUSED);
    assertThat(run.out()).contains("2. Resolve the lane: fired\n   HALT halted [halt]: coder/bugfix is halted since ")
        .containsPattern("   coder/bugfix stands in lane draft \\(since \\S+\\)\n")
        .contains("3. Map the tool call to capabilities and resources: not-reached\n")
        .endsWith("audited in state/audit.jsonl\n");
  }

  @Test
  void jsonHoldsTheDecisionAndTheEightSteps(@TempDir Path dir) throws Exception {
    write(dir, "policy.yaml", CoreFixtures.TEAM_POLICY);
    CliRun run = CliRun.in(dir, CoreFixtures.GIT_PUSH, "explain", "--policy", "policy.yaml", "--format", "json", "-");
    assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.REFUSED);
    JsonNode root = JSON.readTree(run.out());
    assertThat(root.get("decision").get("verdict").asText()).isEqualTo("deny");
    JsonNode steps = root.get("steps");
    assertThat(steps).hasSize(8);
    assertThat(steps.findValuesAsText("outcome")).containsExactly("passed", "passed", "passed", "fired", "fired",
        "done", "passed", "done");
    assertThat(steps.get(3).get("reasons").get(0).get("rule").asText()).isEqualTo("lane.branch.write");
    assertThat(steps.get(4).get("reasons").findValuesAsText("code")).containsOnly("evidence-missing");
    assertThat(steps.get(3).get("details").get(0).asText())
        .isEqualTo("branch.write is earned at governed: above lane sandbox");
  }
}
