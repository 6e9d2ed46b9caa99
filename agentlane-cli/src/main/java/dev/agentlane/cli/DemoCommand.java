package dev.agentlane.cli;

import dev.agentlane.AgentKey;
import dev.agentlane.AuditEntry;
import dev.agentlane.Decision;
import dev.agentlane.promotion.Outcome;
import dev.agentlane.promotion.PairMetrics;
import dev.agentlane.promotion.PromotionProposal;
import dev.agentlane.promotion.ReviewResult;
import dev.agentlane.testkit.Actions;
import dev.agentlane.testkit.AgentLaneFixture;
import dev.agentlane.testkit.sim.AgentProfile;
import dev.agentlane.testkit.sim.PromotionSimulator;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code agentlane demo}: the whole promotion path on the shipped default policy, in a minute of reading:
 * an agent in draft is refused, earns its next lane through reviewed work over release cycles, is promoted
 * by a named approver, touches a secret and is halted and demoted at once, is reset by a human; then a
 * short seeded simulation. Runs the real engine and ledger (the testkit's {@code AgentLaneFixture}) in
 * memory with a manual clock; writes nothing.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {
        "Shows the whole promotion path on the default policy, in a minute; needs no arguments.",
        "",
        "In memory (nothing is written): an agent "
            + "in draft is refused, earns the sandbox lane with reviewed work over three release cycles, is "
            + "promoted by a named approver when its proposal (with Wilson confidence bounds) is eligible, "
            + "touches a secret and is halted and demoted at once, is reset by a human; then a short seeded "
            + "simulation of a careful and a sloppy agent."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:shown", "2:the command line is wrong"})
final class DemoCommand implements Callable<Integer> {
  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  private static final AgentKey BOT = AgentKey.of("release-bot", "dependency-bumps");

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Actions calls = Actions.of(BOT);
    try (AgentLaneFixture f = AgentLaneFixture.ofDefaults()) {
      out.println("agentlane demo: the promotion path of " + BOT + " on the shipped default policy");
      out.println("(the real engine and ledger, in memory, on a clock that starts at " + f.clock().instant()
          + "; nothing is written)");

      step(out, 1, "A new agent starts in the lowest lane, " + f.ledger().status(BOT).lane().name()
          + ". It asks to run the tests:");
      decision(out, f.engine().decide(calls.bash("npm test")));
      proposal(out, f.ledger().propose(BOT));

      step(out, 2, "Its work is reviewed over three weekly release cycles: each week 19 clean reviews and 1 "
          + "with changes requested.");
      for (int week = 1; week <= 3; week++) {
        for (int i = 0; i < 20; i++) {
          f.ledger().record(BOT, Outcome.review(i < 19 ? ReviewResult.CLEAN : ReviewResult.CHANGES_REQUESTED),
              "reviewer");
        }
        f.clock().advance(Duration.ofDays(7));
        f.ledger().record(BOT, Outcome.releaseCycle("2026.w" + week), "release-manager");
      }
      PairMetrics m = f.ledger().metrics(BOT);
      out.println(String.format(Locale.ROOT, "   %d of %d reviews clean is a rate of %.2f, but 60 reviews do not "
          + "prove it: the ledger judges the lower bound of its %.0f%% Wilson interval, %.2f.", m.clean(),
          m.reviews(), m.cleanRate(), m.confidence() * 100, m.cleanRateLowerBound()));
      proposal(out, f.ledger().propose(BOT));

      step(out, 3, "alice promotes it (agentlane promote " + BOT + " --by alice):");
      f.ledger().promote(BOT, "alice", "three clean release cycles");
      out.println("   now in lane " + f.ledger().status(BOT).lane().name() + "; its evidence starts afresh there.");
      out.println("   It runs the tests:");
      decision(out, f.engine().decide(calls.bash("npm test")));
      out.println("   It tries to push:");
      decision(out, f.engine().decide(calls.bash("git push origin agent/bump-lodash")));

      step(out, 4, "A prompt injection makes it read the secrets (npm test && cat .env):");
      decision(out, f.engine().decide(calls.bash("npm test && cat .env")));
      out.println("   halted: " + (f.ledger().status(BOT).halted() ? "yes" : "no") + "; a halt demotes at once, to "
          + f.ledger().status(BOT).lane().name() + ". Every call is refused until a human looks:");
      decision(out, f.engine().decide(calls.readFile("README.md")));

      step(out, 5, "alice looks, and lifts the halt (agentlane reset " + BOT + " --by alice):");
      f.ledger().reset(BOT, "alice");
      out.println("   halted: " + (f.ledger().status(BOT).halted() ? "yes" : "no") + "; it stands in "
          + f.ledger().status(BOT).lane().name() + " and earns sandbox again with fresh evidence.");

      step(out, 6, "The audit trail (hash-chained in a real state directory; agentlane verify checks it):");
      out.println("   " + f.recorder().auditEntries().stream().map(DemoCommand::audit)
          .collect(Collectors.joining(", ")));
    }

    step(out, 7, "A seeded simulation, 120 days of a careful and a sloppy agent through the same engine "
        + "(agentlane simulate SCENARIO):");
    String story = PromotionSimulator.builder().seed(42).days(120)
        .agent(AgentProfile.careful("careful", "fixes"))
        .agent(AgentProfile.sloppy("sloppy", "fixes"))
        .run().story();
    out.print("   " + story.stripTrailing().replace("\n", "\n   ") + "\n");
    out.println();
    out.println("Next: agentlane status --state DIR shows which of your workflows are ready to promote.");
    return ExitCode.OK;
  }

  private static void step(PrintWriter out, int n, String text) {
    out.println();
    out.println(n + ". " + text);
  }

  private static void decision(PrintWriter out, Decision d) {
    out.println("   " + d.explain().replace("\n", "\n   "));
  }

  private static void proposal(PrintWriter out, PromotionProposal p) {
    out.println("   Promotion proposal " + PromotionView.move(p) + ": " + (p.eligible() ? "ELIGIBLE" : "not eligible"));
    PromotionView.criteria(out, p, "     ");
  }

  private static String audit(AuditEntry e) {
    return e.kind().code() + (e.verdict() == null ? "" : " " + e.verdict().code())
        + (e.approver() == null ? "" : " by " + e.approver());
  }
}
