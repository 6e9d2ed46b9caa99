package dev.agentlane.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code agentlane} command: one runnable jar ({@code java -jar agentlane.jar}) for the people around a
 * policy: the platform engineer who writes it, the reviewer who asks why an agent was stopped, the lead who
 * asks which workflows are ready to promote. Every subcommand has {@code --help}; exit statuses are in
 * {@link ExitCode}.
 */
@Command(name = "agentlane", mixinStandardHelpOptions = true, versionProvider = AgentLaneCli.Version.class,
    description = "Decides, explains and audits what AI agents may do with their tools, lane by lane.",
    subcommands = {
        CommandLine.HelpCommand.class,
        CheckCommand.class,
        DecideCommand.class,
        ExplainCommand.class,
        TestCommand.class,
        ReplayCommand.class,
        InventoryCommand.class,
        StatusCommand.class,
        PromoteCommand.class,
        DemoteCommand.class,
        ResetCommand.class,
        GrantCommand.class,
        RevokeCommand.class,
        VerifyCommand.class,
        SimulateCommand.class,
        DemoCommand.class,
        ReportCommand.class,
        HookCommand.class,
        CompletionCommand.class,
    })
public final class AgentLaneCli implements Runnable {
  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    Integer hook = HookFastPath.run(args);            // a hook call starts without picocli: see HookFastPath
    System.exit(hook != null ? hook : run(args));
  }

  /** Runs the command line with the process's standard output and error; returns the exit status. */
  public static int run(String... args) {
    // UTF-8 whatever the locale: criteria print ≥ and ≤, which a C locale would turn into '?'.
    return commandLine(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true)).execute(args);
  }

  /** The configured command line, writing to {@code out} and {@code err}. */
  static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new AgentLaneCli());
    cl.setOut(out).setErr(err);
    cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      if (e instanceof CliException c) {
        commandLine.getErr().println("agentlane: " + c.getMessage());
        return c.exitCode();
      }
      commandLine.getErr().println("agentlane: " + e);
      return ExitCode.ERROR;
    });
    return cl;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The version from the jar's manifest, or "development". */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = AgentLaneCli.class.getPackage().getImplementationVersion();
      return new String[] {"agentlane " + (v == null ? "0.1.0-SNAPSHOT" : v)};
    }
  }
}
