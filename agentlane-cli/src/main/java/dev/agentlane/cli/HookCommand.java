package dev.agentlane.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code agentlane hook}: the policy as a pre-tool hook of a coding agent. Each subcommand reads one
 * {@code PreToolUse} event on standard input and answers in that agent's hook protocol, so a team can put
 * its Claude Code or Codex sessions on a promotion path without changing the agent. Reference:
 * {@code docs/cli/hooks.md}.
 */
@Command(name = "hook", mixinStandardHelpOptions = true,
    description = {
        "Answers a coding agent's PreToolUse hook: reads the event (JSON) on standard input, decides the tool "
            + "call with the policy, and answers allow, ask or deny in the agent's own protocol.",
        "Fails closed: a malformed event, an unreadable policy or state, or any error exits 2 with the reason on "
            + "standard error, which both agents treat as a refusal."},
    exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
        "0:this help (the hooks themselves are the subcommands below)",
        "2:no such subcommand"},
    subcommands = {ClaudeCodeHookCommand.class, CodexHookCommand.class, HookLauncherCommand.class})
final class HookCommand implements Runnable {
  @CommandLine.Spec
  private CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * Reports a hook that could not decide: the reason on standard error, and the exit status both agents
   * read as a refusal.
   */
  static int fail(PrintWriter err, RuntimeException e) {
    String message = e instanceof HookFailure || e instanceof CliException ? e.getMessage() : "internal error: " + e;
    err.println("agentlane: refused, the hook could not decide: " + message);
    err.flush();
    return HookFailure.EXIT;
  }
}
