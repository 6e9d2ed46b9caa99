package dev.agentlane.cli;

import dev.agentlane.AgentKey;
import dev.agentlane.Lane;
import dev.agentlane.LaneStatus;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code agentlane demote}: moves a pair one lane down, with a named human and a reason, recorded. */
@Command(name = "demote", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Demotes a pair one lane down, naming who demotes it and why.",
        "",
        "The demotion is recorded in the ledger and in the audit log; the pair earns its lane back with fresh "
            + "evidence."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:demoted",
        "1:not demoted: the pair already stands in the lowest lane",
        "2:the command line is wrong",
        "3:the state directory or the policy cannot be read"})
final class DemoteCommand implements Callable<Integer> {
  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  @Mixin
  private PromotionState state = new PromotionState();

  @Parameters(index = "0", paramLabel = PairArgument.LABEL, converter = PairArgument.class,
      description = "The pair to demote, such as release-bot/dependency-bumps.")
  private AgentKey pair;

  @Option(names = "--by", paramLabel = "NAME", required = true, description = "Who demotes it.")
  private String by;

  @Option(names = "--reason", paramLabel = "TEXT", required = true,
      description = "Why; kept in the ledger and the audit log.")
  private String reason;

  @Mixin
  private final FormatOption output = new FormatOption();

  @Override
  public Integer call() {
    if (by.isBlank()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--by must name who demotes the pair");
    }
    PrintWriter out = spec.commandLine().getOut();
    try (StateDir s = state.open()) {
      Lane from = s.ledger().status(pair).lane();
      LaneStatus after = s.ledger().demote(pair, reason, by);
      boolean demoted = !after.lane().equals(from);
      if (output.json()) {
        PromotionView.json(out, PromotionView.MAPPER.createObjectNode().put("demoted", demoted)
            .put("agent", pair.agent()).put("workflow", pair.workflow()).put("from", from.name())
            .put("to", after.lane().name()).put("by", by).put("reason", reason));
      } else if (demoted) {
        out.println("demoted " + pair + ": " + from.name() + " -> " + after.lane().name() + " by " + by + " (" + reason
            + ")");
        out.println("recorded in the ledger and in " + state.dir.resolve(StateDir.AUDIT));
      } else {
        out.println("not demoted: " + pair + " already stands in the lowest lane, " + from.name());
      }
      return demoted ? ExitCode.OK : ExitCode.REFUSED;
    }
  }
}
