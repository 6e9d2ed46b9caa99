package dev.agentlane.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentlane.AgentKey;
import dev.agentlane.Grant;
import dev.agentlane.LaneStatus;
import dev.agentlane.promotion.PairMetrics;
import dev.agentlane.promotion.PromotionProposal;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code agentlane status}: where every pair stands and which are ready to promote: each pair's lane,
 * halt, review numbers, promotion proposal with every criterion, and the grants that can still apply.
 */
@Command(name = "status", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Shows each pair's lane, halt and promotion proposal: which workflows are ready to promote.",
        "",
        "For each agent/workflow pair of a state directory: its lane and since when, whether it is halted, its "
            + "review numbers in the lane (clean rate with its Wilson bounds, rework), its promotion proposal "
            + "with every criterion, and the grants that can still apply. The second line lists the pairs ready "
            + "to promote. Changes nothing."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:shown",
        "2:the command line is wrong",
        "3:the state directory or the policy cannot be read"})
final class StatusCommand implements Callable<Integer> {
  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  @Option(names = "--state", paramLabel = "DIR",
      description = "The state directory (it must exist). Without it, a pair is shown as a fresh ledger sees it: "
          + "in the policy's default lane, with no evidence.")
  private @Nullable Path dir;

  @Option(names = {"-p", "--policy"}, paramLabel = "POLICY", defaultValue = Policies.DEFAULT,
      description = "The policy (a YAML or JSON file, or 'default') whose lanes and promotion criteria apply. "
          + "Default: ${DEFAULT-VALUE}.")
  private String policy = Policies.DEFAULT;

  @Parameters(index = "0", arity = "0..1", paramLabel = PairArgument.LABEL, converter = PairArgument.class,
      description = "Only this pair (every pair the ledger knows otherwise).")
  private @Nullable AgentKey pair;

  @Option(names = "--ready", description = "Only the pairs that are eligible for promotion now.")
  private boolean ready;

  @Mixin
  private final FormatOption output = new FormatOption();

  /** One pair's view. */
  private record Row(LaneStatus status, PairMetrics metrics, PromotionProposal proposal, List<Grant> grants) {}

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (StateDir s = PromotionState.open(dir, policy)) {
      List<AgentKey> keys = new ArrayList<>();
      if (pair != null) {
        keys.add(pair);
      } else {
        s.ledger().all().forEach(st -> keys.add(st.key()));
        s.engine().grants().list().stream().map(Grant::key).filter(k -> !keys.contains(k)).forEach(keys::add);
      }
      List<Row> rows = new ArrayList<>();
      for (AgentKey key : keys) {
        PromotionProposal p = s.ledger().propose(key);
        if (!ready || p.eligible()) {
          rows.add(new Row(s.ledger().status(key), s.ledger().metrics(key), p, s.engine().grants().list(key)));
        }
      }
      if (output.json()) {
        json(out, rows);
      } else {
        text(out, rows);
      }
      return ExitCode.OK;
    }
  }

  private void json(PrintWriter out, List<Row> rows) {
    ObjectNode root = PromotionView.MAPPER.createObjectNode();
    root.put("state", dir == null ? null : dir.toString()).put("policy", policy);
    ArrayNode readyList = root.putArray("ready");
    rows.stream().filter(r -> r.proposal.eligible()).forEach(r -> readyList.add(r.status.key().toString()));
    ArrayNode pairs = root.putArray("pairs");
    for (Row r : rows) {
      ObjectNode o = PromotionView.status(r.status);
      o.set("metrics", PromotionView.metrics(r.metrics));
      o.set("proposal", PromotionView.proposal(r.proposal));
      ArrayNode grants = o.putArray("grants");
      r.grants.forEach(g -> grants.add(PromotionView.grantTree(g)));
      pairs.add(o);
    }
    PromotionView.json(out, root);
  }

  private void text(PrintWriter out, List<Row> rows) {
    List<String> readyOnes = rows.stream().filter(r -> r.proposal.eligible())
        .map(r -> r.status.key() + " (" + PromotionView.move(r.proposal) + ")").toList();
    String where = dir == null ? "no state directory" : dir.toString();
    out.println(rows.size() + (rows.size() == 1 ? " pair" : " pairs") + (ready ? " ready" : "") + " in " + where
        + " (policy " + policy + ")");
    if (!ready) {
      out.println("ready to promote: " + (readyOnes.isEmpty() ? "none" : String.join(", ", readyOnes)));
    }
    for (Row r : rows) {
      LaneStatus st = r.status;
      out.println();
      out.println(st.key());
      out.println("  lane      " + st.lane().name() + (r.metrics.since() == null ? " (no record in the ledger yet)"
          : " since " + PromotionView.time(r.metrics.since()) + " (" + PromotionView.duration(r.metrics.timeInLane()) + ")"));
      out.println("  halted    " + (st.halted() ? "YES since " + PromotionView.time(st.haltedAt()) + ": " + st.haltReason()
          + " (lift with: agentlane reset)" : "no"));
      out.println("  reviews   " + PromotionView.reviews(r.metrics));
      if (!r.metrics.incidents().isEmpty() || !r.metrics.stopConditionHits().isEmpty()) {
        out.println("  incidents " + (r.metrics.incidents().isEmpty() ? "none"
            : PromotionView.counts(r.metrics.incidents())) + "; stop-condition hits "
            + (r.metrics.stopConditionHits().isEmpty() ? "none" : PromotionView.counts(r.metrics.stopConditionHits())));
      }
      out.println("  moves     " + PromotionView.count(r.metrics.promotions(), "promotion") + ", "
          + PromotionView.count(r.metrics.demotions(), "demotion"));
      out.println("  proposal  " + PromotionView.move(r.proposal) + ": "
          + (r.proposal.eligible() ? "ELIGIBLE (promote with: agentlane promote)" : "not eligible"));
      PromotionView.criteria(out, r.proposal, "    ");
      if (!r.grants.isEmpty()) {
        out.println("  grants");
        r.grants.forEach(g -> out.println("    " + PromotionView.grant(g)));
      }
    }
  }
}
