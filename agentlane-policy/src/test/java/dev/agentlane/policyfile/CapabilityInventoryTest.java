package dev.agentlane.policyfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentlane.AgentKey;
import dev.agentlane.EffectClass;
import dev.agentlane.Lane;
import dev.agentlane.LaneDirectory;
import dev.agentlane.LaneStatus;
import dev.agentlane.policy.CommandRule;
import dev.agentlane.policy.Policy;
import dev.agentlane.policy.ToolMapping;
import dev.agentlane.policyfile.CapabilityInventory.Entry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapabilityInventoryTest {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  /** Declared out of lane order on purpose. */
  static Policy policy() {
    return Policy.builder()
        .capability("deploy.production", "production", EffectClass.PRODUCTION)
        .capability("workspace.write", "sandbox", EffectClass.SANDBOXED)
        .capability("tests.run", "sandbox", EffectClass.SANDBOXED)
        .capability("code.read", "draft", EffectClass.READ)
        .capability("pr.open", "governed", EffectClass.SHARED_CHANGE)
        .tool(ToolMapping.tool("read_file").capability("code.read").readPath("/path").build())
        .tool(ToolMapping.tool("list_dir").capability("code.read").readPath("/path").build())
        .tool(ToolMapping.tool("write_file").capability("workspace.write").writePath("/path").build())
        .tool(ToolMapping.tool("deploy").capability("deploy.production").service("/service").build())
        .tool(ToolMapping.tool("bash").command("/command").build())
        .command(CommandRule.program("cat").capability("code.read").build())
        .command(CommandRule.program("npm").args("test").capability("tests.run").build())
        .shellWrites("workspace.write")
        .build();
  }

  static LaneStatus status(String agent, String workflow, Lane lane, boolean halted) {
    return new LaneStatus(AgentKey.of(agent, workflow), lane, T0, halted, halted ? "stop.secrets" : null,
        halted ? T0 : null);
  }

  static List<LaneStatus> statuses() {
    return List.of(
        status("carol", "release", Lane.PRODUCTION, false),
        status("alice", "docs", Lane.SANDBOX, false),
        status("bob", "release", Lane.PRODUCTION, true),
        status("alice", "bugfix", Lane.GOVERNED, false),
        status("dave", "misc", Lane.of("weird", 9), false));
  }

  @Test
  void entriesAreOrderedByLaneRankThenName() {
    CapabilityInventory inv = CapabilityInventory.of(policy(), List.of());
    assertThat(inv.entries()).extracting(Entry::name)
        .containsExactly("code.read", "tests.run", "workspace.write", "pr.open", "deploy.production");
  }

  @Test
  void entriesCarryLaneEffectAndWhatNeedsThem() {
    CapabilityInventory inv = CapabilityInventory.of(policy(), List.of());
    Entry read = inv.entry("code.read").orElseThrow();
    assertThat(read.lane()).isEqualTo(Lane.DRAFT);
    assertThat(read.effect()).isEqualTo(EffectClass.READ);
    assertThat(read.tools()).containsExactly("list_dir", "read_file");
    assertThat(read.commandRules()).containsExactly("command.cat");
    assertThat(read.shellWrites()).isFalse();

    Entry write = inv.entry("workspace.write").orElseThrow();
    assertThat(write.tools()).containsExactly("write_file");
    assertThat(write.commandRules()).isEmpty();
    assertThat(write.shellWrites()).isTrue();
    assertThat(write.neverNeeded()).isFalse();

    assertThat(inv.entry("tests.run").orElseThrow().commandRules()).containsExactly("command.npm.test");
    assertThat(inv.entry("pr.open").orElseThrow().neverNeeded()).isTrue();
    assertThat(inv.entry("nope")).isEmpty();
  }

  @Test
  void holdersAreUnhaltedPairsAtOrAboveTheCapabilityLane() {
    CapabilityInventory inv = CapabilityInventory.of(policy(), statuses());
    AgentKey carol = AgentKey.of("carol", "release");
    AgentKey docs = AgentKey.of("alice", "docs");
    AgentKey bugfix = AgentKey.of("alice", "bugfix");
    AgentKey dave = AgentKey.of("dave", "misc");
    // sorted by agent, then workflow; bob is halted; dave's unknown lane counts as the lowest
    assertThat(inv.entry("code.read").orElseThrow().heldBy()).containsExactly(bugfix, docs, carol, dave);
    assertThat(inv.entry("tests.run").orElseThrow().heldBy()).containsExactly(bugfix, docs, carol);
    assertThat(inv.entry("pr.open").orElseThrow().heldBy()).containsExactly(bugfix, carol);
    assertThat(inv.entry("deploy.production").orElseThrow().heldBy()).containsExactly(carol);
  }

  @Test
  void aLaneDirectoryGivesTheSameInventory() {
    LaneDirectory directory = new FixedDirectory(statuses());
    assertThat(CapabilityInventory.of(policy(), directory)).isEqualTo(CapabilityInventory.of(policy(), statuses()));
  }

  @Test
  void itIsImmutableAndDeterministic() {
    CapabilityInventory inv = CapabilityInventory.of(policy(), statuses());
    List<LaneStatus> reversed = new ArrayList<>(statuses());
    Collections.reverse(reversed);
    assertThat(CapabilityInventory.of(policy(), reversed)).isEqualTo(inv);
    assertThatThrownBy(() -> inv.entries().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> inv.entries().get(0).heldBy().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> inv.entries().get(0).tools().clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void rendersAPlainTextTable() {
    Policy p = Policy.builder()
        .capability("workspace.write", "sandbox", EffectClass.SANDBOXED)
        .capability("code.read", "draft", EffectClass.READ)
        .capability("pr.open", "governed", EffectClass.SHARED_CHANGE)
        .tool(ToolMapping.tool("read_file").capability("code.read").readPath("/path").build())
        .tool(ToolMapping.tool("bash").command("/command").build())
        .command(CommandRule.program("cat").capability("code.read").build())
        .shellWrites("workspace.write")
        .build();
    String table = CapabilityInventory.of(p, List.of(status("alice", "docs", Lane.SANDBOX, false))).render();
    assertThat(table).isEqualTo(""
        + "CAPABILITY       LANE      EFFECT         NEEDED BY               HELD BY\n"
        + "code.read        draft     read           read_file, command.cat  alice/docs\n"
        + "workspace.write  sandbox   sandboxed      shellWrites             alice/docs\n"
        + "pr.open          governed  shared-change  -                       -\n");
  }

  @Test
  void anEmptyPolicyRendersOnlyTheHeader() {
    Policy p = Policy.builder().build();
    assertThat(CapabilityInventory.of(p, List.of()).entries()).isEmpty();
    assertThat(CapabilityInventory.of(p, List.of()).render()).isEqualTo("CAPABILITY  LANE  EFFECT  NEEDED BY  HELD BY\n");
  }

  /** A lane directory that lists fixed statuses; only {@link #all()} is used. */
  private record FixedDirectory(List<LaneStatus> statuses) implements LaneDirectory {
    @Override
    public LaneStatus status(AgentKey key) {
      return statuses.stream().filter(s -> s.key().equals(key)).findFirst()
          .orElse(new LaneStatus(key, Lane.DRAFT, null, false, null, null));
    }

    @Override
    public List<LaneStatus> all() {
      return statuses;
    }

    @Override
    public void assign(AgentKey key, Lane lane, String by, String note) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void halt(AgentKey key, String reason, String by) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean reset(AgentKey key, String by) {
      throw new UnsupportedOperationException();
    }
  }
}
