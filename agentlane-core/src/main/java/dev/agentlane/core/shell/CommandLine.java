package dev.agentlane.core.shell;

import java.util.List;
import java.util.Objects;

/**
 * The result of parsing one command line: every simple command it would run.
 *
 * <p>Immutable and thread-safe.
 *
 * <p>{@code commands} lists the commands in source order, depth first: each command comes before
 * the commands nested in it (the command a wrapper runs, the commands of a {@code bash -c}
 * script, of a command substitution in one of its words, of a {@code find -exec}), and those
 * come before the next command of the line. Commands of a subshell or group come where the
 * subshell stands. Commands found in an unquoted here-document body come after the command line
 * the here-document belongs to. The list may be empty (blank lines, comments, assignment-only
 * lines).
 *
 * @param source the parsed line, unchanged
 * @param commands every simple command the line would run, in the order described above
 */
public record CommandLine(String source, List<SimpleCommand> commands) {

  /** Copies {@code commands} into an unmodifiable list. */
  public CommandLine {
    Objects.requireNonNull(source, "source");
    commands = List.copyOf(commands);
  }

  /** The program words of all commands, in order; a convenience for logs and tests. */
  public List<String> programs() {
    return commands.stream().map(SimpleCommand::program).toList();
  }
}
