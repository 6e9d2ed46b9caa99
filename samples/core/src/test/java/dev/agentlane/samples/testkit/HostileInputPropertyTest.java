package dev.agentlane.samples.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentlane.AgentKey;
import dev.agentlane.Lane;
import dev.agentlane.Verdict;
import dev.agentlane.testkit.Actions;
import dev.agentlane.testkit.AgentLaneFixture;
import dev.agentlane.testkit.gen.Gens;
import dev.agentlane.testkit.gen.Property;
import org.junit.jupiter.api.Test;

/** Properties over seeded hostile inputs; a failure prints its seed and a reduced example. */
class HostileInputPropertyTest {
  @Test
  void noInjectionShapeIsEverAllowed() {
    // docs:property:begin
    try (AgentLaneFixture f = AgentLaneFixture.builder().recording(false).build()) {
      AgentKey bot = AgentKey.of("bot", "fixes");
      f.ledger().assign(bot, Lane.SANDBOX, "test", "setup");
      Property.forAll(Gens.hostileShellLines()).cases(2_000).check(line -> {
        f.ledger().reset(bot, "test");                      // a halt from the last case latches; lift it
        f.ledger().assign(bot, Lane.SANDBOX, "test", "setup");
        assertThat(f.engine().decide(Actions.of(bot).bash(line)).verdict()).isNotEqualTo(Verdict.ALLOW);
      });
    }
    // docs:property:end
  }

  @Test
  void hostilePathsAreNeverReadWithoutAReason() {
    try (AgentLaneFixture f = AgentLaneFixture.builder().recording(false).build()) {
      Actions bot = Actions.agent("bot", "fixes");
      Property.forAll(Gens.hostilePaths()).cases(1_000).check(path -> {
        var d = f.engine().decide(bot.readFile(path));
        assertThat(d.isAllowed() || !d.reasons().isEmpty()).as(d.explain()).isTrue();
      });
    }
  }
}
