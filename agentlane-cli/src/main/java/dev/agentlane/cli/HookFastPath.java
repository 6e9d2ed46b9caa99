package dev.agentlane.cli;

import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Runs {@code agentlane hook claude-code|codex [options]} without building the picocli command line. A
 * hook runs once per tool call, so its start-up is the agent's latency; picocli's own start-up (its
 * classes predate class-data sharing, and it reflects every subcommand of {@code agentlane}) is about a
 * quarter of a hook call once the launcher's flags and archive are in place ({@code docs/cli/hooks.md}).
 * Only the plain forms are taken here: {@code --name value}, {@code --name=value} and {@code -p value} of
 * the options of {@link HookOptions}. Anything else ({@code --help}, an unknown or
 * incomplete option, a malformed number) returns null, and picocli parses the command line as usual, with
 * its messages and exit statuses; both paths then run the same {@code answer} method. Stateless.
 */
final class HookFastPath {
  private HookFastPath() {}

  /** The option names this parser takes; {@code HookFastPathTest} checks them against {@link HookOptions}. */
  static final Set<String> OPTIONS = Set.of("-p", "--policy", "--state", "--lane", "--agent", "--workflow", "--map",
      "--map-file", "--lock-timeout");

  /**
   * Runs a hook command line, or returns null when it is not one this parser takes.
   *
   * @return the exit status, or null to parse {@code args} with picocli
   */
  static @Nullable Integer run(String[] args) {
    if (args.length < 2 || !args[0].equals("hook")) {
      return null;
    }
    boolean claude = args[1].equals(ClaudeCodeHookCommand.AGENT);
    if (!claude && !args[1].equals(CodexHookCommand.AGENT)) {
      return null;
    }
    HookOptions o = options(args);
    if (o == null) {
      return null;
    }
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    return claude ? ClaudeCodeHookCommand.answer(o, System.in, out, err)
        : CodexHookCommand.answer(o, System.in, out, err);
  }

  /** The options after {@code hook AGENT}, or null when picocli should parse them. */
  static @Nullable HookOptions options(String[] args) {
    HookOptions o = new HookOptions();
    Set<String> seen = new HashSet<>();
    for (int i = 2; i < args.length; i++) {
      String a = args[i];
      String name;
      String value;
      int eq = a.indexOf('=');
      if (a.startsWith("--") && eq > 0) {
        name = a.substring(0, eq);
        value = a.substring(eq + 1);
      } else {
        name = a;
        if (i + 1 >= args.length || args[i + 1].startsWith("-")) {
          return null;
        }
        value = args[++i];
      }
      if (name.equals("-p")) {
        name = "--policy";
      }
      if (!OPTIONS.contains(name) || !seen.add(name) && !name.equals("--map")) {
        return null;                                     // unknown, or given twice: picocli says so
      }
      switch (name) {
        case "--policy" -> o.policy = value;
        case "--state" -> o.state = path(value);
        case "--lane" -> o.lane = value;
        case "--agent" -> o.agent = value;
        case "--workflow" -> o.workflow = value;
        case "--map" -> o.maps.add(value);
        case "--map-file" -> o.mapFile = path(value);
        case "--lock-timeout" -> {
          try {
            o.lockTimeoutSeconds = Integer.parseInt(value);
          } catch (NumberFormatException e) {
            return null;
          }
        }
        default -> {
          return null;
        }
      }
      if (name.equals("--state") && o.state == null || name.equals("--map-file") && o.mapFile == null) {
        return null;
      }
    }
    return o;
  }

  private static @Nullable Path path(String value) {
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      return null;
    }
  }
}
