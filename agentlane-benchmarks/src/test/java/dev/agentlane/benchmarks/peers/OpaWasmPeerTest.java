package dev.agentlane.benchmarks.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentlane.testkit.gen.Source;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpaWasmPeerTest {

  private static OpaWasmPeer demo;

  @BeforeAll
  static void loadDemo() {
    demo = new OpaWasmPeer();
  }

  @AfterAll
  static void close() {
    demo.close();
  }

  @Test
  void withoutACompiledPeerPolicyItRunsTheShippedDemo() {
    assertThat(OpaWasmPeer.class.getResource(OpaWasmPeer.POLICY_RESOURCE)).isNull();
    assertThat(demo.isDemo()).isTrue();
    assertThat(demo.name()).isEqualTo("opa-wasm-demo");
  }

  @Test
  void demoAllowsExactlyWhenTheFirstCapabilityIsADraftOne() {
    assertThat(demo.allows(request(List.of("code.read", "deploy.production")))).isTrue();
    assertThat(demo.allows(request(List.of("deploy.production", "code.read")))).isFalse();
    assertThat(demo.allows(request(List.of("tests.run")))).isFalse();
    assertThat(demo.allows(request(List.of("not.a.capability")))).isFalse();
    assertThat(demo.allows(request(List.of()))).isFalse();
  }

  @Test
  void demoAnswersStayTheSameOverManyEvaluationsOfOneInstance() {
    // One Wasm instance reuses its linear memory between evaluations: answers must not drift.
    PeerRequestGen gen = new PeerRequestGen();
    Source source = Source.of(20261130L);
    for (int i = 0; i < 2_000; i++) {
      PeerRequest r = gen.generate(source);
      boolean expected = !r.capabilities().isEmpty()
          && Integer.valueOf(PeerPolicy.DRAFT).equals(PeerPolicy.CAPABILITIES.get(r.capabilities().get(0)));
      assertThat(demo.allows(r)).as("case %d (seed 20261130): %s", i, r).isEqualTo(expected);
    }
  }

  @Test
  void aPolicyFileThatDoesNotExistIsAnErrorNotTheDemo(@TempDir Path dir) {
    String previous = System.getProperty(OpaWasmPeer.POLICY_PROPERTY);
    System.setProperty(OpaWasmPeer.POLICY_PROPERTY, dir.resolve("peer-policy.wasm").toString());
    try {
      assertThatThrownBy(OpaWasmPeer::new)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(OpaWasmPeer.POLICY_PROPERTY)
          .hasMessageContaining("peer-policy.wasm");
    } finally {
      if (previous == null) {
        System.clearProperty(OpaWasmPeer.POLICY_PROPERTY);
      } else {
        System.setProperty(OpaWasmPeer.POLICY_PROPERTY, previous);
      }
    }
  }

  @Test
  void dataDocumentHoldsThePeerPolicyTables() throws IOException {
    JsonNode t = new ObjectMapper().readTree(OpaWasmPeer.dataDocument()).get("peerpolicy");
    assertThat(t.get("lanes").size()).isEqualTo(PeerPolicy.CAPABILITIES.size());
    PeerPolicy.CAPABILITIES.forEach((c, lane) -> assertThat(t.get("lanes").get(c).asInt()).as(c).isEqualTo(lane));
    assertThat(strings(t.get("approval"))).containsExactlyInAnyOrderElementsOf(PeerPolicy.APPROVAL_CAPABILITIES);
    assertThat(strings(t.get("exact_hosts"))).contains("github.com").doesNotContain("*.github.com");
    assertThat(strings(t.get("host_suffixes"))).containsExactly(".github.com");
    assertThat(t.get("max_files").asInt()).isEqualTo(PeerPolicy.MAX_FILES);
    assertThat(t.get("min_confidence").asDouble()).isEqualTo(PeerPolicy.MIN_CONFIDENCE);
    assertThat(t.get("secret_regex").asText()).isEqualTo(PeerGlobRegex.re2Search(PeerPolicy.SECRET_GLOBS));
  }

  @Test
  void everyTableThePeerPolicyRegoReadsIsInTheDataDocument() throws IOException {
    // No Rego compiler runs here; this at least keeps the Rego and the data document in step.
    String rego;
    try (InputStream in = OpaWasmPeer.class.getResourceAsStream("peer-policy.rego")) {
      assertThat(in).as("peer-policy.rego next to OpaWasmPeer").isNotNull();
      rego = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(rego).contains("package agentlane.peers").contains("default allow := false")
        .contains("t := data.peerpolicy");
    Set<String> read = new TreeSet<>();
    Matcher m = Pattern.compile("\\bt\\.([a-z_]+)").matcher(rego);
    while (m.find()) {
      read.add(m.group(1));
    }
    JsonNode t = new ObjectMapper().readTree(OpaWasmPeer.dataDocument()).get("peerpolicy");
    assertThat(read).isNotEmpty().allSatisfy(key -> assertThat(t.has(key)).as("data.peerpolicy.%s", key).isTrue());
    for (String field : List.of("mapped", "lane", "capabilities", "readPaths", "writePaths", "hosts", "evidence")) {
      assertThat(rego).contains("input." + field);
    }
    // ... and the request JSON the peer sends has those fields.
    assertThat(PeerRequestJson.request(request(List.of())).fieldNames()).toIterable()
        .contains("mapped", "lane", "capabilities", "readPaths", "writePaths", "hosts", "evidence");
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static PeerRequest request(List<String> capabilities) {
    return new PeerRequest("agent-1/ci", 2, "bash", true, capabilities, List.of("src/app.java"), List.of(),
        List.of("github.com"), PeerRequest.Evidence.NONE);
  }
}
