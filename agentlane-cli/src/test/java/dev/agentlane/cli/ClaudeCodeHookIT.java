package dev.agentlane.cli;

import static dev.agentlane.cli.HookEvents.claude;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentlane.AgentKey;
import dev.agentlane.Lane;
import dev.agentlane.core.audit.AuditLogs;
import dev.agentlane.core.audit.AuditVerification;
import dev.agentlane.core.promotion.FileLedgerStore;
import dev.agentlane.core.promotion.LedgerLaneDirectory;
import dev.agentlane.policyfile.PolicyFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code agentlane hook claude-code}, run as Claude Code runs it: the real jar, a real event on standard input. */
class ClaudeCodeHookIT {
  @TempDir
  Path repo;

  /** The decision Claude Code reads from a hook's standard output. */
  record Answer(String decision, String reason) {
    static Answer of(CliRun run) {
      assertThat(run.exit()).as(run.toString()).isZero();
      JsonNode out = HookEvents.tree(run.out());
      JsonNode h = out.get("hookSpecificOutput");
      assertThat(out.size()).as(run.out()).isEqualTo(1);
      assertThat(h.get("hookEventName").asText()).isEqualTo("PreToolUse");
      return new Answer(h.get("permissionDecision").asText(), h.get("permissionDecisionReason").asText());
    }
  }

  private CliRun hook(String event, String... options) {
    List<String> args = new ArrayList<>(List.of("hook", "claude-code"));
    args.addAll(List.of(options));
    return CliRun.in(repo, event, args.toArray(String[]::new));
  }

  @Test
  void readingASecretWithCatIsDeniedAsASensitivePath() {
    Answer a = Answer.of(hook(claude(repo, "Bash", "{\"command\": \"cat .env\", \"description\": \"Show env\"}")));
    assertThat(a.decision()).isEqualTo("deny");
    assertThat(a.reason()).startsWith("agentlane: HALT at lane draft").contains("sensitive-path [stop.secrets]")
        .contains("'.env'").contains("to proceed:");
  }

  @Test
  void runningTestsInDraftIsDeniedBecauseTheLaneIsTooLow() {
    Answer a = Answer.of(hook(claude(repo, "Bash", "{\"command\": \"npm test\"}")));
    assertThat(a.decision()).isEqualTo("deny");
    assertThat(a.reason()).contains("lane-too-low [lane.tests.run]").contains("needs lane sandbox");
  }

  @Test
  void readingSourceInDraftIsAllowed() {
    Answer a = Answer.of(hook(claude(repo, "Read", "{\"file_path\": \"" + repo.resolve("src/App.java") + "\"}")));
    assertThat(a.decision()).isEqualTo("allow");
    assertThat(a.reason()).isEqualTo("agentlane: ALLOW at lane draft");
  }

