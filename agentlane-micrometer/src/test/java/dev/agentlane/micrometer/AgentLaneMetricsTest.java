package dev.agentlane.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentlane.EffectClass;
import dev.agentlane.Lane;
import dev.agentlane.PolicyEngine;
import dev.agentlane.PolicyException;
import dev.agentlane.Registration;
import dev.agentlane.Verdict;
import dev.agentlane.policy.Policy;
import dev.agentlane.policy.StopConditionSpec;
import dev.agentlane.policy.ToolMapping;
import dev.agentlane.testkit.Actions;
import dev.agentlane.testkit.AgentLaneAssertions;
import dev.agentlane.testkit.DecisionRecorder;
import dev.agentlane.testkit.ManualClock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The metrics of a real engine in a real {@link SimpleMeterRegistry}, checked against fixed numbers and
 * against what a {@link DecisionRecorder} on the same engine saw (whose timeline a failure prints).
 */
class AgentLaneMetricsTest {
  private static final Actions A = Actions.agent("a", "w");
  private static final Actions B = Actions.agent("b", "w");

  private final ManualClock clock = ManualClock.of("2026-11-24T10:00:00Z");
  private final DecisionRecorder recorder = new DecisionRecorder(clock);

  private static Policy policy(String version) {
    return Policy.builder().version(version).capability("code.read", "draft", EffectClass.READ)
        .tool(ToolMapping.tool("read_file").capability("code.read").readPath("/path").build())
        .stopCondition(StopConditionSpec.sensitivePaths("secrets", Verdict.HALT, ".env")).build();
  }

  @Test
  void decisionsReasonsTimersHaltsAndReloadsAreCounted() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (PolicyEngine engine = PolicyEngine.builder().policy(policy("1")).clock(clock).workspace("/w")
        .listener(recorder).build()) {
      Registration metrics = AgentLaneMetrics.monitor(engine, registry);
      AgentLaneAssertions.assertThat(engine.decide(A.readFile("src/A.java"))).isAllowed();
      AgentLaneAssertions.assertThat(engine.decide(A.readFile("src/B.java"))).isAllowed();
      AgentLaneAssertions.assertThat(engine.decide(B.call("unknown", Map.of()))).isDenied().withReason("unmapped-tool");
      AgentLaneAssertions.assertThat(engine.decide(A.readFile(".env"))).isHalted().withReason("sensitive-path");
      engine.update(policy("2"));
      assertThatThrownBy(() -> engine.update(Policy.builder().version("3")
          .stopCondition(StopConditionSpec.sensitivePaths("bad", Verdict.HALT, "[")).build()))
          .isInstanceOf(PolicyException.class);
      engine.lanes().reset(A.key(), "alice");

      assertThat(registry.get("agentlane.decisions").tag("verdict", "allow").tag("lane", Lane.DRAFT.name())
          .counter().count()).as(recorder::timeline).isEqualTo(2.0);
      assertThat(registry.get("agentlane.decisions").tag("verdict", "deny").counter().count()).isEqualTo(1.0);
      assertThat(registry.get("agentlane.decisions").tag("verdict", "halt").counter().count()).isEqualTo(1.0);
      assertThat(registry.get("agentlane.decision.reasons").tag("code", "unmapped-tool").counter().count()).isEqualTo(1.0);
      assertThat(registry.get("agentlane.decision.reasons").tag("code", "sensitive-path").counter().count()).isEqualTo(1.0);
      assertThat(registry.get("agentlane.decision.duration").tag("verdict", "allow").timer().count()).isEqualTo(2);
      assertThat(registry.get("agentlane.halts").counter().count()).isEqualTo(1.0);
      assertThat(registry.get("agentlane.resets").counter().count()).isEqualTo(1.0);
      assertThat(registry.get("agentlane.policy.reloads").tag("outcome", "updated").counter().count()).isEqualTo(1.0);
      assertThat(registry.get("agentlane.policy.reloads").tag("outcome", "rejected").counter().count()).isEqualTo(1.0);

      // Every event the engine reported to its listeners is counted exactly once.
      for (Verdict v : Verdict.values()) {
        long seen = recorder.decisions().stream().filter(d -> d.verdict() == v).count();
        assertThat(sum(registry, "agentlane.decisions", "verdict", v.code())).as("%s%n%s", v, recorder.timeline())
            .isEqualTo((double) seen);
      }
      assertThat(registry.get("agentlane.halts").counter().count())
          .isEqualTo((double) count(DecisionRecorder.Halted.class));
      assertThat(registry.get("agentlane.resets").counter().count())
          .isEqualTo((double) count(DecisionRecorder.Reset.class));
      assertThat(registry.get("agentlane.policy.reloads").tag("outcome", "updated").counter().count())
          .isEqualTo((double) count(DecisionRecorder.PolicyUpdated.class));
      assertThat(registry.get("agentlane.policy.reloads").tag("outcome", "rejected").counter().count())
          .isEqualTo((double) count(DecisionRecorder.PolicyRejected.class));

      metrics.close();
      AgentLaneAssertions.assertThat(engine.decide(A.readFile("src/C.java"))).isAllowed();
      assertThat(recorder.decisions()).hasSize(5);
      assertThat(registry.get("agentlane.decisions").tag("verdict", "allow").counter().count())
          .as("a closed registration counts nothing").isEqualTo(2.0);
    }
  }

  private long count(Class<? extends DecisionRecorder.Event> kind) {
    return recorder.events().stream().filter(kind::isInstance).count();
  }

  private static double sum(SimpleMeterRegistry registry, String name, String tag, String value) {
    return registry.find(name).tag(tag, value).counters().stream().mapToDouble(Counter::count).sum();
  }
}
