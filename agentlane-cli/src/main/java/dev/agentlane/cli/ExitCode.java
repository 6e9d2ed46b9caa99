package dev.agentlane.cli;

/**
 * The exit status of every {@code agentlane} command. Stable: scripts and CI pipelines depend on it.
 *
 * <ul>
 *   <li>{@value #OK}: done; the policy is valid, the action is permitted, the tests passed, the log verifies
 *   <li>{@value #REFUSED}: the answer is no: the action is refused (DENY, ESCALATE, HALT), the policy has
 *       errors, a test failed, the audit log does not verify, a replay changes verdicts
 *   <li>{@value #USAGE}: the command line is wrong (picocli's own code for invalid input)
 *   <li>{@value #ERROR}: the command could not do its work: a file cannot be read or written, or an
 *       input is malformed
 * </ul>
 */
public final class ExitCode {
  private ExitCode() {}

  /** Done, and the answer is yes. */
  public static final int OK = 0;
  /** Done, and the answer is no. */
  public static final int REFUSED = 1;
  /** The command line is wrong. */
  public static final int USAGE = 2;
  /** The command could not do its work. */
  public static final int ERROR = 3;
}
