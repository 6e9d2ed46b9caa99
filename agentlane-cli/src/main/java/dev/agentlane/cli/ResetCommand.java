package dev.agentlane.cli;

import dev.agentlane.AgentKey;
import dev.agentlane.LaneStatus;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code agentlane reset}: a named human lifts a pair's halt, recorded. */
@Command(name = "reset", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Lifts the halt of a pair, naming who lifts it.",
        "",
        "A HALT decision latches until a named human resets it; the reset is recorded in the ledger and in the "
            + "audit log. It lifts the halt only: a lane lost to the halt is earned back with fresh evidence."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:the halt is lifted",
        "1:nothing to reset: the pair is not halted",
        "2:the command line is wrong",
        "3:the state directory or the policy cannot be read"})
final class ResetCommand implements Callable<Integer> {
  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  @Mixin
  private PromotionState state = new PromotionState();

  @Parameters(index = "0", paramLabel = PairArgument.LABEL, converter = PairArgument.class,
      description = "The halted pair, such as release-bot/dependency-bumps.")
  private AgentKey pair;

  @Option(names = "--by", paramLabel = "NAME", required = true, description = "Who lifts the halt.")
  private String by;

  @Mixin
  private final FormatOption output = new FormatOption();

  @Override
  public Integer call() {
    if (by.isBlank()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--by must name who lifts the halt");
    }
    PrintWriter out = spec.commandLine().getOut();
    try (StateDir s = state.open()) {
      LaneStatus before = s.ledger().status(pair);
      boolean reset = s.ledger().reset(pair, by);
      LaneStatus after = s.ledger().status(pair);
      if (output.json()) {
        var o = PromotionView.MAPPER.createObjectNode().put("reset", reset).put("by", by);
        if (reset) {
          o.put("halt-reason", before.haltReason());
        }
        o.set("status", PromotionView.status(after));
        PromotionView.json(out, o);
      } else if (reset) {
        out.println("reset " + pair + ": halt lifted by " + by + "; it was halted"
            + (before.haltedAt() == null ? "" : " at " + PromotionView.time(before.haltedAt())) + ": " + before.haltReason());
        out.println("it stands in lane " + after.lane().name() + "; recorded in the ledger and in "
            + state.dir.resolve(StateDir.AUDIT));
      } else {
        out.println("nothing to reset: " + pair + " is not halted (lane " + after.lane().name() + ")");
      }
      return reset ? ExitCode.OK : ExitCode.REFUSED;
    }
  }
}
