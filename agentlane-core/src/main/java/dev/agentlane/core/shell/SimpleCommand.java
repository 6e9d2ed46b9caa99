package dev.agentlane.core.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One program invocation found in a command line.
 *
 * <p>Immutable and thread-safe.
 *
 * <p>{@code argv.get(0)} is the program word; it is never missing. If it is {@link
 * Word#expanded() expanded} ({@code $CMD args}) the program is not known statically and a
 * consumer must deny it. {@code assignments} are the {@code NAME=value} words before the
 * program, or given to {@code env}/{@code sudo} for the command they run. {@code redirections}
 * are those written on the command, those inherited from the wrapper that runs it, and those of
 * an enclosing subshell or group.
 *
 * @param argv the program word followed by its arguments; never empty
 * @param assignments environment assignments for this command, such as {@code "FOO=bar"}
 * @param redirections the redirections that apply to this command
 * @param role whether this command only runs another command that follows it in the list
 * @param origin how this command was reached
 * @param depth nesting depth; 0 for commands written directly in the line
 */
public record SimpleCommand(
    List<Word> argv,
    List<String> assignments,
    List<Redirection> redirections,
    Role role,
    Origin origin,
    int depth) {

  /** Whether a command runs something itself or only launches the next command. */
  public enum Role {
    /** An ordinary command. */
    COMMAND,
    /**
     * A wrapper ({@code sudo}, {@code env}, {@code timeout}, {@code xargs}, {@code bash -c},
     * {@code eval} ...) that runs the command or script yielded right after it, at depth + 1.
     * A wrapper that runs nothing ({@code command -v x}, a bare {@code env}) has role {@link
     * #COMMAND}.
     */
    WRAPPER
  }

  /** How a command was reached. */
  public enum Origin {
    /** Written directly in the line, alone or in an and-or list. */
    TOP_LEVEL,
    /** Written directly in the line as a member of a pipeline of two or more commands. */
    PIPELINE,
    /** Written directly in the line in an and-or list that is run in the background. */
    BACKGROUND,
    /** Inside {@code ( ... )} or {@code { ...; }}. */
    SUBSHELL,
    /** Inside {@code $( ... )} or backquotes, including in an unquoted here-document. */
    COMMAND_SUBSTITUTION,
    /** Inside {@code <( ... )} or {@code >( ... )}. */
    PROCESS_SUBSTITUTION,
    /** In a script given to {@code bash -c}, {@code eval}, {@code su -c}, {@code watch} ... */
    NESTED_SCRIPT,
    /** The command run by a wrapper such as {@code sudo}, {@code env} or {@code timeout}. */
    WRAPPED,
    /** The command run by {@code xargs}; its arguments are completed from input at runtime. */
    XARGS,
    /** A command run by {@code find -exec}, {@code -execdir}, {@code -ok} or {@code -okdir}. */
    FIND_EXEC
  }

  /** Copies the lists and checks the invariants. */
  public SimpleCommand {
    argv = List.copyOf(argv);
    assignments = List.copyOf(assignments);
    redirections = List.copyOf(redirections);
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(origin, "origin");
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("argv must not be empty");
    }
    if (depth < 0) {
      throw new IllegalArgumentException("depth must not be negative: " + depth);
    }
  }

  /** The program word's value, {@code argv.get(0).value()}. */
  public String program() {
    return argv.get(0).value();
  }

  /** The values of the words after the program. */
  public List<String> args() {
    return argv.subList(1, argv.size()).stream().map(Word::value).toList();
  }

  /** This command with {@code extra} appended to its redirections. */
  SimpleCommand withMoreRedirections(List<Redirection> extra) {
    if (extra.isEmpty()) {
      return this;
    }
    List<Redirection> all = new ArrayList<>(redirections);
    all.addAll(extra);
    return new SimpleCommand(argv, assignments, all, role, origin, depth);
  }
}
