/**
 * A conservative parser for POSIX/bash command lines, used to find every program a shell tool
 * call would run before it runs.
 *
 * <p>The entry point is {@link dev.agentlane.core.shell.ShellParser}: it turns a command line
 * into a {@link dev.agentlane.core.shell.CommandLine}, the flat list of every
 * {@link dev.agentlane.core.shell.SimpleCommand} the line would start, including those hidden
 * in command substitutions, subshells, {@code bash -c} scripts, {@code eval}, wrappers such as
 * {@code sudo} or {@code env}, {@code xargs} and {@code find -exec}. Whatever the parser cannot
 * fully understand is rejected with a {@link dev.agentlane.core.shell.ShellSyntaxException};
 * the engine treats a rejection as a denial. The parser never guesses.
 *
 * <p>All types in this package are immutable and thread-safe.
 */
@org.jspecify.annotations.NullMarked
package dev.agentlane.core.shell;
