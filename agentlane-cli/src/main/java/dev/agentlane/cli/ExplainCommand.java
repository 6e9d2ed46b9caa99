package dev.agentlane.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code agentlane explain}: decides one action, as {@code decide} does, and tells a person how the
 * decision came about, step by step through the decision procedure. Not thread-safe; one instance per
 * command run.
 */
@Command(name = "explain", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Decides one action and explains the decision step by step.",
        "Decides the action as 'decide' does, and explains the decision step by step through the "
        + "decision procedure of docs/decisions.md: 1 validate, 2 lane, 3 mapping, 4 lane check, 5 stop "
        + "conditions, evidence, catalogue, approvals and obligations, 6 strictest verdict, grants and budgets, "
        + "7 fail closed, 8 report. Each step says whether it passed, which rules fired, or that the procedure "
        + "stopped before it.",
        "The steps are read from the decision (its reasons, capabilities, matched rules, lane and remedies); "
        + "nothing is judged twice."},
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
        "0:the decision permits execution (ALLOW)",
        "1:the action is refused (DENY, ESCALATE or HALT), or the policy is invalid",
        "2:the command line is wrong",
        "3:the policy or action file is missing, the action is malformed, or the state cannot be written"})
final class ExplainCommand implements Callable<Integer> {
  @Spec
  private CommandSpec spec;

  @Mixin
  private DecisionInputs inputs;

  @Option(names = "--format", paramLabel = "FORMAT", converter = OutputFormat.Converter.class,
      completionCandidates = OutputFormat.Names.class,
      description = "Output format: ${COMPLETION-CANDIDATES} (default: text). JSON holds the decision and the "
          + "steps.")
  private OutputFormat format = OutputFormat.TEXT;

  @Override
  public Integer call() {
    DecisionInputs.Run run = inputs.decide(spec);
    List<DecisionSteps.Step> steps = DecisionSteps.of(run.policy(), run.action(), run.decision(), run.before());
    PrintWriter out = spec.commandLine().getOut();
    if (format == OutputFormat.JSON) {
      out.println(Output.json(DecisionSteps.json(run.decision(), steps)));
    } else {
      out.print(DecisionSteps.text(run.action(), steps));
      if (run.state() != null) {
        out.println();
        out.println("audited in " + run.state().resolve(StateDir.AUDIT)
            + (run.journal() == null ? "" : "; action recorded in " + run.journal()));
      }
    }
    out.flush();
    return run.decision().permitsExecution() ? ExitCode.OK : ExitCode.REFUSED;
  }
}
