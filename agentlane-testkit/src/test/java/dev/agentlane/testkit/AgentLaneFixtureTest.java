package dev.agentlane.testkit;

import static dev.agentlane.testkit.AgentLaneAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentlane.AgentKey;
import dev.agentlane.Lane;
import dev.agentlane.Verdict;
import dev.agentlane.core.promotion.FileLedgerStore;
import dev.agentlane.policy.Policy;
import dev.agentlane.policyfile.PolicyFiles;
import dev.agentlane.promotion.LedgerListener;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentLaneFixtureTest {
  private static final AgentKey BOT = AgentKey.of("bot", "fixes");
  private final Actions bot = Actions.of(BOT);

  @Test
  void wiresTheEngineLedgerClockAndRecorderTogether() {
    try (AgentLaneFixture f = AgentLaneFixture.builder().start(Instant.parse("2027-03-01T09:00:00Z")).build()) {
      assertThat(f.policy().name()).isEqualTo("default");
      assertThat(f.engine().lanes()).isSameAs(f.ledger());
      assertThat(f.clock().instant()).isEqualTo(Instant.parse("2027-03-01T09:00:00Z"));
      assertThat(f.engine().decide(bot.readFile("src/App.java"))).isAllowed();
      assertThat(f.recorder().last().time()).isEqualTo(f.clock().instant());
      assertThat(f.recorder().auditEntries()).hasSize(1);
    }
  }

  @Test
  void theLedgerFollowsThePolicyTheEngineHasNow() {
    try (AgentLaneFixture f = AgentLaneFixture.ofDefaults()) {
      Policy twoLanes = PolicyFiles.parse("""
          apiVersion: agentlane.dev/v1
          kind: Policy
          metadata: {name: small, version: "2"}
          lanes: [draft, trusted]
          default-lane: draft
          capabilities: {code.read: {lane: draft, effect: read}}
          tools: {read_file: {capabilities: [code.read], read-paths: [/path]}}
          """, "small.yaml");
      f.engine().update(twoLanes);
      f.ledger().assign(BOT, Lane.of("trusted", 1), "alice", "the new lane");
      assertThat(f.ledger().status(BOT).lane().name()).isEqualTo("trusted");
      assertThat(f.recorder()).hasEventsInOrder("policy-update", "assignment");
    }
  }

  @Test
  void withoutRecordingNothingIsKeptButListenersStillHear() {
    List<String> heard = new ArrayList<>();
    try (AgentLaneFixture f = AgentLaneFixture.builder().recording(false).ledgerListener(new LedgerListener() {
      @Override
      public void demoted(AgentKey key, Lane from, Lane to, String reason, String by) {
        heard.add(from.name() + "->" + to.name());
      }
    }).build()) {
      f.ledger().assign(BOT, Lane.SANDBOX, "alice", "setup");
      assertThat(f.engine().decide(bot.bash("cat .env")).verdict()).isEqualTo(Verdict.HALT);
      assertThat(f.recorder().events()).isEmpty();
      assertThat(f.recorder().auditEntries()).isEmpty();
      assertThat(heard).containsExactly("sandbox->draft");
    }
  }

  @Test
  void aFileStoreKeepsLanesAcrossFixtures(@TempDir Path dir) {
    try (AgentLaneFixture f = AgentLaneFixture.builder().ledgerStore(FileLedgerStore.open(dir)).build()) {
      f.ledger().assign(BOT, Lane.GOVERNED, "alice", "setup");
    }
    try (AgentLaneFixture f = AgentLaneFixture.builder().ledgerStore(FileLedgerStore.open(dir)).build()) {
      assertThat(f.ledger().status(BOT).lane()).isEqualTo(Lane.GOVERNED);
    }
  }

  @Test
  void aBuilderMakesIndependentFixtures() {
    AgentLaneFixture.Builder b = AgentLaneFixture.builder().workspace("/repo").shadow(true).demoteOnHalt(false);
    try (AgentLaneFixture first = b.build(); AgentLaneFixture second = b.build()) {
      assertThat(first.clock()).isNotSameAs(second.clock());
      first.ledger().assign(BOT, Lane.SANDBOX, "alice", "setup");
      assertThat(first.engine().decide(bot.readFile("/repo/.env"))).isHalted().isShadow().permitsExecution();
      assertThat(first.ledger().status(BOT).lane()).as("demoteOnHalt(false)").isEqualTo(Lane.SANDBOX);
      assertThat(second.ledger().status(BOT).lane()).isEqualTo(Lane.DRAFT);
      assertThat(second.recorder().events()).isEmpty();
    }
    assertThatThrownBy(() -> b.workspace(" ")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("workspace must not be blank");
  }
}
