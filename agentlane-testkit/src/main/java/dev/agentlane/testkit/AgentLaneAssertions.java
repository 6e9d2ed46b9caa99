package dev.agentlane.testkit;

import dev.agentlane.Decision;

/**
 * Entry point of the testkit's AssertJ assertions. Import statically next to AssertJ's own
 * {@code Assertions.assertThat}; the overloads do not clash.
 *
 * <p>Stateless and thread-safe.
 *
 * <pre>{@code
 * import static dev.agentlane.testkit.AgentLaneAssertions.assertThat;
 *
 * assertThat(engine.decide(bot.readFile(".env"))).isHalted().hasRuleId("stop.secrets");
 * assertThat(recorder).hasHalted(bot).hasDemoted(bot, "draft");
 * }</pre>
 */
public final class AgentLaneAssertions {
  private AgentLaneAssertions() {}

  /** Assertions on a decision; failure messages show the whole decision. */
  public static DecisionAssert assertThat(Decision decision) {
    return new DecisionAssert(decision);
  }

  /** Assertions on everything a recorder heard; failure messages show the whole timeline. */
  public static TimelineAssert assertThat(DecisionRecorder recorder) {
    return new TimelineAssert(recorder);
  }
}
