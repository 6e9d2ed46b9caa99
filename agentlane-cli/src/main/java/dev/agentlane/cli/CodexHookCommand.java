package dev.agentlane.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentlane.Verdict;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code agentlane hook codex}: a Codex {@code PreToolUse} command hook. Codex's hooks can only block a
 * call ({@code permissionDecision: "deny"} with a reason); {@code "allow"} without {@code updatedInput} and
 * {@code "ask"} are unsupported there and make the hook's run fail, after which Codex runs the call anyway.
 * So ALLOW prints nothing (Codex goes on with its own approval policy), and DENY, HALT and ESCALATE all
 * answer {@code deny}; ESCALATE says that a human must approve.
 */
@Command(name = "codex", mixinStandardHelpOptions = true,
    description = {
        "A Codex PreToolUse hook. Reads the event on standard input; for ALLOW prints nothing (Codex goes on "
            + "with its own approval policy); for DENY, HALT and ESCALATE prints {\"hookSpecificOutput\": "
            + "{\"hookEventName\": \"PreToolUse\", \"permissionDecision\": \"deny\", \"permissionDecisionReason\": "
            + "...}}. Codex hooks cannot ask the user (\"ask\" would let the call run), so ESCALATE is refused.",
        "Tools: Bash -> bash; apply_patch -> one write_file action per file the patch adds, updates, deletes or "
            + "moves (the strictest verdict answers); any other tool (mcp__server__tool) keeps its name and "
            + "input, and is denied unless the policy or --map maps it.",
        "The pair is agent codex (or --agent) and workflow --workflow; the run id is the session id; the workspace "
            + "is the event's cwd."},
    exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
        "0:answered on standard output in the agent's protocol (nothing for allow, or deny)",
        "2:could not decide (a malformed or unexpected event, an unreadable policy or state directory, an "
            + "error): the call is refused; the reason is on standard error"})
final class CodexHookCommand implements Callable<Integer> {
  /** The agent name of the pair unless --agent says otherwise. */
  static final String AGENT = "codex";
  /** Codex's configuration files in a project, where its hooks are configured. */
  static final List<String> CONFIG = List.of(".codex/hooks.json", ".codex/config.toml");

  @Spec
  private CommandSpec spec;

  @Mixin
  private HookOptions options = new HookOptions();

  @Override
  public Integer call() {
    return answer(options, System.in, spec.commandLine().getOut(), spec.commandLine().getErr());
  }

  /** Answers the event on {@code in}; returns the exit status. Never throws for a failure: it refuses. */
  static int answer(HookOptions options, InputStream in, PrintWriter w, PrintWriter err) {
    try {
      HookRun.Answer a = HookRun.decide(in, options, AGENT, HookToolMap.codex(), CONFIG);
      if (a.verdict() == Verdict.ALLOW) {
        return ExitCode.OK;
      }
      String reason = a.verdict() == Verdict.ESCALATE
          ? a.reason() + "\n(a human must approve this call; Codex hooks cannot ask, so agentlane refuses it)"
          : a.reason();
      ObjectNode out = HookEvent.object();
      out.putObject("hookSpecificOutput").put("hookEventName", HookEvent.PRE_TOOL_USE)
          .put("permissionDecision", "deny").put("permissionDecisionReason", reason);
      w.println(out.toString());
      w.flush();
      return ExitCode.OK;
    } catch (RuntimeException e) {
      return HookCommand.fail(err, e);
    }
  }
}
