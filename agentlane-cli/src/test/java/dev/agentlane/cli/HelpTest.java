package dev.agentlane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every registered subcommand, at any depth, answers {@code --help} with its usage and exit 0: a command
 * added to {@link AgentLaneCli} without working help fails here. In-process, so it is cheap for every
 * command; {@code HelpIT} checks the same through the jar.
 */
class HelpTest {
  /** The command paths under the root, such as {@code [promote]}, depth first. */
  static List<List<String>> commandPaths() {
    List<List<String>> out = new ArrayList<>();
    collect(AgentLaneCli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())),
        List.of(), out);
    return out;
  }

  private static void collect(CommandLine cl, List<String> path, List<List<String>> out) {
    cl.getSubcommands().forEach((name, sub) -> {
      if (!sub.getCommandName().equals(name)) {
        return; // an alias of a command already listed
      }
      List<String> p = new ArrayList<>(path);
      p.add(name);
      out.add(p);
      collect(sub, p, out);
    });
  }

  @Test
  void everySubcommandAnswersHelpWithItsUsageAndExitZero() {
    List<List<String>> paths = commandPaths();
    assertThat(paths).extracting(p -> String.join(" ", p)).contains("status", "promote", "demote", "reset", "grant",
        "revoke", "simulate", "demo", "completion");
    for (List<String> path : paths) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      List<String> args = new ArrayList<>(path);
      args.add("--help");
      int exit = AgentLaneCli.commandLine(new PrintWriter(out), new PrintWriter(err)).execute(args.toArray(String[]::new));
      String name = String.join(" ", path);
      assertThat(exit).as("agentlane %s --help exit; stderr: %s", name, err).isZero();
      assertThat(out.toString()).as("agentlane %s --help", name).contains("Usage: agentlane " + name);
      assertThat(err.toString()).as("agentlane %s --help stderr", name).isEmpty();
    }
  }

  @Test
  void everySubcommandDescribesItselfAndItsExitCodes() {
    CommandLine root = AgentLaneCli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    for (List<String> path : commandPaths()) {
      CommandLine cl = root;
      for (String name : path) {
        cl = cl.getSubcommands().get(name);
      }
      if (cl.getCommand() instanceof CommandLine.HelpCommand) {
        continue; // picocli's own
      }
      CommandLine.Model.UsageMessageSpec usage = cl.getCommandSpec().usageMessage();
      assertThat(usage.description()).as("%s description", path).isNotEmpty();
      assertThat(usage.exitCodeList()).as("%s exit codes", path).containsKey("0");
    }
  }
}
