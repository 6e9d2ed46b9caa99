package dev.agentlane.benchmarks.peers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The comparison is fair only if every engine decides the workload alike: for 2,000 seeded items,
 * agentlane's allowed-or-not (deciding the raw action) equals {@link ReferencePeer}'s (deciding the peer
 * request), and every peer of {@link Peers} equals both. A mismatch prints the item.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgreementTest {
  private static final long SEED = 20_261_201L;
  private static final int ITEMS = 2_000;

  private List<Workload.Item> items;
  private boolean[] expected;
  private AgentlaneContender agentlane;

  @BeforeAll
  void setUp() {
    items = Workload.generate(SEED, ITEMS);
    ReferencePeer reference = new ReferencePeer();
    expected = new boolean[ITEMS];
    for (int i = 0; i < ITEMS; i++) {
      expected[i] = reference.allows(items.get(i).request());
    }
    agentlane = AgentlaneContender.ofBase(items);
  }

  @AfterAll
  void tearDown() {
    agentlane.close();
  }

  @Test
  void workloadHasMixedVerdictsAndEveryKind() {
    int allowed = 0;
    Map<String, int[]> byKind = new TreeMap<>();
    for (int i = 0; i < ITEMS; i++) {
      allowed += expected[i] ? 1 : 0;
      int[] c = byKind.computeIfAbsent(items.get(i).kind(), k -> new int[2]);
      c[expected[i] ? 0 : 1]++;
    }
    assertThat(allowed).as("allowed share of %s items", ITEMS).isBetween(ITEMS * 50 / 100, ITEMS * 70 / 100);
    assertThat(byKind).containsOnlyKeys("read-file", "browse", "write-file", "shell", "http", "draft-tool",
        "governed-tool", "staging-tool", "production-tool", "unmapped-tool");
    byKind.forEach((kind, c) -> {
      if (!kind.equals("production-tool") && !kind.equals("unmapped-tool")) {
        assertThat(c[0]).as("allowed %s items", kind).isPositive();
      }
      assertThat(c[1]).as("refused %s items", kind).isPositive();
    });
  }

  @Test
  void everyRuleRefusesSomeItems() {
    ReferencePeer reference = new ReferencePeer();
    Map<String, Integer> byRule = new TreeMap<>();
    for (Workload.Item item : items) {
      String rule = reference.refusal(item.request());
      if (rule != null) {
        byRule.merge(rule, 1, Integer::sum);
      }
    }
    assertThat(byRule).containsOnlyKeys("R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8", "R9", "R10");
    assertThat(byRule.values()).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(10));
  }

  @ParameterizedTest
  @MethodSource("sizes")
  void scaledPoliciesDecideTheWorkloadAsTheBasePolicy(int entries) {
    PeerPolicy.Rules rules = PeerPolicy.scaled(entries);
    ReferencePeer reference = new ReferencePeer(rules);
    try (AgentlaneContender scaled = new AgentlaneContender(BenchmarkPolicy.load(rules), items)) {
      for (int i = 0; i < ITEMS; i += 4) {
        Workload.Item item = items.get(i);
        assertThat(reference.allows(item.request())).as(item.describe()).isEqualTo(expected[i]);
        assertThat(scaled.allows(item.action())).as(item.describe()).isEqualTo(expected[i]);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("sizes")
  void peersAgreeAtEverySize(int entries) {
    PeerPolicy.Rules rules = PeerPolicy.scaled(entries);
    for (String name : Peers.scalingNames()) {
      try (PeerEngine peer = Peers.create(name, rules)) {
        for (int i = 0; i < ITEMS; i += entries >= 10_000 ? 200 : 40) { // uncached Cedar ships 10,000 rules a request
          Workload.Item item = items.get(i);
          assertThat(peer.allows(item.request())).as(name + " at " + entries + " entries: " + item.describe())
              .isEqualTo(expected[i]);
        }
      }
    }
  }

  static List<Integer> sizes() {
    return List.of(100, 1_000, 10_000);
  }

  @Test
  void workloadIsDeterministicForASeed() {
    assertThat(Workload.generate(SEED, 50)).isEqualTo(Workload.generate(SEED, 50));
  }

  @Test
  void agentlaneAgreesWithTheReference() {
    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < ITEMS; i++) {
      Workload.Item item = items.get(i);
      var decision = agentlane.decide(item.action());
      if (decision.permitsExecution() != expected[i]) {
        mismatches.add(item.describe() + "\n    reference allows=" + expected[i] + ", agentlane " + decision.verdict()
            + " " + decision.reasons());
      }
    }
    assertThat(mismatches).as(String.join("\n", mismatches)).isEmpty();
  }

  @Test
  void agentlaneDecidesEveryItemAgainAlike() {
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < ITEMS; i++) {
        assertThat(agentlane.allows(items.get(i).action())).as(items.get(i).describe()).isEqualTo(expected[i]);
      }
    }
  }

  List<String> peers() {
    return Peers.names().stream().filter(Peers::decidesThePolicy).toList();
  }

  @ParameterizedTest
  @MethodSource("peers")
  void peerAgreesWithTheReference(String name) {
    try (PeerEngine peer = Peers.create(name, PeerPolicy.BASE)) {
      List<String> mismatches = new ArrayList<>();
      for (int i = 0; i < ITEMS; i++) {
        Workload.Item item = items.get(i);
        if (peer.allows(item.request()) != expected[i]) {
          mismatches.add(item.describe() + "\n    reference allows=" + expected[i] + ", " + name + " does not agree");
        }
      }
      assertThat(mismatches).as(String.join("\n", mismatches)).isEmpty();
    }
  }
}
