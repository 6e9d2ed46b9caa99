package dev.agentlane.testkit.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentlane.Action;
import dev.agentlane.AgentKey;
import dev.agentlane.Capability;
import dev.agentlane.Decision;
import dev.agentlane.Lane;
import dev.agentlane.PolicyEngine;
import dev.agentlane.Verdict;
import dev.agentlane.policy.Policy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class GenTest {
  @Test
  void sameSeedSameSequenceDifferentSeedDifferentSequence() {
    for (Gen<?> g : List.of(Gens.paths(), Gens.hostilePaths(), Gens.shellLines(), Gens.hostileShellLines(),
        Gens.urls(), Gens.actions(Gens.POLICY_TOOLS))) {
      assertThat(g.sample(42, 200)).isEqualTo(g.sample(42, 200)).isNotEqualTo(g.sample(43, 200));
    }
    assertThat(Gens.policies().sample(7, 20).stream().map(Policy::toString).toList())
        .isEqualTo(Gens.policies().sample(7, 20).stream().map(Policy::toString).toList());
  }

  @Test
  void propertyRunnerSeesTheSameValuesForTheSameSeed() {
    List<String> first = new ArrayList<>();
    List<String> second = new ArrayList<>();
    Property.forAll(Gens.hostilePaths()).seed(99).cases(300).check(first::add);
    Property.forAll(Gens.hostilePaths()).seed(99).cases(300).check(second::add);
    assertThat(first).hasSize(300).isEqualTo(second).isEqualTo(Gens.hostilePaths().sample(99, 300));
  }

  @Test
  void combinators() {
    assertThat(Gen.constant("a").sample(1, 5)).containsOnly("a");
    assertThat(Gen.choose(List.of(1, 2, 3)).sample(1, 300)).containsOnly(1, 2, 3).contains(1, 2, 3);
    assertThat(Gen.oneOf(Gen.constant(1), Gen.constant(2)).sample(1, 100)).contains(1, 2);
    List<Integer> freq = Gen.frequency(Gen.weighted(9, Gen.constant(0)), Gen.weighted(1, Gen.constant(1)))
        .sample(1, 2000);
    assertThat(freq.stream().filter(i -> i == 1).count()).isBetween(100L, 300L);
    assertThat(Gen.choose(List.of(1, 2, 3, 4)).filter(i -> i % 2 == 0).sample(1, 200)).containsOnly(2, 4);
    assertThatThrownBy(() -> Gen.constant(1).filter(i -> i > 1).generate(Source.of(1)))
        .isInstanceOf(IllegalStateException.class);
    assertThat(Gen.choose(List.of(1, 2)).map(i -> i * 10).sample(1, 50)).containsOnly(10, 20);
    assertThat(Gen.choose(List.of(1, 3)).flatMap(n -> Gen.constant("x").listOf(n, n)).sample(1, 50))
        .allSatisfy(l -> assertThat(l.size()).isIn(1, 3));
    assertThat(Gen.constant("x").listOf(2, 5).sample(1, 200)).allSatisfy(l -> assertThat(l).hasSizeBetween(2, 5));
  }

  @Test
  void hostilePathsIncludeEveryTrick() {
    List<String> values = Gens.hostilePaths().sample(Property.DEFAULT_SEED, 2_000);
    Map<String, Predicate<String>> tricks = Map.ofEntries(
        Map.entry("dot-dot", s -> s.contains("..")),
        Map.entry("double slash", s -> s.contains("//")),
        Map.entry("backslash", s -> s.contains("\\")),
        Map.entry("trailing dot", s -> s.endsWith(".") && !s.endsWith("..")),
        Map.entry("trailing space", s -> s.endsWith(" ")),
        Map.entry("case game", s -> s.matches("(?s).*\\.(E[nN][vV]|e[nN]V|eN[vV]|SSH|PEM).*")),
        Map.entry("fullwidth", s -> s.chars().anyMatch(c -> c >= 0xFF01 && c <= 0xFF5E)),
        Map.entry("tilde", s -> s.startsWith("~")),
        Map.entry("absolute", s -> s.startsWith("/") && !s.startsWith("//")),
        Map.entry("drive", s -> Pattern.compile("^[A-Za-z]:").matcher(s).find()),
        Map.entry("unc", s -> s.startsWith("\\\\")),
        Map.entry("percent", s -> Pattern.compile("%[0-9a-fA-F]{2}").matcher(s).find()),
        Map.entry("zero width", s -> s.chars().anyMatch(c -> c == 0x200b || c == 0x200c || c == 0x200d
            || c == 0xfeff || c == 0x2060)),
        Map.entry(".env", s -> s.contains(".env")),
        Map.entry("pem", s -> s.contains(".pem")),
        Map.entry(".ssh", s -> s.contains(".ssh")));
    tricks.forEach((name, p) -> assertThat(values).as(name).anyMatch(p));
  }

  @Test
  void ordinaryPathsAreRelativeAndPlain() {
    assertThat(Gens.paths().sample(1, 1000)).allMatch(p -> p.matches("[A-Za-z0-9_/]+\\.[a-z]+") && !p.contains(".."));
  }

  @Test
  void shellLinesJoinOrdinaryCommandsWithEveryOperator() {
    List<String> values = Gens.shellLines().sample(1, 2000);
    for (String op : List.of(" && ", " || ", "; ", " | ")) {
      assertThat(values).as(op).anyMatch(s -> s.contains(op));
    }
    assertThat(values).noneMatch(s -> s.contains("$(") || s.contains("`") || s.contains(".env"));
  }

  @Test
  void hostileShellLinesIncludeEveryShape() {
    List<String> values = Gens.hostileShellLines().sample(1, 2000);
    for (String shape : List.of("$(", "`", "<(", "bash -c", "sh -c", "eval ", "sudo ", "env ", "xargs ", "-exec",
        "> .env", ">> ~/.ssh", "<<EOF", "<<<", "timeout ", "nohup ", "nice ", "command ", "exec ", "&& ", "||", "; ",
        "\n", " & ")) {
      assertThat(values).as(shape).anyMatch(s -> s.contains(shape));
    }
  }

  @Test
  void urlsIncludeUserinfoIpEncodingsAndIdn() {
    List<String> values = Gens.urls().sample(1, 2000);
    assertThat(values).anyMatch(s -> s.contains("github.com@"));
    for (String host : List.of("2130706433", "0x7f000001", "0177.0.0.1", "[::1]", "169.254.169.254", "xn--")) {
      assertThat(values).as(host).anyMatch(s -> s.contains(host));
    }
    assertThat(values).anyMatch(s -> s.chars().anyMatch(c -> c > 0x7f));
  }

  @Test
  void evidenceAndActionsHaveThePromisedShape() {
    assertThat(Gens.evidence().sample(1, 500)).anyMatch(e -> e.isEmpty()).anyMatch(e -> !e.isEmpty());
    List<Action> actions = Gens.actions(List.of("read_file", "bash", "fetch")).sample(1, 500);
    assertThat(actions).extracting(Action::tool).containsOnly("read_file", "bash", "fetch");
    assertThat(actions).allSatisfy(a -> assertThat(a.workflow()).isEqualTo("wf"));
  }

  @Test
  void policiesBuildAndAreLaneJumpFree() {
    List<Policy> policies = Gens.policies().sample(1, 300);
    assertThat(policies).allSatisfy(p -> {
      assertThat(p.tools()).isNotEmpty();
      for (Capability c : p.capabilities().values()) {
        assertThat(c.lane().rank()).as("%s", c).isGreaterThanOrEqualTo(p.minimumLaneFor(c.effect()).rank());
      }
    });
  }

  @Test
  void nothingNeedingLaneLIsAllowedBelowLOnAGeneratedPolicy() {
    record Case(Policy policy, List<Action> actions, Lane lane) {}
    Gen<Case> cases = Gens.policies().flatMap(p -> s -> new Case(p,
        Gens.actions(p.tools().stream().map(t -> t.tool()).toList()).listOf(1, 20).generate(s),
        s.pick(Lane.defaults())));
    int[] allowed = {0};
    Property.forAll(cases).cases(60).check(c -> {
      try (PolicyEngine engine = PolicyEngine.builder().policy(c.policy()).workspace("/work/repo").build()) {
        for (Action a : c.actions()) {
          AgentKey key = AgentKey.of(a.agent(), a.workflow());
          engine.lanes().assign(key, c.lane(), "test", "prop");
          Decision d = engine.decide(a);
          if (d.verdict() == Verdict.ALLOW) {
            allowed[0]++;
            assertThat(d.capabilities()).as("allowed %s at %s", a, c.lane()).isNotEmpty();
            for (Capability cap : d.capabilities()) {
              assertThat(cap.lane().rank()).as("%s at %s: %s", cap, c.lane(), d).isLessThanOrEqualTo(c.lane().rank());
            }
          } else {
            assertThat(d.reasons()).as("a refusal has reasons: %s", d).isNotEmpty();
          }
        }
      }
    });
    assertThat(allowed[0]).as("the property saw some allowed actions").isPositive();
  }
}
