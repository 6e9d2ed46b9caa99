package dev.agentlane.policyfile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentlane.Lane;
import dev.agentlane.policy.Policy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The default policy, the published schema and every complete policy in docs/ load and lint. */
class ShippedPoliciesTest {
  private static final Path DOCS = Path.of("..", "docs");
  private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);

  static Stream<String> docExamples() throws Exception {
    List<String> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(DOCS)) {
      for (Path doc : files.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
        Matcher m = YAML_BLOCK.matcher(Files.readString(doc));
        int n = 0;
        while (m.find()) {
          n++;
          if (m.group(1).startsWith("apiVersion:") && !doc.getFileName().toString().equals("policy-format.md")) {
            out.add(doc.getFileName() + "#" + n + "\n" + m.group(1));
          }
        }
      }
    }
    return out.stream();
  }

  @Test
  void docsHaveCompletePolicyExamples() throws Exception {
    assertThat(docExamples().count()).isGreaterThanOrEqualTo(2);
  }

  @ParameterizedTest(name = "{index}")
  @MethodSource("docExamples")
  void everyCompletePolicyInTheDocsLoads(String example) {
    int nl = example.indexOf('\n');
    Policy p = PolicyFiles.parse(example.substring(nl + 1), example.substring(0, nl));
    assertThat(p.capabilities()).isNotEmpty();
  }

  /**
   * How the default policy decides (the promotion path, secrets, CI files, hosts, the catalogue) is pinned
   * by the policy suite in agentlane-tests ({@code src/test/policy-suites/default-policy.yaml}); here, that
   * it loads with the default lanes and lints clean of errors.
   */
  @Test
  void defaultPolicyLoadsWithTheDefaultLanesAndLintsCleanOfErrors() {
    Policy p = PolicyFiles.defaultPolicy();
    assertThat(p.lanes()).containsExactlyElementsOf(Lane.defaults());
    assertThat(PolicyLinter.lint(p)).noneMatch(f -> f.severity() == LintFinding.Severity.ERROR);
  }

  @Test
  void extendingTheDefaultPolicyAddsToIt() {
    Policy p = PolicyFiles.parse("""
        apiVersion: agentlane.dev/v1
        kind: Policy
        metadata: {name: mine}
        extends: [default]
        hosts: [internal.example.com]
        """, "mine.yaml");
    assertThat(p.name()).isEqualTo("mine");
    assertThat(p.hosts()).extracting(h -> h.pattern()).contains("github.com", "internal.example.com");
    assertThat(p.capabilities()).containsKeys("code.read", "deploy.production");
  }

  @Test
  void schemaIsPublishedInTheJarAndInTheDocs() throws Exception {
    String fromJar = PolicyFiles.jsonSchema();
    assertThat(fromJar).isEqualTo(Files.readString(DOCS.resolve("policy-v1.schema.json")));
    JsonNode schema = new ObjectMapper().readTree(fromJar);
    assertThat(schema.path("$id").asText()).isEqualTo("https://agentlane.dev/schemas/policy-v1.schema.json");
    assertThat(schema.path("properties").has("stop-conditions")).isTrue();
  }

  @Test
  void lintPlacesFindingsAtTheirRule(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("p.yaml"), """
        apiVersion: agentlane.dev/v1
        kind: Policy
        capabilities:
          code.read: {lane: draft, effect: read}
          unused.cap: {lane: draft, effect: read}
        tools:
          read_file: {capabilities: [code.read], read-paths: [/path]}
        """);
    List<PolicyFiles.LocatedFinding> findings = PolicyFiles.lint(file);
    assertThat(findings).anySatisfy(f -> {
      assertThat(f.finding().code()).isEqualTo("capability-never-needed");
      assertThat(f.line()).isEqualTo(5);
      assertThat(f.toString()).contains("p.yaml:5:15: info capability-never-needed");
    });
    assertThat(findings).anySatisfy(f -> assertThat(f.finding().code()).isEqualTo("no-secrets-protection"));
  }
}
