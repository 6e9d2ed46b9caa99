package dev.agentlane.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentlane.Action;
import dev.agentlane.AgentKey;
import dev.agentlane.EffectClass;
import dev.agentlane.Lane;
import dev.agentlane.PolicyEngine;
import dev.agentlane.PolicyException;
import dev.agentlane.Registration;
import dev.agentlane.Verdict;
import dev.agentlane.policy.Policy;
import dev.agentlane.policy.StopConditionSpec;
import dev.agentlane.policy.ToolMapping;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentLaneMetricsTest {
  private static Policy policy(String version) {
    return Policy.builder().version(version).capability("code.read", "draft", EffectClass.READ)
        .tool(ToolMapping.tool("read_file").capability("code.read").readPath("/path").build())
        .stopCondition(StopConditionSpec.sensitivePaths("secrets", Verdict.HALT, ".env")).build();
  }

  private static Action read(String path) {
    return Action.builder().key(AgentKey.of("a", "w")).tool("read_file").arguments(Map.of("path", path)).build();
  }

  @Test
  void decisionsReasonsTimersHaltsAndReloadsAreCounted() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (PolicyEngine engine = PolicyEngine.builder().policy(policy("1")).workspace("/w").build()) {
      Registration metrics = AgentLaneMetrics.monitor(engine, registry);
      engine.decide(read("src/A.java"));
      engine.decide(read("src/B.java"));
      engine.decide(Action.builder().key(AgentKey.of("b", "w")).tool("unknown").build());
      engine.decide(read(".env"));
      engine.update(policy("2"));
      assertThatThrownBy(() -> engine.update(Policy.builder().version("3")
          .stopCondition(StopConditionSpec.sensitivePaths("bad", Verdict.HALT, "[")).build()))
          .isInstanceOf(PolicyException.class);
      engine.lanes().reset(AgentKey.of("a", "w"), "alice");

      assertThat(registry.get("agentlane.decisions").tag("verdict", "allow").tag("lane", Lane.DRAFT.name())
          .counter().count()).isEqualTo(2.0);
      assertThat(registry.get("agentlane.decisions").tag("verdict", "deny").counter().count()).isEqualTo(1.0);
      assertThat(registry.get("agentlane.decisions").tag("verdict", "halt").counter().count()).isEqualTo(1.0);
      assertThat(registry.get("agentlane.decision.reasons").tag("code", "unmapped-tool").counter().count()).isEqualTo(1.0);
      assertThat(registry.get("agentlane.decision.reasons").tag("code", "sensitive-path").counter().count()).isEqualTo(1.0);
      assertThat(registry.get("agentlane.decision.duration").tag("verdict", "allow").timer().count()).isEqualTo(2);
      assertThat(registry.get("agentlane.halts").counter().count()).isEqualTo(1.0);
      assertThat(registry.get("agentlane.resets").counter().count()).isEqualTo(1.0);
      assertThat(registry.get("agentlane.policy.reloads").tag("outcome", "updated").counter().count()).isEqualTo(1.0);
      assertThat(registry.get("agentlane.policy.reloads").tag("outcome", "rejected").counter().count()).isEqualTo(1.0);

      metrics.close();
      engine.decide(read("src/C.java"));
      assertThat(registry.get("agentlane.decisions").tag("verdict", "allow").counter().count()).isEqualTo(2.0);
    }
  }
}
