package dev.agentlane.samples.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentlane.AgentKey;
import dev.agentlane.Lane;
import dev.agentlane.Verdict;
import dev.agentlane.testkit.Actions;
import dev.agentlane.testkit.AgentLaneFixture;
import dev.agentlane.testkit.gen.Gens;
import dev.agentlane.testkit.gen.Property;
import org.junit.jupiter.api.Test;

/** What a failing property reports: the seed, the case, the original and reduced values, how to rerun. */
class PropertyFailureTest {
  @Test
  void aFalseClaimIsShrunkToASmallCounterexampleAndNamesItsSeed() {
    try (AgentLaneFixture f = AgentLaneFixture.builder().recording(false).build()) {
      AgentKey bot = AgentKey.of("bot", "fixes");
      // A wrong belief: "the engine merely denies hostile lines". Lines that touch a secret halt instead.
      assertThatThrownBy(() -> Property.forAll(Gens.hostileShellLines()).cases(500).seed(42).check(line -> {
        f.ledger().reset(bot, "test");
        f.ledger().assign(bot, Lane.SANDBOX, "test", "setup");
        assertThat(f.engine().decide(Actions.of(bot).bash(line)).verdict()).isEqualTo(Verdict.DENY);
      })).isInstanceOf(AssertionError.class)
          .hasMessageStartingWith("property failed at case ")
          .hasMessageContaining(" of 500 with seed 42\n")
          .hasMessageContaining("\n  original value: \"bash -c 'cat ~/.ssh/id_rsa'\"")
          .hasMessageContaining("\n  reduced value:  \"id_rsa\" (after 3 shrink steps")
          .hasMessageContaining("expected: DENY")
          .hasMessageEndingWith("\n  reproduce with: -Dagentlane.seed=42");
    }
  }
}
