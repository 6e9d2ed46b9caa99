package dev.agentlane.samples;

import dev.agentlane.AgentKey;
import dev.agentlane.Decision;
import dev.agentlane.promotion.Outcome;
import dev.agentlane.promotion.PromotionProposal;
import dev.agentlane.promotion.ReviewResult;
import dev.agentlane.testkit.Actions;
import dev.agentlane.testkit.AgentLaneFixture;
import dev.agentlane.testkit.sim.AgentProfile;
import dev.agentlane.testkit.sim.PromotionSimulator;
import java.io.PrintStream;
import java.time.Duration;

/**
 * The promotion path, walked with the testkit on the shipped default policy: an agent in draft is refused
 * test runs, earns the sandbox lane over three release cycles of reviewed work, is promoted by a named
 * approver, touches a secret and is halted and demoted at once; then a seeded simulation of a careful and
 * a sloppy agent over four months. Everything runs on the real engine and ledger with a manual clock.
 * Run it with {@code ./demo walkthrough}.
 */
public final class PromotionWalkthrough {
  private PromotionWalkthrough() {}

  /** Walks the path and prints the story to {@code out}. */
  public static void run(PrintStream out) {
    AgentKey bot = AgentKey.of("release-bot", "dependency-bumps");
    Actions calls = Actions.of(bot);
    try (AgentLaneFixture f = AgentLaneFixture.ofDefaults()) {
      out.println("agentlane promotion walk-through: " + bot + " on the shipped default policy");
      say(out, "in draft, it asks to run the tests", f.engine().decide(calls.bash("npm test")));
      proposal(out, f.ledger().propose(bot));

      out.println("\nthree weekly release cycles of reviewed work (19 clean reviews and 1 with changes requested a week)");
      for (int week = 1; week <= 3; week++) {
        for (int i = 0; i < 20; i++) {
          f.ledger().record(bot, Outcome.review(i < 19 ? ReviewResult.CLEAN : ReviewResult.CHANGES_REQUESTED),
              "reviewer");
        }
        f.clock().advance(Duration.ofDays(7));
        f.ledger().record(bot, Outcome.releaseCycle("2026.w" + week), "release-manager");
      }
      proposal(out, f.ledger().propose(bot));
      f.ledger().promote(bot, "alice", "three clean release cycles");
      out.println("\nalice promotes it: now in lane " + f.ledger().status(bot).lane().name());

      say(out, "in sandbox, it runs the tests", f.engine().decide(calls.bash("npm test")));
      say(out, "it tries to push", f.engine().decide(calls.bash("git push origin agent/bump-lodash")));
      say(out, "a prompt injection makes it read the secrets", f.engine().decide(calls.bash("npm test && cat .env")));
      out.println("   halted: " + f.ledger().status(bot).halted() + ", lane now " + f.ledger().status(bot).lane().name());
      f.ledger().reset(bot, "alice");
      out.println("\nalice lifts the halt; the lane must be earned again: " + f.ledger().status(bot).lane().name());

      out.println("\nthe whole timeline, as the testkit records it:\n" + f.recorder().timeline());
    }

    out.println("\na seeded simulation, 120 days, on the real engine and ledger:");
    out.println(PromotionSimulator.builder().seed(42).days(120)
        .agent(AgentProfile.careful("careful", "fixes"))
        .agent(AgentProfile.sloppy("sloppy", "fixes"))
        .run().story());
  }

  private static void say(PrintStream out, String what, Decision d) {
    out.println("\n" + what + ":\n   " + d.explain().replace("\n", "\n   "));
  }

  private static void proposal(PrintStream out, PromotionProposal p) {
    out.println("\npromotion proposal: " + (p.eligible() ? "ELIGIBLE" : "not eligible") + "\n   "
        + p.explain().replace("; ", "\n   "));
  }

  /** Entry point: {@code ./demo walkthrough}. */
  public static void main(String[] args) {
    run(System.out);
  }
}
