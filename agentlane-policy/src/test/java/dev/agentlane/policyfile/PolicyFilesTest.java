package dev.agentlane.policyfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.agentlane.Action;
import dev.agentlane.AgentKey;
import dev.agentlane.EffectClass;
import dev.agentlane.Lane;
import dev.agentlane.PolicyEngine;
import dev.agentlane.PolicyException;
import dev.agentlane.Verdict;
import dev.agentlane.policy.Policy;
import dev.agentlane.policy.StopConditionSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyFilesTest {
  private static final String YAML = """
      apiVersion: agentlane.dev/v1
      kind: Policy
      metadata: {name: team, version: "7"}
      capabilities:
        code.read: {lane: draft, effect: read}
        tests.run: {lane: sandbox, effect: sandboxed}
      tools:
        read_file: {capabilities: [code.read], read-paths: [/path], only-arguments: [path]}
        bash: {command: /command}
      commands:
        - {program: npm, args: [test], capabilities: [tests.run], paths: none}
      stop-conditions:
        - id: secrets
          kind: sensitive-paths
          effect: halt
          globs: [.env, "*.pem"]
          examples:
            match: [{lane: draft, tool: read_file, arguments: {path: config/.env}}]
            not-match: [{lane: draft, tool: read_file, arguments: {path: src/App.java}}]
        - {id: burst, kind: rate, effect: deny, limit: 100, window: 1m, per: agent}
      """;

  @TempDir Path dir;

  @Test
  void yamlFileMapsOntoTheModel() throws Exception {
    Path file = Files.writeString(dir.resolve("team.yaml"), YAML);
    Policy p = PolicyFiles.load(file);
    assertThat(p.name()).isEqualTo("team");
    assertThat(p.version()).isEqualTo("7");
    assertThat(p.lanes()).containsExactlyElementsOf(Lane.defaults());
    assertThat(p.capabilities().get("tests.run").effect()).isEqualTo(EffectClass.SANDBOXED);
    assertThat(p.tools()).extracting(t -> t.tool()).containsExactly("read_file", "bash");
    assertThat(p.stopConditions()).hasSize(2);
    assertThat(p.stopConditions().get(1)).isInstanceOfSatisfying(StopConditionSpec.Rate.class,
        r -> assertThat(r.window()).isEqualTo(Duration.ofMinutes(1)));
  }

  @Test
  void loadedPolicyDecidesLikeTheJavaOne() throws Exception {
    Policy p = PolicyFiles.load(Files.writeString(dir.resolve("team.yaml"), YAML));
    try (PolicyEngine engine = PolicyEngine.builder().policy(p).workspace("/w").build()) {
      AgentKey key = AgentKey.of("a", "w");
      engine.lanes().assign(key, Lane.SANDBOX, "t", "t");
      assertThat(engine.decide(Action.builder().key(key).tool("bash").arguments(Map.of("command", "npm test")).build())
          .verdict()).isEqualTo(Verdict.ALLOW);
      assertThat(engine.decide(Action.builder().key(key).tool("read_file").arguments(Map.of("path", ".env")).build())
          .verdict()).isEqualTo(Verdict.HALT);
    }
  }

  @Test
  void jsonAndYamlAreTheSameModel() throws Exception {
    String json = """
        {"apiVersion": "agentlane.dev/v1", "kind": "Policy", "metadata": {"name": "team", "version": "7"},
         "capabilities": {"code.read": {"lane": "draft", "effect": "read"}},
         "tools": {"read_file": {"capabilities": ["code.read"], "read-paths": ["/path"]}}}
        """;
    String yaml = """
        apiVersion: agentlane.dev/v1
        kind: Policy
        metadata: {name: team, version: "7"}
        capabilities: {code.read: {lane: draft, effect: read}}
        tools: {read_file: {capabilities: [code.read], read-paths: [/path]}}
        """;
    Policy fromJson = PolicyFiles.load(Files.writeString(dir.resolve("p.json"), json));
    Policy fromYaml = PolicyFiles.load(Files.writeString(dir.resolve("p.yaml"), yaml));
    assertThat(fromJson.capabilities()).isEqualTo(fromYaml.capabilities());
    assertThat(fromJson.tools()).isEqualTo(fromYaml.tools());
  }

  @Test
  void everyProblemIsReportedAtOnceInDocumentOrder() {
    String broken = """
        apiVersion: agentlane.dev/v1
        kind: Policy
        capabilities:
          code.read: {lane: draft, effect: reed}
        tools:
          read_file: {capabilities: [code.reed], read-paths: [/path]}
        stop-condtions: []
        """;
    PolicyException e = catchThrowableOfType(PolicyException.class, () -> PolicyFiles.parse(broken, "team.yaml"));
    assertThat(e.problems()).extracting(p -> p.line() + ":" + p.column())
        .containsExactly("4:36", "6:14", "7:1");
    assertThat(e.getMessage()).contains("team.yaml:4:36: capabilities.code.read.effect: unknown value 'reed'")
        .contains("team.yaml:7:1: stop-condtions: unknown field 'stop-condtions' in a policy (did you mean 'stop-conditions'?)");
  }

  @Test
  void extendsAddsToABaseFile() throws Exception {
    Files.writeString(dir.resolve("org.yaml"), """
        apiVersion: agentlane.dev/v1
        kind: Policy
        metadata: {name: org}
        capabilities: {code.read: {lane: draft, effect: read}}
        stop-conditions:
          - {id: org.secrets, kind: sensitive-paths, effect: halt, globs: [.env]}
        """);
    Path team = Files.writeString(dir.resolve("team.yaml"), """
        apiVersion: agentlane.dev/v1
        kind: Policy
        extends: [org.yaml]
        tools: {read_file: {capabilities: [code.read], read-paths: [/path]}}
        """);
    Policy p = PolicyFiles.load(team);
    assertThat(p.name()).isEqualTo("team");
    assertThat(p.stopConditions()).extracting(StopConditionSpec::id).containsExactly("org.secrets");
    assertThat(p.tools()).hasSize(1);
  }

  @Test
  void hostileFilesAreRefusedQuickly() throws Exception {
    Path huge = dir.resolve("huge.yaml");
    Files.write(huge, ("# " + "x".repeat(100) + "\n").repeat(50_000).getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> PolicyFiles.load(huge)).isInstanceOf(PolicyException.class)
        .hasMessageContaining("policy files may be at most");
    String deep = "apiVersion: agentlane.dev/v1\nkind: Policy\nmetadata: " + "[".repeat(500) + "]".repeat(500) + "\n";
    assertThatThrownBy(() -> PolicyFiles.parse(deep, "deep.yaml")).isInstanceOf(PolicyException.class)
        .hasMessageContaining("deep.yaml");
    String bomb = "apiVersion: agentlane.dev/v1\nkind: Policy\na: &a [x, x, x, x, x, x, x, x]\n"
        + "b: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b]\n"
        + "d: [*c, *c, *c, *c, *c, *c, *c, *c]\n";
    assertThatThrownBy(() -> PolicyFiles.parse(bomb, "bomb.yaml")).isInstanceOf(PolicyException.class)
        .hasMessageContaining("YAML aliases are not allowed");
  }

  @Test
  void byteOrderMarkIsAccepted() {
    Policy p = PolicyFiles.parse("\uFEFFapiVersion: agentlane.dev/v1\nkind: Policy\n", "bom.yaml");
    assertThat(p.name()).isEqualTo("bom");
  }

  @Test
  void unreadableFileIsAProblemNotACrash() {
    assertThatThrownBy(() -> PolicyFiles.load(dir.resolve("missing.yaml"))).isInstanceOf(PolicyException.class)
        .hasMessageContaining("cannot read the file");
  }

  @Test
  void promotionCriteriaComeFromTheFile() {
    Policy p = PolicyFiles.parse("""
        apiVersion: agentlane.dev/v1
        kind: Policy
        promotion:
          production: {min-observations: 50, min-release-cycles: 6, min-time-in-lane: 30d, min-clean-rate-lower-bound: 0.9}
        """, "p.yaml");
    var criteria = p.promotion().get("production");
    assertThat(criteria.minObservations()).isEqualTo(50);
    assertThat(criteria.minReleaseCycles()).isEqualTo(6);
    assertThat(criteria.minTimeInLane()).isEqualTo(Duration.ofDays(30));
    assertThat(criteria.minCleanRateLowerBound()).isEqualTo(0.9);
    assertThat(PolicyFiles.defaultPolicy().promotion()).containsKeys("staging", "production");
  }
}
