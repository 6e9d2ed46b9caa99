package dev.agentlane.cli;

/**
 * A hook that cannot decide: the event is malformed, a field is missing, the policy or the state
 * directory cannot be read, or anything else went wrong. The hook commands answer it by exiting with
 * {@value #EXIT} and the message on standard error, which Claude Code and Codex both treat as a refusal
 * of the tool call: the hook fails closed.
 */
final class HookFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * The exit status of a hook that could not decide. Claude Code and Codex both block the tool call on
   * exit status 2 and show standard error as the reason; any other non-zero status would let the call
   * run.
   */
  static final int EXIT = 2;

  HookFailure(String message) {
    super(message);
  }

  HookFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
