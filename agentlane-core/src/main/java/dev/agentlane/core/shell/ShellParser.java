package dev.agentlane.core.shell;

import java.util.Objects;

/**
 * Parses a POSIX/bash command line into every simple command it would run.
 *
 * <p>Immutable and thread-safe: one instance may parse many lines concurrently; every call to
 * {@link #parse(String)} works on its own state.
 *
 * <p>The parser is deliberately conservative. It understands quoting ({@code '...'}, {@code
 * "..."}, {@code $'...'}, backslashes, line continuations), lists ({@code ; & && || |
 * |&} and newlines), comments, subshells and groups, command, process and parameter
 * substitution, redirections including here-documents and here-strings, leading assignments,
 * common wrappers ({@code sudo}, {@code env}, {@code timeout}, {@code xargs}, {@code find
 * -exec} ...) and nested scripts ({@code bash -c}, {@code eval}, {@code su -c}). Everything
 * else, notably compound commands ({@code if}, {@code for}, {@code case}, {@code [[ ]]}, {@code
 * (( ))}, function definitions), is rejected with a {@link ShellSyntaxException}, as is anything
 * whose commands cannot be known statically ({@code bash -c "$SCRIPT"}, {@code eval "$X"}, an
 * unrecognised wrapper option). The work done is linear in the length of the line times the
 * nesting depth, and recursion is bounded by the depth limit.
 */
public final class ShellParser {

  /** The default maximum line length, in chars. */
  public static final int DEFAULT_MAX_LENGTH = 65_536;

  /** The default maximum nesting depth. */
  public static final int DEFAULT_MAX_DEPTH = 8;

  /** The default maximum number of simple commands in one line. */
  public static final int DEFAULT_MAX_COMMANDS = 256;

  /** The largest accepted depth limit; keeps recursion far below the JVM stack size. */
  static final int DEPTH_CEILING = 64;

  private static final ShellParser DEFAULTS =
      new ShellParser(DEFAULT_MAX_LENGTH, DEFAULT_MAX_DEPTH, DEFAULT_MAX_COMMANDS);

  private final int maxLength;
  private final int maxDepth;
  private final int maxCommands;

  private ShellParser(int maxLength, int maxDepth, int maxCommands) {
    this.maxLength = maxLength;
    this.maxDepth = maxDepth;
    this.maxCommands = maxCommands;
  }

  /**
   * A parser with the default limits: lines of at most {@value #DEFAULT_MAX_LENGTH} chars,
   * nesting at most {@value #DEFAULT_MAX_DEPTH} deep, at most {@value #DEFAULT_MAX_COMMANDS}
   * commands.
   */
  public static ShellParser ofDefaults() {
    return DEFAULTS;
  }

  /**
   * A parser with the given limits.
   *
   * @param maxLength the longest line accepted, in chars; at least 1
   * @param maxDepth how deeply subshells, substitutions, wrappers and nested scripts may nest;
   *     between 1 and 64
   * @param maxCommands the most simple commands (wrappers included) one line may yield; at
   *     least 1
   * @throws IllegalArgumentException if a limit is out of range
   */
  public static ShellParser withLimits(int maxLength, int maxDepth, int maxCommands) {
    if (maxLength < 1) {
      throw new IllegalArgumentException("maxLength must be at least 1: " + maxLength);
    }
    if (maxDepth < 1 || maxDepth > DEPTH_CEILING) {
      throw new IllegalArgumentException(
          "maxDepth must be between 1 and " + DEPTH_CEILING + ": " + maxDepth);
    }
    if (maxCommands < 1) {
      throw new IllegalArgumentException("maxCommands must be at least 1: " + maxCommands);
    }
    return new ShellParser(maxLength, maxDepth, maxCommands);
  }

  /**
   * Parses one command line.
   *
   * @param line the command line, as the shell tool would receive it
   * @return every simple command the line would run
   * @throws ShellSyntaxException if the line is too long, contains a NUL character, is
   *     malformed, nests too deeply, yields too many commands, or uses a construct whose
   *     commands cannot be determined statically
   */
  public CommandLine parse(String line) throws ShellSyntaxException {
    Objects.requireNonNull(line, "line");
    if (line.length() > maxLength) {
      throw new ShellSyntaxException(
          "line is longer than " + maxLength + " characters", maxLength);
    }
    int nul = line.indexOf('\0');
    if (nul >= 0) {
      throw new ShellSyntaxException("NUL character", nul);
    }
    Parser parser = new Parser(line, 0, new Parser.Budget(maxDepth, maxCommands));
    try {
      return new CommandLine(line, parser.parseScript(0, SimpleCommand.Origin.TOP_LEVEL));
    } catch (StackOverflowError e) {
      // A backstop only: recursion is bounded by maxDepth, far below any realistic stack size.
      throw new ShellSyntaxException("line nests too deeply", 0);
    }
  }

  @Override
  public String toString() {
    return "ShellParser[maxLength=" + maxLength + ", maxDepth=" + maxDepth
        + ", maxCommands=" + maxCommands + "]";
  }
}
