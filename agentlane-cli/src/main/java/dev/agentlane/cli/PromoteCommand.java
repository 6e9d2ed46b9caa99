package dev.agentlane.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentlane.AgentKey;
import dev.agentlane.LaneStatus;
import dev.agentlane.promotion.PromotionException;
import dev.agentlane.promotion.PromotionProposal;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code agentlane promote}: moves a pair one lane up when the ledger proposes it, with a named approver,
 * recorded in the audit log; otherwise prints the proposal with every criterion and exits 1.
 */
@Command(name = "promote", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Promotes a pair one lane up, when the ledger says it is eligible, with a named approver.",
        "",
        "The promotion is recorded in the ledger and in the audit log.",
        "",
        "When it is not eligible, nothing changes: the proposal is printed with every criterion (reviews, "
            + "release cycles, time in lane, clean-rate and rework-rate Wilson bounds, severe incidents) and "
            + "the command exits 1. With --check it only prints the proposal."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:promoted (with --check: eligible)",
        "1:not eligible; the proposal says which criteria do not hold",
        "2:the command line is wrong",
        "3:the state directory or the policy cannot be read"})
final class PromoteCommand implements Callable<Integer> {
  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  @Mixin
  private PromotionState state = new PromotionState();

  @Parameters(index = "0", paramLabel = PairArgument.LABEL, converter = PairArgument.class,
      description = "The pair to promote, such as release-bot/dependency-bumps.")
  private AgentKey pair;

  @Option(names = "--by", paramLabel = "NAME",
      description = "Who approves the promotion; required unless --check.")
  private @Nullable String by;

  @Option(names = "--note", paramLabel = "TEXT", defaultValue = "",
      description = "Why, in the approver's words; kept in the ledger and the audit log.")
  private String note = "";

  @Option(names = "--check",
      description = "Print the proposal and promote nothing: exit 0 if eligible, 1 if not.")
  private boolean check;

  @Mixin
  private final FormatOption output = new FormatOption();

  @Override
  public Integer call() {
    if (!check && (by == null || by.isBlank())) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "promote needs --by NAME, the approver (or --check to only see the proposal)");
    }
    PrintWriter out = spec.commandLine().getOut();
    try (StateDir s = state.open()) {
      PromotionProposal proposal = s.ledger().propose(pair);
      if (check || !proposal.eligible()) {
        return refusedOrChecked(out, proposal);
      }
      LaneStatus after;
      try {
        after = s.ledger().promote(pair, by, note);
      } catch (PromotionException e) { // changed since the proposal
        return refusedOrChecked(out, e.proposal());
      }
      if (output.json()) {
        ObjectNode o = PromotionView.MAPPER.createObjectNode().put("promoted", true)
            .put("agent", pair.agent()).put("workflow", pair.workflow()).put("from", proposal.from().name())
            .put("to", after.lane().name()).put("approver", by).put("note", note);
        o.set("proposal", PromotionView.proposal(proposal));
        PromotionView.json(out, o);
      } else {
        out.println("promoted " + pair + ": " + proposal.from().name() + " -> " + after.lane().name()
            + ", approved by " + by + (note.isEmpty() ? "" : " (" + note + ")"));
        PromotionView.criteria(out, proposal, "  ");
        out.println("recorded in the ledger and in " + state.dir.resolve(StateDir.AUDIT)
            + "; the evidence starts afresh in " + after.lane().name());
      }
      return ExitCode.OK;
    }
  }

  private int refusedOrChecked(PrintWriter out, PromotionProposal p) {
    if (output.json()) {
      ObjectNode o = PromotionView.proposal(p);
      if (!check) {
        o.put("promoted", false);
      }
      PromotionView.json(out, o);
    } else {
      String verdict = p.eligible() ? "eligible" : "not eligible";
      out.println((check ? "" : "not promoted: ") + p.key() + " " + PromotionView.move(p) + " is " + verdict);
      PromotionView.criteria(out, p, "  ");
    }
    return p.eligible() ? ExitCode.OK : ExitCode.REFUSED;
  }
}
