package dev.agentlane.benchmarks.peers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentlane.testkit.gen.Property;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SaplPeerTest {

  static final PeerRequest.Evidence GOOD = new PeerRequest.Evidence(true, true, 0, 3, true, true, 0.9, true);

  private static SaplPeer sapl;
  private final ReferencePeer reference = new ReferencePeer();

  @BeforeAll
  static void buildPdp() {
    sapl = new SaplPeer();
  }

  @AfterAll
  static void destroyPdp() {
    sapl.close();
  }

  @Test
  void agreesWithTheReferenceOnSeededRandomRequests() {
    AtomicInteger allowed = new AtomicInteger();
    AtomicInteger denied = new AtomicInteger();
    // The seed is printed with the failing request; rerun with -Dagentlane.seed=<seed>.
    Property.forAll(new PeerRequestGen()).cases(4_000).check(r -> {
      boolean expected = reference.allows(r);
      assertThat(sapl.allows(r)).as("sapl on %s", r).isEqualTo(expected);
      (expected ? allowed : denied).incrementAndGet();
    });
    // Both outcomes are well represented, so agreement is not agreement on "deny everything".
    assertThat(allowed.get()).as("allowed").isGreaterThan(400);
    assertThat(denied.get()).as("denied").isGreaterThan(400);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cornerCases")
  void decidesCornerCasesAsTheReference(String description, PeerRequest request, boolean allowed) {
    assertThat(reference.allows(request)).as("reference").isEqualTo(allowed);
    assertThat(sapl.allows(request)).as("sapl").isEqualTo(allowed);
  }

  static Stream<Arguments> cornerCases() {
    return Stream.of(
        Arguments.of("plain read in draft", read(0, "code.read", "src/app.java"), true),
        Arguments.of("R1 unmapped", new PeerRequest("a/b", 4, "x", false, List.of("code.read"), List.of(),
            List.of(), List.of(), GOOD), false),
        Arguments.of("R2 lane too low", read(0, "tests.run", "src/app.java"), false),
        Arguments.of("R2 lane exactly earned", read(1, "tests.run", "src/app.java"), true),
        Arguments.of("R2 unknown capability", read(4, "code.write", "src/app.java"), false),
        Arguments.of("R3 .env.d/x", read(0, "code.read", ".env.d/x"), false),
        Arguments.of("R3 .envrc is not .env.*", read(0, "code.read", ".envrc"), true),
        Arguments.of("R3 secrets segment deep", read(0, "code.read", "a/secrets/b"), false),
        Arguments.of("R3 secretsx is another segment", read(0, "code.read", "secretsx/y"), true),
        Arguments.of("R3 *.pem anywhere", read(0, "code.read", "deploy/tls/server.pem"), false),
        Arguments.of("R3 secret under /tmp", read(0, "code.read", "/tmp/.env"), false),
        Arguments.of("R3 line terminator after a secret (oracle: Java's $)", read(0, "code.read", "secrets\n"),
            false),
        Arguments.of("R4 protected read is fine", read(0, "code.read", ".github/workflows/ci.yml"), true),
        Arguments.of("R4 protected write", write(".github/workflows/ci.yml"), false),
        Arguments.of("R4 workflowsx is another segment", write(".github/workflowsx/ci.yml"), true),
        Arguments.of("R4 docker-compose glob", write("docker-compose.prod.yml"), false),
        Arguments.of("R5 /tmp/ file", read(0, "code.read", "/tmp/x"), true),
        Arguments.of("R5 /tmp itself", read(0, "code.read", "/tmp"), false),
        Arguments.of("R5 /tmpx", read(0, "code.read", "/tmpx/y"), false),
        Arguments.of("R5 /dev/null", write("/dev/null"), true),
        Arguments.of("R5 /dev/nullx", write("/dev/nullx"), false),
        Arguments.of("R5 /etc/passwd", read(0, "code.read", "/etc/passwd"), false),
        Arguments.of("R6 exact host", fetch("github.com"), true),
        Arguments.of("R6 strict subdomain", fetch("api.github.com"), true),
        Arguments.of("R6 deeper subdomain", fetch("a.b.github.com"), true),
        Arguments.of("R6 empty label is not a subdomain", fetch(".github.com"), false),
        Arguments.of("R6 suffix without a dot", fetch("evilgithub.com"), false),
        Arguments.of("R6 allowed name as a prefix", fetch("github.com.evil.io"), false),
        Arguments.of("R6 no wildcard for crates.io", fetch("x.crates.io"), false),
        Arguments.of("R7 governed with good evidence", governed(GOOD), true),
        Arguments.of("R7 no evidence", governed(PeerRequest.Evidence.NONE), false),
        Arguments.of("R7 30 files", governed(evidence(0, 30, 0.9)), true),
        Arguments.of("R7 31 files", governed(evidence(0, 31, 0.9)), false),
        Arguments.of("R7 a failed test", governed(evidence(1, 3, 0.9)), false),
        Arguments.of("R7 confidence exactly 0.6", governed(evidence(0, 3, 0.6)), true),
        Arguments.of("R7 confidence just under 0.6", governed(evidence(0, 3, 0.5999999999999999)), false),
        Arguments.of("R7 confidence not stated", governed(evidence(0, 3, -1)), false),
        Arguments.of("R8 staging with rollback plan", staging(true), true),
        Arguments.of("R8 staging without rollback plan", staging(false), false),
        Arguments.of("R9 needs approval", new PeerRequest("a/b", 4, "x", true, List.of("config.edit"),
            List.of(), List.of(), List.of(), GOOD), false),
        Arguments.of("R10 production", new PeerRequest("a/b", 4, "x", true, List.of("deploy.production"),
            List.of(), List.of(), List.of(), GOOD), false),
        Arguments.of("no capabilities at all", new PeerRequest("a/b", 0, "x", true, List.of(), List.of(),
            List.of(), List.of(), PeerRequest.Evidence.NONE), true));
  }

  @Test
  void policyTextIsOneDenyOverridesSetWithOneDenyPolicyPerRule() {
    String text = SaplPeer.policyText();
    assertThat(text).startsWith("set \"agentlane-peer-policy\"\ndeny-overrides");
    for (int rule = 1; rule <= 10; rule++) {
      assertThat(text).contains("policy \"R" + rule + " ");
    }
    assertThat(text.split("\\bpermit\\b", -1)).as("one permit policy").hasSize(2);
  }

  static PeerRequest read(int lane, String capability, String path) {
    return new PeerRequest("agent-1/ci", lane, "read_file", true, List.of(capability), List.of(path), List.of(),
        List.of(), PeerRequest.Evidence.NONE);
  }

  static PeerRequest write(String path) {
    return new PeerRequest("agent-1/ci", 1, "write_file", true, List.of("workspace.write"), List.of(),
        List.of(path), List.of(), PeerRequest.Evidence.NONE);
  }

  static PeerRequest fetch(String host) {
    return new PeerRequest("agent-1/ci", 1, "fetch", true, List.of("net.fetch"), List.of(), List.of(),
        List.of(host), PeerRequest.Evidence.NONE);
  }

  static PeerRequest governed(PeerRequest.Evidence evidence) {
    return new PeerRequest("agent-1/ci", 2, "open_pr", true, List.of("pr.open"), List.of(), List.of(),
        List.of(), evidence);
  }

  static PeerRequest staging(boolean rollbackPlan) {
    PeerRequest.Evidence e = new PeerRequest.Evidence(true, true, 0, 3, true, true, 0.9, rollbackPlan);
    return new PeerRequest("agent-1/ci", 3, "bash", true, List.of("deploy.staging"), List.of(), List.of(),
        List.of(), e);
  }

  static PeerRequest.Evidence evidence(int testsFailed, int filesTouched, double confidence) {
    return new PeerRequest.Evidence(true, true, testsFailed, filesTouched, true, true, confidence, true);
  }
}
