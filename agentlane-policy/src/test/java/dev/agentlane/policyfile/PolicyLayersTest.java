package dev.agentlane.policyfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.agentlane.Action;
import dev.agentlane.AgentKey;
import dev.agentlane.Lane;
import dev.agentlane.PolicyEngine;
import dev.agentlane.PolicyException;
import dev.agentlane.PolicyProblem;
import dev.agentlane.Verdict;
import dev.agentlane.policy.StopConditionSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyLayersTest {
  @TempDir Path dir;
  private Path org;
  private Path team;

  @BeforeEach
  void layers() throws Exception {
    org = Files.writeString(dir.resolve("org.yaml"), """
        apiVersion: agentlane.dev/v1
        kind: Policy
        metadata: {name: org, version: "3"}
        capabilities:
          code.read: {lane: draft, effect: read}
          net.fetch: {lane: sandbox, effect: sandboxed}
        tools:
          read_file: {capabilities: [code.read], read-paths: [/path]}
          fetch: {capabilities: [net.fetch], urls: [/url]}
        hosts: [github.com]
        stop-conditions:
          - {id: org.secrets, kind: sensitive-paths, effect: halt, globs: [.env]}
        locks: [hosts, net.fetch]
        """);
    team = Files.writeString(dir.resolve("team.yaml"), """
        apiVersion: agentlane.dev/v1
        kind: Policy
        metadata: {name: team, version: "5"}
        capabilities:
          code.read: {lane: sandbox, effect: read}
        stop-conditions:
          - {id: team.no-docs, kind: sensitive-paths, effect: deny, globs: [docs/]}
        """);
  }

  private Path repo(String body) throws Exception {
    return Files.writeString(dir.resolve("repo.yaml"), "apiVersion: agentlane.dev/v1\nkind: Policy\nmetadata: {name: repo}\n" + body);
  }

  @Test
  void layersComposeWithDenyOverrides() throws Exception {
    PolicyLayers.Composition c = PolicyLayers.compose(List.of(org, team, repo("""
        stop-conditions:
          - {id: repo.burst, kind: rate, effect: deny, limit: 100, window: 1m}
        """)));
    assertThat(c.policy().stopConditions()).extracting(StopConditionSpec::id)
        .containsExactly("org.secrets", "team.no-docs", "repo.burst");
    assertThat(c.policy().capabilities().get("code.read").lane()).as("the stricter lane wins").isEqualTo(Lane.SANDBOX);
    assertThat(c.policy().version()).isEqualTo("org@3+team@5+repo@1");
    assertThat(c.origins()).containsEntry("org.secrets", org.toString()).containsEntry("team.no-docs", team.toString());
    assertThat(c.describe()).contains("stop condition team.no-docs -> deny   [" + team + "]")
        .contains("capability code.read @sandbox (read)   [" + team + "]");
    try (PolicyEngine engine = PolicyEngine.builder().policy(c.policy()).workspace("/w").build()) {
      AgentKey key = AgentKey.of("a", "w");
      engine.lanes().assign(key, Lane.SANDBOX, "t", "t");
      assertThat(engine.decide(Action.builder().key(key).tool("read_file").arguments(Map.of("path", "docs/x.md")).build())
          .verdict()).isEqualTo(Verdict.DENY);
    }
  }

  @Test
  void lowerLayerCannotLoosenALockedSetting() throws Exception {
    PolicyException e = catchThrowableOfType(PolicyException.class, () -> PolicyLayers.compose(List.of(org, team, repo("""
        capabilities:
          net.fetch: {lane: draft, effect: read}
        hosts: [evil.example]
        """))));
    assertThat(e.problems()).extracting(PolicyProblem::message)
        .anySatisfy(m -> assertThat(m).contains("'hosts' is locked by " + org))
        .anySatisfy(m -> assertThat(m).contains("'net.fetch' is locked by " + org));
  }

  @Test
  void lowerLayerCannotRedefineAHigherRule() throws Exception {
    PolicyException e = catchThrowableOfType(PolicyException.class, () -> PolicyLayers.compose(List.of(org, repo("""
        stop-conditions:
          - {id: org.secrets, kind: sensitive-paths, effect: escalate, globs: [.env]}
        """))));
    assertThat(e.problems()).singleElement().satisfies(p -> {
      assertThat(p.source()).endsWith("repo.yaml");
      assertThat(p.message()).contains("rule 'org.secrets' is defined by " + org);
    });
  }

  @Test
  void unlockedAdditionsAreAllowedAndStricterChangesAlways() throws Exception {
    Path looseOrg = Files.writeString(dir.resolve("loose.yaml"), """
        apiVersion: agentlane.dev/v1
        kind: Policy
        capabilities: {code.read: {lane: draft, effect: read}}
        hosts: [github.com]
        """);
    PolicyLayers.Composition c = PolicyLayers.compose(List.of(looseOrg, repo("""
        hosts: [registry.npmjs.org]
        capabilities: {code.read: {lane: sandbox, effect: read}}
        """)));
    assertThat(c.policy().hosts()).extracting(h -> h.pattern()).containsExactly("github.com", "registry.npmjs.org");
    assertThat(c.policy().capabilities().get("code.read").lane()).isEqualTo(Lane.SANDBOX);
  }

  @Test
  void promotionCriteriaCombineIntoTheStricter() throws Exception {
    Path strictOrg = Files.writeString(dir.resolve("strict.yaml"), """
        apiVersion: agentlane.dev/v1
        kind: Policy
        promotion:
          production: {min-observations: 50, max-rework-upper-bound: 0.3}
        """);
    PolicyLayers.Composition c = PolicyLayers.compose(List.of(strictOrg, repo("""
        promotion:
          production: {min-observations: 10, max-rework-upper-bound: 0.1, min-release-cycles: 8}
        """)));
    var criteria = c.policy().promotion().get("production");
    assertThat(criteria.minObservations()).isEqualTo(50);
    assertThat(criteria.maxReworkUpperBound()).isEqualTo(0.1);
    assertThat(criteria.minReleaseCycles()).isEqualTo(8);
  }
}
