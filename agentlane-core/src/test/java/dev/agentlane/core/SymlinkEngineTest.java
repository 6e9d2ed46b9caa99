package dev.agentlane.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentlane.Action;
import dev.agentlane.AgentKey;
import dev.agentlane.Decision;
import dev.agentlane.EffectClass;
import dev.agentlane.PolicyEngine;
import dev.agentlane.ReasonCode;
import dev.agentlane.Verdict;
import dev.agentlane.policy.Policy;
import dev.agentlane.policy.ToolMapping;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With symlink resolution on, a link inside the workspace is judged where it points. */
class SymlinkEngineTest {
  @TempDir Path tmp;

  @Test
  void linkOutOfTheWorkspaceIsOutsideOnlyWhenResolutionIsOn() throws Exception {
    Path workspace = Files.createDirectories(tmp.resolve("repo"));
    Path secrets = Files.createDirectories(tmp.resolve("elsewhere"));
    Files.writeString(secrets.resolve("notes.txt"), "x");
    Files.createSymbolicLink(workspace.resolve("docs"), secrets);
    Action read = Action.builder().key(AgentKey.of("a", "w")).tool("read_file")
        .arguments(Map.of("path", "docs/notes.txt")).build();
    // A policy without the realistic policy's /tmp outside-path rule: the temporary directory is under /tmp.
    Policy policy = Policy.builder().capability("code.read", "draft", EffectClass.READ)
        .tool(ToolMapping.tool("read_file").capability("code.read").readPath("/path").build()).build();
    try (PolicyEngine lexical = PolicyEngine.builder().policy(policy).workspace(workspace.toString()).build();
        PolicyEngine physical = PolicyEngine.builder().policy(policy).workspace(workspace.toString())
            .resolveSymlinks(true).build()) {
      assertThat(lexical.decide(read).verdict()).isEqualTo(Verdict.ALLOW);
      Decision d = physical.decide(read);
      assertThat(d.verdict()).isEqualTo(Verdict.DENY);
      assertThat(d.hasReason(ReasonCode.PATH_OUTSIDE_WORKSPACE)).isTrue();
    }
  }
}
