package dev.agentlane.cli;

import dev.agentlane.Decision;
import dev.agentlane.Obligation;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code agentlane decide}: decides one action under a policy and prints the decision. Not thread-safe;
 * one instance per command run.
 */
@Command(name = "decide", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Decides one action under a policy and prints the decision as JSON.",
        "The decision: verdict, lane, reasons with "
        + "their codes and rule ids, obligations, remedies, capabilities, matched rules, policy version, "
        + "decision id and the action's digest (the one the audit log records).",
        "The action format: docs/action-format.md."},
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
        "0:the decision permits execution (ALLOW)",
        "1:the action is refused (DENY, ESCALATE or HALT), or the policy is invalid",
        "2:the command line is wrong",
        "3:the policy or action file is missing, the action is malformed, or the state cannot be written"})
final class DecideCommand implements Callable<Integer> {
  @Spec
  private CommandSpec spec;

  @Mixin
  private DecisionInputs inputs;

  @Option(names = "--format", paramLabel = "FORMAT", converter = OutputFormat.Converter.class,
      completionCandidates = OutputFormat.Names.class,
      description = "Output format: ${COMPLETION-CANDIDATES} (default: json).")
  private OutputFormat format = OutputFormat.JSON;

  @Override
  public Integer call() {
    DecisionInputs.Run run = inputs.decide(spec);
    Decision d = run.decision();
    PrintWriter out = spec.commandLine().getOut();
    if (format == OutputFormat.JSON) {
      out.println(DecisionJson.write(d));
    } else {
      out.println(d.explain());
      for (Obligation o : d.obligations()) {
        out.println("  obligation: " + o.code() + " [" + o.ruleId() + "]" + (o.detail().isEmpty() ? ""
            : ": " + o.detail()));
      }
      out.println("decision " + d.id() + ", policy version " + d.policyVersion() + ", action digest "
          + d.actionDigest());
    }
    out.flush();
    return d.permitsExecution() ? ExitCode.OK : ExitCode.REFUSED;
  }
}
