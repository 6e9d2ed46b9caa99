package dev.agentlane.cli;

import static dev.agentlane.cli.HookEvents.codex;
import static dev.agentlane.cli.HookEvents.patch;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code agentlane hook codex}, run as Codex runs it: the real jar, a real event on standard input. */
class CodexHookIT {
  @TempDir
  Path repo;

  private CliRun hook(String event, String... options) {
    List<String> args = new ArrayList<>(List.of("hook", "codex"));
    args.addAll(List.of(options));
    return CliRun.in(repo, event, args.toArray(String[]::new));
  }

  /** The reason of a deny, after checking that the output is exactly Codex's deny form. */
  private static String denied(CliRun run) {
    assertThat(run.exit()).as(run.toString()).isZero();
    JsonNode out = HookEvents.tree(run.out());
    assertThat(out.size()).as(run.out()).isEqualTo(1);
    JsonNode h = out.get("hookSpecificOutput");
    assertThat(h.get("hookEventName").asText()).isEqualTo("PreToolUse");
    assertThat(h.get("permissionDecision").asText()).isEqualTo("deny");
    assertThat(h.size()).isEqualTo(3);
    String reason = h.get("permissionDecisionReason").asText();
    assertThat(reason).as("Codex ignores a deny without a reason").isNotBlank();
    return reason;
  }

  @Test
  void anAllowedCallPrintsNothingSoCodexGoesOnWithItsOwnApprovals() {
    CliRun run = hook(codex(repo, "Bash", "{\"command\": \"git status\"}"));
    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).isEmpty();
  }

  @Test
  void readingASecretIsDenied() {
    assertThat(denied(hook(codex(repo, "Bash", "{\"command\": \"cat config/.env.production\"}"))))
        .startsWith("agentlane: HALT at lane draft").contains("sensitive-path [stop.secrets]");
  }

  @Test
  void runningTestsInDraftIsDeniedAndAllowedInSandbox() {
    String event = codex(repo, "Bash", "{\"command\": \"npm test\"}");
    assertThat(denied(hook(event))).contains("lane-too-low [lane.tests.run]");
    CliRun sandbox = hook(event, "--lane", "sandbox");
    assertThat(sandbox.exit()).as(sandbox.toString()).isZero();
    assertThat(sandbox.out()).isEmpty();
  }

  @Test
  void anEscalationIsDeniedBecauseCodexHooksCannotAsk() {
    String event = codex(repo, "apply_patch", patch("*** Begin Patch", "*** Add File: .github/workflows/ci.yml",
        "+on: push", "*** End Patch"));
    assertThat(denied(hook(event, "--lane", "sandbox"))).startsWith("agentlane: ESCALATE at lane sandbox")
        .contains("sensitive-path [stop.infra-and-ci]").contains("Codex hooks cannot ask");
  }

  @Test
  void aPatchIsJudgedFileByFileAndTheStrictestVerdictAnswers() {
    String event = codex(repo, "apply_patch", patch("*** Begin Patch", "*** Update File: src/app.ts", "@@",
        "-old", "+new", "*** Delete File: src/unused.ts", "*** Update File: src/b.ts", "*** Move to: /etc/cron.d/agent",
        "@@", " x", "*** End Patch"));
    String reason = denied(hook(event, "--lane", "sandbox"));
    assertThat(reason).startsWith("agentlane: DENY for 4 actions")
        .contains("* apply_patch update src/app.ts: ALLOW at lane sandbox")
        .contains("* apply_patch delete src/unused.ts: ALLOW")
        .contains("* apply_patch move /etc/cron.d/agent: DENY").contains("path-outside-workspace");

    CliRun inside = hook(codex(repo, "apply_patch", patch("*** Begin Patch", "*** Update File: src/app.ts", "@@",
        "-old", "+new", "*** End of File", "*** End Patch")), "--lane", "sandbox");
    assertThat(inside.exit()).as(inside.toString()).isZero();
    assertThat(inside.out()).isEmpty();
  }

  @Test
  void aPatchCannotTurnTheHookOff() {
    String event = codex(repo, "apply_patch", patch("*** Begin Patch", "*** Update File: .codex/hooks.json", "@@",
        "-{\"hooks\": {}}", "+{}", "*** End Patch"));
    assertThat(denied(hook(event, "--lane", "sandbox"))).contains("sensitive-path [hook.protected-files]");
  }

  @Test
  void aPatchThisHookCannotReadIsRefused() {
    for (String p : List.of(patch("*** Update File: a.ts"), patch("*** Begin Patch", "*** End Patch"),
        patch("*** Begin Patch", "*** Rename File: a.ts", "*** End Patch"),
        patch("*** Begin Patch", "*** Add File: a.ts", "+x"))) {
      CliRun run = hook(codex(repo, "apply_patch", p), "--lane", "sandbox");
      assertThat(run.exit()).as(run.toString()).isEqualTo(2);
      assertThat(run.out()).isEmpty();
      assertThat(run.err()).contains("cannot read the apply_patch input as a patch");
    }
  }

  @Test
  void anMcpToolKeepsItsNameAndIsDeniedUnlessMapped() {
    String event = codex(repo, "mcp__memory__create_entities", "{\"entities\": []}");
    assertThat(denied(hook(event))).contains("unmapped-tool").contains("'mcp__memory__create_entities'");
  }

  @Test
  void aMalformedEventIsRefusedWithExitTwo() {
    CliRun run = hook("{\"session_id\": \"s\", \"hook_event_name\": \"PreToolUse\"}");
    assertThat(run.exit()).as(run.toString()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("agentlane: refused, the hook could not decide: the hook event has no cwd");
  }

  @Test
  void helpDescribesTheProtocol() {
    CliRun help = CliRun.of("hook", "codex", "--help");
    assertThat(help.exit()).as(help.toString()).isZero();
    assertThat(help.out()).startsWith("Usage: agentlane hook codex").contains("apply_patch")
        .contains("cannot ask").contains("Exit codes:");
  }
}