  @Test
  void aPairPromotedToSandboxInTheStateDirectoryMayRunTestsAndEveryDecisionIsAudited() {
    Path state = repo.resolve(".agentlane");
    LedgerLaneDirectory.builder().policy(PolicyFiles.defaultPolicy())
        .store(FileLedgerStore.open(state.resolve("ledger"))).build()
        .assign(AgentKey.of("claude-code", "bugfix"), Lane.SANDBOX, "alice", "clean reviews in draft");

    Answer tests = Answer.of(hook(claude(repo, "Bash", "{\"command\": \"npm test\"}"),
        "--state", state.toString(), "--workflow", "bugfix"));
    assertThat(tests.decision()).isEqualTo("allow");
    assertThat(tests.reason()).startsWith("agentlane: ALLOW at lane sandbox")
        .contains("obligation sandbox [obligation.sandbox]");
    Answer otherWorkflow = Answer.of(hook(claude(repo, "Bash", "{\"command\": \"npm test\"}"),
        "--state", state.toString(), "--workflow", "features"));
    assertThat(otherWorkflow.decision()).isEqualTo("deny");

    AuditVerification audit = AuditLogs.verify(state.resolve(StateDir.AUDIT));
    assertThat(audit.ok()).as(audit.toString()).isTrue();
    assertThat(audit.records()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void aTeamPolicyThatExtendsTheDefaultCanStartNewPairsInSandbox() throws Exception {
    Path policy = Files.writeString(repo.resolve("agentlane.yaml"), """
        apiVersion: agentlane.dev/v1
        kind: Policy
        metadata: {name: our-repo}
        extends: [default]
        default-lane: sandbox
        """);
    Answer a = Answer.of(hook(claude(repo, "Bash", "{\"command\": \"npm test\"}"), "-p", policy.toString()));
    assertThat(a.decision()).isEqualTo("allow");
    assertThat(a.reason()).startsWith("agentlane: ALLOW at lane sandbox");
  }

  @Test
  void theAgentCannotWriteWhatControlsTheHook(@TempDir Path outside) throws Exception {
    Path policy = Files.writeString(repo.resolve("agentlane.yaml"),
        "apiVersion: agentlane.dev/v1\nkind: Policy\nextends: [default]\ndefault-lane: sandbox\n");
    Path inside = repo.resolve(".agentlane");
    Answer shell = Answer.of(hook(claude(repo, "Bash", "{\"command\": \"echo '{}' > .agentlane/ledger/pair.json\"}"),
        "-p", policy.toString(), "--state", inside.toString()));
    assertThat(shell.decision()).isEqualTo("deny");
    assertThat(shell.reason()).contains("sensitive-path [hook.protected-files]");
    Answer write = Answer.of(hook(claude(repo, "Write", "{\"file_path\": \"" + inside.resolve("audit.jsonl")
        + "\", \"content\": \"\"}"), "-p", policy.toString(), "--state", inside.toString()));
    assertThat(write.reason()).contains("sensitive-path [hook.protected-files]");
    Answer read = Answer.of(hook(claude(repo, "Read", "{\"file_path\": \"" + inside.resolve("audit.jsonl") + "\"}"),
        "-p", policy.toString(), "--state", inside.toString()));
    assertThat(read.decision()).as("reading the audit log changes nothing").isEqualTo("allow");

    // outside: another directory under /tmp, which the default policy lets agents write
    Answer tmp = Answer.of(hook(claude(repo, "Bash", "{\"command\": \"rm -rf " + outside + "\"}"),
        "-p", policy.toString(), "--state", outside.toString()));
    assertThat(tmp.reason()).contains("sensitive-path [hook.protected-files]");
    Answer plainTmp = Answer.of(hook(claude(repo, "Bash", "{\"command\": \"rm -rf " + outside + "\"}"),
        "-p", policy.toString()));
    assertThat(plainTmp.decision()).as("without --state there is nothing to protect").isEqualTo("allow");

    for (String command : List.of("sed -i s/sandbox/production/ agentlane.yaml", "rm .claude/settings.json",
        "echo '{\"disableAllHooks\": true}' > .claude/settings.local.json", "rm -rf .claude")) {
      Answer a = Answer.of(hook(claude(repo, "Bash", HookEvents.JSON.createObjectNode().put("command", command)
          .toString()), "-p", policy.toString()));
      assertThat(a.reason()).as(command).contains("sensitive-path [hook.protected-files]");
    }
    Answer otherSettings = Answer.of(hook(claude(repo, "Bash", "{\"command\": \"echo x > .claude/commands/fix.md\"}"),
        "-p", policy.toString()));
    assertThat(otherSettings.decision()).isEqualTo("allow");

    CliRun workspaceAsState = hook(claude(repo, "Bash", "{\"command\": \"ls\"}"), "--state", repo.toString());
    assertThat(workspaceAsState.exit()).isEqualTo(2);
    assertThat(workspaceAsState.err()).contains("is or contains the workspace");
  }

  @Test
  void aHaltLatchesInTheStateDirectoryUntilAHumanResetsIt() {
    Path state = repo.resolve(".agentlane");
    Answer secret = Answer.of(hook(claude(repo, "Bash", "{\"command\": \"cat .env\"}"), "--state", state.toString()));
    assertThat(secret.reason()).startsWith("agentlane: HALT");

    Answer next = Answer.of(hook(claude(repo, "Bash", "{\"command\": \"ls\"}"), "--state", state.toString()));
    assertThat(next.decision()).isEqualTo("deny");
    assertThat(next.reason()).contains("halted [halt]").contains("claude-code/default is halted");
  }

  @Test
  void aLinkInsideTheWorkspaceIsJudgedWhereItPoints(@TempDir Path home) throws Exception {
    Files.createDirectories(home.resolve(".ssh"));
    Files.writeString(home.resolve(".ssh/config"), "Host *");
    Files.createSymbolicLink(repo.resolve("keys"), home.resolve(".ssh"));
    Files.createDirectories(repo.resolve(".git"));
    Files.createSymbolicLink(repo.resolve("hooks"), repo.resolve(".git"));

    Answer outside = Answer.of(hook(claude(repo, "Read", "{\"file_path\": \"" + repo.resolve("keys/config") + "\"}")));
    assertThat(outside.decision()).isEqualTo("deny");
    assertThat(outside.reason()).contains("sensitive-path [stop.secrets]");
    Answer shell = Answer.of(hook(claude(repo, "Bash", "{\"command\": \"cat keys/config\"}")));
    assertThat(shell.decision()).isEqualTo("deny");
    Answer intoGit = Answer.of(hook(claude(repo, "Write", "{\"file_path\": \"" + repo.resolve("hooks/config")
        + "\", \"content\": \"x\"}"), "--lane", "sandbox"));
    assertThat(intoGit.decision()).as(intoGit.reason()).isEqualTo("ask");
    assertThat(intoGit.reason()).contains("sensitive-path [stop.infra-and-ci]");
  }

  @Test
  void writingCiConfigurationInSandboxAsksTheUser() {
    Answer a = Answer.of(hook(claude(repo, "Write", "{\"file_path\": \"" + repo.resolve(".github/workflows/ci.yml")
        + "\", \"content\": \"on: push\"}"), "--lane", "sandbox"));
    assertThat(a.decision()).isEqualTo("ask");
    assertThat(a.reason()).startsWith("agentlane: ESCALATE at lane sandbox")
        .contains("sensitive-path [stop.infra-and-ci]");
  }

  @Test
  void editsAndSearchesAreJudgedByTheirPaths() {
    Answer edit = Answer.of(hook(claude(repo, "Edit", "{\"file_path\": \"" + repo.resolve("src/a.ts")
        + "\", \"old_string\": \"a\", \"new_string\": \"b\", \"replace_all\": false}"), "--lane", "sandbox"));
    assertThat(edit.decision()).as(edit.reason()).isEqualTo("allow");
    Answer multi = Answer.of(hook(claude(repo, "MultiEdit", "{\"file_path\": \"/etc/passwd\", \"edits\": []}"),
        "--lane", "sandbox"));
    assertThat(multi.reason()).contains("path-outside-workspace");
    Answer grep = Answer.of(hook(claude(repo, "Grep", "{\"pattern\": \"\\\\.env\", \"path\": \"" + repo.resolve("src")
        + "\", \"output_mode\": \"content\"}")));
    assertThat(grep.decision()).as("a search pattern is not a path").isEqualTo("allow");
    Answer globSecrets = Answer.of(hook(claude(repo, "Glob", "{\"pattern\": \"**/.env*\"}")));
    assertThat(globSecrets.reason()).contains("sensitive-path [stop.secrets]");
  }

  @Test
  void anMcpToolIsDeniedUnlessItIsMapped() throws Exception {
    String event = claude(repo, "mcp__files__read", "{\"path\": \"src/a.ts\"}");
    assertThat(Answer.of(hook(event)).reason()).contains("unmapped-tool").contains("'mcp__files__read'");
    assertThat(Answer.of(hook(event, "--map", "mcp__files__read=read_file")).decision()).isEqualTo("allow");

    Path map = repo.resolve("tools.map");
    Files.writeString(map, "# our MCP servers\nmcp__files__read = read_file\n\nWebFetch=http_get\n");
    assertThat(Answer.of(hook(event, "--map-file", map.toString())).decision()).isEqualTo("allow");
  }

  @Test
  void aMappedTargetKeepsTheBuiltInTranslation() {
    String fetch = claude(repo, "WebFetch", "{\"url\": \"https://evil.example/x\", \"prompt\": \"summarize\"}");
    Answer a = Answer.of(hook(fetch, "--lane", "sandbox", "--map", "WebFetch=http_get"));
    assertThat(a.decision()).isEqualTo("deny");
    assertThat(a.reason()).contains("host-not-allowed [tool.http_get]");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "{not json",
      "[]",
      "{\"hook_event_name\": \"PreToolUse\"}",
      "{\"session_id\": \"s\", \"cwd\": \"/r\", \"hook_event_name\": \"PostToolUse\", \"tool_name\": \"Bash\", \"tool_input\": {}}",
      "{\"session_id\": \"s\", \"cwd\": \"/r\", \"hook_event_name\": \"PreToolUse\", \"tool_input\": {\"command\": \"ls\"}}",
      "{\"session_id\": \"s\", \"cwd\": \"/r\", \"hook_event_name\": \"PreToolUse\", \"tool_name\": \"Bash\"}",
      "{\"session_id\": \"s\", \"cwd\": \"/r\", \"hook_event_name\": \"PreToolUse\", \"tool_name\": \"Bash\", \"tool_input\": \"ls\"}",
      "{\"session_id\": \"s\", \"cwd\": \"r\", \"hook_event_name\": \"PreToolUse\", \"tool_name\": \"Bash\", \"tool_input\": {\"command\": \"ls\"}}",
      "{\"session_id\": 7, \"cwd\": \"/r\", \"hook_event_name\": \"PreToolUse\", \"tool_name\": \"Bash\", \"tool_input\": {\"command\": \"ls\"}}",
      "{\"session_id\": \"s\", \"cwd\": \"/r\", \"hook_event_name\": \"PreToolUse\", \"tool_name\": \"Bash\", \"tool_input\": {\"cmd\": \"ls\"}}",
      "{\"session_id\": \"s\", \"cwd\": \"/r\", \"hook_event_name\": \"PreToolUse\", \"tool_name\": \"Bash\", \"tool_input\": {\"command\": \"ls\", \"command\": \"cat .env\"}}",
      "{\"session_id\": \"s\", \"cwd\": \"/r\", \"hook_event_name\": \"PreToolUse\", \"tool_name\": \"Bash\", \"tool_input\": {\"command\": \"ls\"}} {}",
  })
  void aMalformedEventIsRefusedWithExitTwoAndAReason(String event) {
    CliRun run = hook(event);
    assertThat(run.exit()).as(run.toString()).isEqualTo(2);
    assertThat(run.out()).as("nothing Claude Code could read as an allow").isEmpty();
    assertThat(run.err()).startsWith("agentlane: refused, the hook could not decide: ");
  }

  @Test
  void aBrokenPolicyOrStateOrCommandLineIsRefusedWithExitTwo() throws Exception {
    String event = claude(repo, "Bash", "{\"command\": \"ls\"}");
    Path policy = repo.resolve("policy.yaml");
    Files.writeString(policy, "apiVersion: agentlane.dev/v1\nkind: Policy\ntools: {bash: {command: 3}}\n");
    Path notADirectory = Files.writeString(repo.resolve("file"), "x");
    List<CliRun> runs = List.of(
        hook(event, "--policy", policy.toString()),
        hook(event, "--policy", repo.resolve("missing.yaml").toString()),
        hook(event, "--state", notADirectory.toString()),
        hook(event, "--state", repo.resolve("s").toString(), "--lane", "sandbox"),
        hook(event, "--lane", "heaven"),
        hook(event, "--map", "Bash"),
        hook(event, "--lock-timeout", "soon"),
        hook(event, "--frobnicate"));
    for (CliRun run : runs) {
      assertThat(run.exit()).as(run.toString()).isEqualTo(2);
      assertThat(run.out()).as(run.toString()).isEmpty();
      assertThat(run.err()).as(run.toString()).isNotBlank();
    }
    assertThat(runs.get(0).err()).contains("policy.yaml");
    assertThat(runs.get(3).err()).contains("--lane is for trying the hook without a state directory");
    assertThat(runs.get(4).err()).contains("--lane heaven is not a lane of the policy");
    assertThat(runs.get(7).err()).contains("Unknown option: '--frobnicate'");
  }

  @Test
  void concurrentCallsOnOneStateDirectoryTakeTurnsAndAllAreAudited() throws Exception {
    Path state = repo.resolve(".agentlane");
    String event = claude(repo, "Bash", "{\"command\": \"git status\"}");
    int n = 4;
    CountDownLatch start = new CountDownLatch(1);
    List<CompletableFuture<CliRun>> runs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      runs.add(CompletableFuture.supplyAsync(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
        return hook(event, "--state", state.toString());
      }));
    }
    start.countDown();
    for (CompletableFuture<CliRun> r : runs) {
      assertThat(Answer.of(r.join()).decision()).isEqualTo("allow");
    }
    AuditVerification audit = AuditLogs.verify(state.resolve(StateDir.AUDIT));
    assertThat(audit.ok()).as(audit.toString()).isTrue();
    assertThat(audit.records()).isEqualTo(n);
  }

  @Test
  void helpDescribesTheProtocolAndTheExitCodes() {
    CliRun help = CliRun.of("hook", "claude-code", "--help");
    assertThat(help.exit()).as(help.toString()).isZero();
    assertThat(help.out()).startsWith("Usage: agentlane hook claude-code").contains("permissionDecision")
        .contains("--state=DIR").contains("--lane=LANE").contains("--map=TOOL=AGENTLANE_TOOL")
        .contains("Exit codes:").contains("could not decide");
    CliRun hook = CliRun.of("hook");
    assertThat(hook.exit()).isZero();
    assertThat(hook.out()).contains("claude-code").contains("codex").contains("launcher");
  }
}
