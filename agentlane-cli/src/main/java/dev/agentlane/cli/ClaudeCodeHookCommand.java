package dev.agentlane.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code agentlane hook claude-code}: a Claude Code {@code PreToolUse} command hook. Answers with
 * {@code hookSpecificOutput.permissionDecision}: {@code allow} for ALLOW, {@code ask} for ESCALATE (the user
 * decides in Claude Code's permission prompt), {@code deny} for DENY and HALT, each with the reasons and
 * remedies as {@code permissionDecisionReason}.
 */
@Command(name = "claude-code", mixinStandardHelpOptions = true,
    description = {
        "A Claude Code PreToolUse hook. Reads the event on standard input and prints "
            + "{\"hookSpecificOutput\": {\"hookEventName\": \"PreToolUse\", \"permissionDecision\": ..., "
            + "\"permissionDecisionReason\": ...}}: allow for ALLOW, ask for ESCALATE (the user decides in Claude "
            + "Code's prompt), deny for DENY and HALT.",
        "Tools: Bash -> bash, Read -> read_file, Write -> write_file, Edit/MultiEdit/NotebookEdit -> edit_file, "
            + "Glob -> search, Grep -> grep, LS -> list_dir, WebFetch -> fetch; any other tool (mcp__server__tool) "
            + "keeps its name and input, and is denied unless the policy or --map maps it.",
        "The pair is agent claude-code (or --agent) and workflow --workflow; the run id is the session id; the "
            + "workspace is the event's cwd."},
    exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
        "0:answered on standard output in the agent's protocol (allow, ask or deny)",
        "2:could not decide (a malformed or unexpected event, an unreadable policy or state directory, an "
            + "error): the call is refused; the reason is on standard error"})
final class ClaudeCodeHookCommand implements Callable<Integer> {
  /** The agent name of the pair unless --agent says otherwise. */
  static final String AGENT = "claude-code";
  /** Claude Code's settings files in a project, where its hooks are configured (and can be disabled). */
  static final List<String> CONFIG = List.of(".claude/settings.json", ".claude/settings.local.json");

  @Spec
  private CommandSpec spec;

  @Mixin
  private HookOptions options = new HookOptions();

  /** The parsed options (for tests). */
  HookOptions options() {
    return options;
  }

  @Override
  public Integer call() {
    return answer(options, System.in, spec.commandLine().getOut(), spec.commandLine().getErr());
  }

  /** Answers the event on {@code in}; returns the exit status. Never throws for a failure: it refuses. */
  static int answer(HookOptions options, InputStream in, PrintWriter w, PrintWriter err) {
    try {
      HookRun.Answer a = HookRun.decide(in, options, AGENT, HookToolMap.claudeCode(), CONFIG);
      String decision = switch (a.verdict()) {
        case ALLOW -> "allow";
        case ESCALATE -> "ask";
        case DENY, HALT -> "deny";
      };
      ObjectNode out = HookEvent.object();
      out.putObject("hookSpecificOutput").put("hookEventName", HookEvent.PRE_TOOL_USE)
          .put("permissionDecision", decision).put("permissionDecisionReason", a.reason());
      w.println(out.toString());
      w.flush();
      return ExitCode.OK;
    } catch (RuntimeException e) {
      return HookCommand.fail(err, e);
    }
  }
}
