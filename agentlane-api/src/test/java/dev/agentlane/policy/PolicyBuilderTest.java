package dev.agentlane.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentlane.EffectClass;
import dev.agentlane.Lane;
import dev.agentlane.PolicyException;
import dev.agentlane.PolicyProblem;
import dev.agentlane.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyBuilderTest {
  /** A custom stop condition whose id() answers null: a located policy problem, not a NullPointerException. */
  @Test
  void customStopConditionWithoutAnIdIsAPolicyProblem() {
    dev.agentlane.spi.StopCondition anonymous = new dev.agentlane.spi.StopCondition() {
      @Override
      @SuppressWarnings("NullAway") // the fault under test
      public String id() {
        return null;
      }

      @Override
      public dev.agentlane.spi.StopResult check(dev.agentlane.spi.StopContext context) {
        return dev.agentlane.spi.StopResult.pass();
      }
    };
    assertThatThrownBy(() -> Policy.builder().capability("code.read", "draft", EffectClass.READ)
        .stopCondition(StopConditionSpec.custom(anonymous)).build())
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("stopConditions.null")
        .hasMessageContaining("rule id must be 1 to 200 characters");
  }

  @Test
  void minimalPolicyBuildsWithTheFiveDefaultLanes() {
    Policy p = Policy.builder().capability("code.read", "draft", EffectClass.READ)
        .tool(ToolMapping.tool("read_file").capability("code.read").readPath("/path").build()).build();
    assertThat(p.lanes()).containsExactly(Lane.DRAFT, Lane.SANDBOX, Lane.GOVERNED, Lane.STAGING, Lane.PRODUCTION);
    assertThat(p.defaultLane()).isEqualTo(Lane.DRAFT);
    assertThat(p.capabilities().get("code.read").lane()).isEqualTo(Lane.DRAFT);
  }

  @Test
  void laneJumpIsAPolicyError() {
    assertThatThrownBy(() -> Policy.builder().capability("deploy.production", "draft", EffectClass.PRODUCTION).build())
        .isInstanceOfSatisfying(PolicyException.class, e -> assertThat(e.problems()).singleElement()
            .satisfies(p -> {
              assertThat(p.path()).isEqualTo("capabilities.deploy.production.lane");
              assertThat(p.message()).contains("lane jump").contains("'production'");
            }));
    assertThatThrownBy(() -> Policy.builder().capability("pr.open", "sandbox", EffectClass.SHARED_CHANGE).build())
        .hasMessageContaining("lane jump");
  }

  @Test
  void everyProblemIsReportedAtOnceWithSuggestions() {
    PolicyException e = (PolicyException) org.assertj.core.api.Assertions.catchThrowable(() -> Policy.builder()
        .capability("code.read", "draft", EffectClass.READ)
        .capability("code.read", "draft", EffectClass.READ)
        .capability("tests.run", "sandbx", EffectClass.SANDBOXED)
        .tool(ToolMapping.tool("read_file").capability("code.reed").readPath("path").build())
        .tool(ToolMapping.tool("read_file").capability("code.read").build())
        .stopCondition(StopConditionSpec.failedTests("dup", Verdict.DENY))
        .evidence(EvidenceRequirement.of("dup", Scope.fromLane("nowhere"), EvidenceField.TESTS))
        .catalogue(CatalogueEntry.builder("cat.x", "deploy").build())
        .build());
    List<String> messages = e.problems().stream().map(PolicyProblem::message).toList();
    assertThat(messages).anyMatch(m -> m.contains("duplicate capability 'code.read'"))
        .anyMatch(m -> m.contains("undefined lane 'sandbx'"))
        .anyMatch(m -> m.contains("undefined capability 'code.reed' (did you mean 'code.read'?)"))
        .anyMatch(m -> m.contains("'path' is not a JSON pointer"))
        .anyMatch(m -> m.contains("tool 'read_file' is mapped twice"))
        .anyMatch(m -> m.contains("duplicate rule id 'dup'"))
        .anyMatch(m -> m.contains("undefined lane 'nowhere'"))
        .anyMatch(m -> m.contains("names tool 'deploy'"));
    assertThat(e.getMessage()).startsWith("invalid policy: " + e.problems().size() + " problems");
  }

  @Test
  void onlyArgumentsMustCoverTheBindings() {
    assertThatThrownBy(() -> Policy.builder().capability("code.read", "draft", EffectClass.READ)
        .tool(ToolMapping.tool("read_file").capability("code.read").readPath("/file").onlyArguments("path").build())
        .build()).hasMessageContaining("reads argument 'file'");
  }

  @Test
  void builderIsReusableAndToBuilderRoundTrips() {
    Policy.Builder b = Policy.builder().capability("code.read", "draft", EffectClass.READ);
    Policy one = b.build();
    Policy two = b.version("2").build();
    assertThat(one.version()).isEqualTo("1");
    assertThat(two.version()).isEqualTo("2");
    Policy copy = two.toBuilder().build();
    assertThat(copy.capabilities()).isEqualTo(two.capabilities());
    assertThat(copy.lanes()).isEqualTo(two.lanes());
  }

  @Test
  void customLanesKeepTheirOrderAndLaneRulesFollowPosition() {
    Policy p = Policy.builder().lanes(List.of(Lane.of("local", 0), Lane.of("ci", 5), Lane.of("live", 9)))
        .capability("ship", "live", EffectClass.PRODUCTION).capability("build", "ci", EffectClass.SANDBOXED).build();
    assertThat(p.minimumLaneFor(EffectClass.PRODUCTION).name()).isEqualTo("live");
    assertThat(p.minimumLaneFor(EffectClass.SHARED_CHANGE).name()).isEqualTo("live");
    assertThatThrownBy(() -> Policy.builder().lanes(List.of(Lane.of("a", 0), Lane.of("a", 1))).build())
        .hasMessageContaining("duplicate lane name");
  }

  @Test
  void valueTypesValidateEagerlyWithTheRuleAndTheValue() {
    assertThatThrownBy(() -> Lane.of("Prod", 1)).hasMessageContaining("'Prod'");
    assertThatThrownBy(() -> Lane.of("prod", -1)).hasMessage("lane rank must be >= 0 but was -1");
    assertThatThrownBy(() -> new StopConditionSpec.BlastRadius("b", Verdict.DENY, Scope.all(), -3, 0, 0, 0, 0))
        .hasMessage("maxFiles must be >= 0 but was -3");
    assertThatThrownBy(() -> StopConditionSpec.failedTests("f", Verdict.ALLOW)).hasMessageContaining("not allow");
    assertThatThrownBy(() -> dev.agentlane.ActionSize.of(-1, 0)).hasMessage("files must be >= 0 but was -1");
  }
}
