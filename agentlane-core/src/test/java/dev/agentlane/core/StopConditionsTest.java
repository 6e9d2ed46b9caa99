package dev.agentlane.core;

import static dev.agentlane.core.EngineFixture.BOT;
import static dev.agentlane.core.EngineFixture.engine;
import static dev.agentlane.core.EngineFixture.put;
import static dev.agentlane.core.EngineFixture.read;
import static dev.agentlane.core.EngineFixture.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentlane.ActionSize;
import dev.agentlane.Decision;
import dev.agentlane.Lane;
import dev.agentlane.PolicyEngine;
import dev.agentlane.ReasonCode;
import dev.agentlane.Resource;
import dev.agentlane.Verdict;
import dev.agentlane.policy.Per;
import dev.agentlane.policy.Scope;
import dev.agentlane.policy.StopConditionSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The built-in stop conditions not already pinned by DecisionProcedureTest. */
class StopConditionsTest {
  private final MutableClock clock = MutableClock.startingAt("2026-11-24T10:00:00Z");

  private PolicyEngine with(StopConditionSpec spec) {
    PolicyEngine e = engine(TestPolicies.builder().stopCondition(spec).build(), clock).build();
    put(e, BOT, Lane.SANDBOX);
    return e;
  }

  @Test
  void missingContextFiresForAbsentKeysAndRunId() {
    try (PolicyEngine e = with(StopConditionSpec.missingContext("stop.context", Verdict.DENY, true, "ticket"))) {
      Decision bare = e.decide(read("src/A.java"));
      assertThat(bare.verdict()).isEqualTo(Verdict.DENY);
      assertThat(bare.reasons()).filteredOn(r -> r.code() == ReasonCode.MISSING_CONTEXT).hasSize(2);
      Decision complete = e.decide(read("src/A.java").toBuilder().context("ticket", "JIRA-1").runId("r1").build());
      assertThat(complete.verdict()).isEqualTo(Verdict.ALLOW);
      Decision blank = e.decide(read("src/A.java").toBuilder().context("ticket", "  ").runId("r1").build());
      assertThat(blank.hasReason(ReasonCode.MISSING_CONTEXT)).isTrue();
    }
  }

  @Test
  void unusualFileScopeFiresOutsideNormalPathsAndOverTheFileCount() {
    var spec = new StopConditionSpec.UnusualFileScope("stop.scope", Verdict.ESCALATE,
        Scope.all().withWorkflows("fixes"), List.of("src/**", "test/**"), 3);
    try (PolicyEngine e = with(spec)) {
      assertThat(e.decide(write("src/A.java")).verdict()).isEqualTo(Verdict.ALLOW);
      Decision odd = e.decide(write("build.gradle"));
      assertThat(odd.verdict()).isEqualTo(Verdict.ESCALATE);
      assertThat(odd.hasReason(ReasonCode.UNUSUAL_FILE_SCOPE)).isTrue();
      Decision many = e.decide(write("src/A.java").toBuilder().resource(Resource.write("src/B.java"))
          .resource(Resource.write("src/C.java")).resource(Resource.write("test/D.java")).build());
      assertThat(many.verdict()).isEqualTo(Verdict.ESCALATE);
      assertThat(many.reasons()).anySatisfy(r -> assertThat(r.message()).contains("4 files"));
      Decision declared = e.decide(write("src/A.java").toBuilder().size(ActionSize.of(9, 10)).build());
      assertThat(declared.verdict()).isEqualTo(Verdict.ESCALATE);
    }
  }

  @Test
  void unusualFileScopeOnlyAppliesToItsWorkflows() {
    var spec = new StopConditionSpec.UnusualFileScope("stop.scope", Verdict.DENY,
        Scope.all().withWorkflows("docs"), List.of("docs/**"), 0);
    try (PolicyEngine e = with(spec)) {
      assertThat(e.decide(write("src/A.java")).verdict()).isEqualTo(Verdict.ALLOW);
    }
  }

  @Test
  void rateCountsAttemptsPerWindow() {
    var spec = new StopConditionSpec.Rate("stop.burst", Verdict.DENY, Scope.capabilities("code.read"), 3,
        Duration.ofMinutes(1), Per.PAIR);
    try (PolicyEngine e = with(spec)) {
      for (int i = 0; i < 3; i++) {
        assertThat(e.decide(read("src/A.java")).verdict()).isEqualTo(Verdict.ALLOW);
      }
      Decision fourth = e.decide(read("src/A.java"));
      assertThat(fourth.verdict()).isEqualTo(Verdict.DENY);
      assertThat(fourth.hasReason(ReasonCode.RATE_LIMITED)).isTrue();
      assertThat(fourth.remedies()).anySatisfy(r -> assertThat(r.message()).contains("2026-11-24T10:01:00Z"));
      clock.advance(Duration.ofMinutes(1));
      assertThat(e.decide(read("src/A.java")).verdict()).isEqualTo(Verdict.ALLOW);
    }
  }

  @Test
  void rateThatHaltsLatchesThePair() {
    var spec = new StopConditionSpec.Rate("stop.runaway", Verdict.HALT, Scope.all(), 2, Duration.ofSeconds(10), Per.AGENT);
    try (PolicyEngine e = with(spec)) {
      e.decide(read("a"));
      e.decide(read("b"));
      assertThat(e.decide(read("c")).verdict()).isEqualTo(Verdict.HALT);
      clock.advance(Duration.ofMinutes(5));
      Decision later = e.decide(read("d"));
      assertThat(later.verdict()).isEqualTo(Verdict.HALT);
      assertThat(later.hasReason(ReasonCode.HALTED)).isTrue();
    }
  }

  @Test
  void blastRadiusCountsDirectoriesServicesAndEnvironments() {
    var spec = new StopConditionSpec.BlastRadius("stop.radius", Verdict.DENY, Scope.all(), 0, 0, 1, 1, 1);
    try (PolicyEngine e = with(spec)) {
      assertThat(e.decide(write("src/A.java").toBuilder().resource(Resource.write("src/B.java")).build()).verdict())
          .isEqualTo(Verdict.ALLOW);
      Decision dirs = e.decide(write("src/A.java").toBuilder().resource(Resource.write("test/B.java")).build());
      assertThat(dirs.reasons()).anySatisfy(r -> assertThat(r.message()).contains("2 directories"));
      Decision services = e.decide(read("x").toBuilder().resource(Resource.service("web"))
          .resource(Resource.service("api")).build());
      assertThat(services.reasons()).anySatisfy(r -> assertThat(r.message()).contains("2 services"));
      Decision envs = e.decide(read("x").toBuilder().resource(Resource.environment("staging"))
          .resource(Resource.environment("production")).build());
      assertThat(envs.reasons()).anySatisfy(r -> assertThat(r.message()).contains("2 environments"));
    }
  }

  @Test
  void stopConditionScopeByAgentLane() {
    var spec = new StopConditionSpec.SensitivePaths("stop.docs-in-draft", Verdict.DENY,
        Scope.all().withAgentLanes("draft"), List.of("docs/"), dev.agentlane.Access.READ);
    try (PolicyEngine e = engine(TestPolicies.builder().stopCondition(spec).build(), clock).build()) {
      assertThat(e.decide(read("docs/x.md")).verdict()).isEqualTo(Verdict.DENY);
      put(e, BOT, Lane.SANDBOX);
      assertThat(e.decide(read("docs/x.md")).verdict()).isEqualTo(Verdict.ALLOW);
    }
  }
}
