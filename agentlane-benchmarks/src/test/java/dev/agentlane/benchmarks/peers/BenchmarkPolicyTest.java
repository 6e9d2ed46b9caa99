package dev.agentlane.benchmarks.peers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentlane.Capability;
import dev.agentlane.Lane;
import dev.agentlane.policy.HostRule;
import dev.agentlane.policy.Policy;
import dev.agentlane.policy.StopConditionSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** benchmark-policy.yaml is the same policy as PeerPolicy: capabilities and lanes, globs, hosts. */
class BenchmarkPolicyTest {

  @Test
  void lanesAreThePeerPolicysLanes() {
    assertThat(BenchmarkPolicy.load().lanes().stream().map(Lane::name)).containsExactlyElementsOf(PeerPolicy.LANES);
  }

  @Test
  void capabilitiesAndTheirLanesArePeerPolicys() {
    assertThat(capabilities(BenchmarkPolicy.load())).isEqualTo(PeerPolicy.CAPABILITIES);
    assertThat(PeerPolicy.CAPABILITIES).hasSize(40);
  }

  @Test
  void sensitiveGlobsArePeerPolicys() {
    Policy policy = BenchmarkPolicy.load();
    assertThat(globs(policy, "stop.secrets")).containsExactlyElementsOf(PeerPolicy.SECRET_GLOBS);
    assertThat(globs(policy, "stop.infra-and-ci")).containsExactlyElementsOf(PeerPolicy.PROTECTED_GLOBS);
  }

  @Test
  void hostsArePeerPolicys() {
    assertThat(BenchmarkPolicy.load().hosts().stream().map(HostRule::pattern)).containsExactlyElementsOf(PeerPolicy.HOSTS);
  }

  @Test
  void approvalsAndLimitsArePeerPolicys() {
    Policy policy = BenchmarkPolicy.load();
    assertThat(policy.approvals()).singleElement()
        .satisfies(a -> assertThat(a.scope().capabilities()).isEqualTo(PeerPolicy.APPROVAL_CAPABILITIES));
    StopConditionSpec.BlastRadius blast = (StopConditionSpec.BlastRadius) stop(policy, "stop.blast-radius");
    assertThat(blast.maxFiles()).isEqualTo(PeerPolicy.MAX_FILES);
    StopConditionSpec.LowConfidence low = (StopConditionSpec.LowConfidence) stop(policy, "stop.low-confidence");
    assertThat(low.minimum()).isEqualTo(PeerPolicy.MIN_CONFIDENCE);
  }

  @ParameterizedTest
  @ValueSource(ints = {100, 1_000, 10_000})
  void scaledPoliciesLoadAndEqualTheirRules(int entries) {
    PeerPolicy.Rules rules = PeerPolicy.scaled(entries);
    assertThat(rules.entries()).isEqualTo(entries);
    Policy policy = BenchmarkPolicy.load(rules);
    assertThat(capabilities(policy)).isEqualTo(rules.capabilities());
    assertThat(globs(policy, "stop.secrets")).containsExactlyElementsOf(rules.secretGlobs());
    assertThat(policy.hosts().stream().map(HostRule::pattern)).containsExactlyElementsOf(rules.hosts());
    assertThat(policy.tools()).hasSize(BenchmarkPolicy.load().tools().size() + rules.extraCapabilities().size());
  }

  private static Map<String, Integer> capabilities(Policy policy) {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (Capability c : policy.capabilities().values()) {
      out.put(c.name(), c.lane().rank());
    }
    return out;
  }

  private static StopConditionSpec stop(Policy policy, String id) {
    return policy.stopConditions().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
  }

  /** The globs as PeerPolicy writes them: lower case, no trailing slash (agentlane matches both the same). */
  private static List<String> globs(Policy policy, String id) {
    StopConditionSpec.SensitivePaths s = (StopConditionSpec.SensitivePaths) stop(policy, id);
    return s.globs().stream()
        .map(g -> (g.endsWith("/") ? g.substring(0, g.length() - 1) : g).toLowerCase(Locale.ROOT))
        .toList();
  }
}
