package dev.agentlane.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentlane.EffectClass;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The model's sets iterate in a stable order, so that explanations printed from a policy are the same on
 * every run. Regression: evidence fields came out of {@code Set.copyOf}, whose order changes from one JVM to
 * the next, and so did the order of the evidence-missing reasons of a decision.
 */
class StableOrderTest {
  @Test
  void evidenceFieldsIterateInEnumOrder() {
    EvidenceRequirement r = new EvidenceRequirement("e", Scope.all(), Set.of(EvidenceField.ROLLBACK_PLAN,
        EvidenceField.ASSUMPTIONS, EvidenceField.TESTS, EvidenceField.CONFIDENCE, EvidenceField.FILES_TOUCHED));
    assertThat(List.copyOf(r.fields())).isSorted();
    assertThat(r.fields()).isUnmodifiable();
  }

  @Test
  void scopeSetsIterateSortedAndStillCompareAsSets() {
    Scope s = new Scope(Set.of("z.cap", "a.cap", "m.cap"), Set.of(EffectClass.PRODUCTION, EffectClass.READ), null,
        Set.of("write_file", "bash", "read_file"), Set.of("w2", "w1"), Set.of());
    assertThat(List.copyOf(s.capabilities())).containsExactly("a.cap", "m.cap", "z.cap");
    assertThat(List.copyOf(s.effects())).containsExactly(EffectClass.READ, EffectClass.PRODUCTION);
    assertThat(List.copyOf(s.tools())).containsExactly("bash", "read_file", "write_file");
    assertThat(s.capabilities()).isEqualTo(Set.of("m.cap", "z.cap", "a.cap")).contains("m.cap").isUnmodifiable();
    assertThat(s).isEqualTo(new Scope(Set.of("a.cap", "m.cap", "z.cap"), Set.of(EffectClass.READ, EffectClass.PRODUCTION),
        null, Set.of("read_file", "bash", "write_file"), Set.of("w1", "w2"), Set.of()));
  }

  @Test
  void ruleKindsNameEveryRuleByKindInPolicyOrder() {
    Policy p = Policy.builder().name("p").version("1")
        .capability("code.read", "draft", EffectClass.READ)
        .tool(ToolMapping.tool("read_file").capability("code.read").readPath("/path").build())
        .tool(ToolMapping.tool("bash").command("/command").build())
        .command(CommandRule.program("cat").capability("code.read").build())
        .host("github.com")
        .stopCondition(StopConditionSpec.sensitivePaths("stop.secrets", dev.agentlane.Verdict.HALT, ".env"))
        .build();
    assertThat(p.ruleKinds()).containsExactly(java.util.Map.entry("tool.read_file", "tool"),
        java.util.Map.entry("tool.bash", "tool"), java.util.Map.entry("command.cat", "command"),
        java.util.Map.entry("host.github.com", "host"), java.util.Map.entry("stop.secrets", "stop-condition"));
    assertThat(p.ruleKinds()).isUnmodifiable();
  }
}
