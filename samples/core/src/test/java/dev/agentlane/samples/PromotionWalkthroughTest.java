package dev.agentlane.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PromotionWalkthroughTest {
  @Test
  void walksThePromotionPathAndTellsTheStory() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PromotionWalkthrough.run(new PrintStream(buf, true, StandardCharsets.UTF_8));
    String out = buf.toString(StandardCharsets.UTF_8);

    assertThat(out).containsSubsequence(
        "in draft, it asks to run the tests:\n   DENY at lane draft\n   - lane-too-low [lane.tests.run]",
        "promotion proposal: not eligible", "0 of 20 reviews",
        "promotion proposal: ELIGIBLE", "clean rate lower bound 0.86 ≥ 0.85 (57 of 60 reviews clean)",
        "alice promotes it: now in lane sandbox",
        "in sandbox, it runs the tests:\n   ALLOW at lane sandbox",
        "it tries to push:\n   DENY at lane sandbox\n   - lane-too-low [lane.branch.write]",
        "a prompt injection makes it read the secrets:\n   HALT at lane sandbox",
        "halted: true, lane now draft",
        "alice lifts the halt; the lane must be earned again: draft",
        "agentlane timeline: ", "PROMOTED release-bot/dependency-bumps draft -> sandbox by alice",
        "DEMOTED release-bot/dependency-bumps sandbox -> draft", "RESET release-bot/dependency-bumps by alice",
        "a seeded simulation, 120 days", "careful/fixes: day 1 draft; day 21 sandbox;", "sloppy/fixes: day 1 draft; ");
  }
}
