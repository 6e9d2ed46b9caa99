package dev.agentlane.cli;

/**
 * A failure a command reports to its user in one sentence (a file that cannot be read, a malformed
 * input), with the exit status it ends with. The command line prints the message to standard error and
 * exits; no stack trace.
 */
final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int exitCode;

  CliException(String message) {
    this(message, ExitCode.ERROR, null);
  }

  CliException(String message, int exitCode, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }
}
