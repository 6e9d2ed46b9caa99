package dev.agentlane.benchmarks.peers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.styra.opa.wasm.OpaPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * OPA policies compiled to WebAssembly, run in-process by com.styra.opa:opa-java-wasm (Chicory, a pure
 * Java Wasm runtime). Which module it runs:
 *
 * <ol>
 *   <li>the file named by the system property {@value #POLICY_PROPERTY}, if set (it must exist);
 *   <li>otherwise the class-path resource {@value #POLICY_RESOURCE}, if present;
 *   <li>otherwise the demo module that opa-java-wasm ships at its jar's root, {@code demo-policy.wasm}.
 * </ol>
 *
 * <p>The first two are {@code peer-policy.rego} (next to this class) compiled with
 * {@code opa build -t wasm -e agentlane/peers/allow}: {@link PeerPolicy}'s rules R1–R10, fed with
 * {@link #dataDocument()} as {@code data} and the request as {@code input}. That engine is named
 * {@code opa-wasm}. No Rego-to-Wasm compiler is available where this module is built, so the repository
 * ships no compiled module and, by default, the peer runs the demo.
 *
 * <p>The demo ({@code opa-wasm-demo}) is compiled from opa-java-wasm's test policy
 * {@code package opa.wasm.test; default allowed := false; allowed if { user := input.user;
 * data.role[user] == "admin" }}, entrypoint {@code opa/wasm/test/allowed}. It cannot express R1–R10, so its
 * answers are not the benchmark policy's and it is left out of verdict agreement; it is timed because every
 * call still pays what any Wasm policy pays per decision: serialize the whole request as JSON, copy it into
 * Wasm memory, parse it there, evaluate, dump the result as JSON and read it back. Its input is the full
 * request plus {@code user}, the request's first capability (empty when there is none), and its data maps
 * every draft-lane capability to {@code "admin"} and every other to {@code "user"}: it allows exactly the
 * requests whose first capability is a draft-lane one.
 *
 * <p>Not thread-safe (the Wasm instance has one linear memory): one instance per thread, as
 * {@link PeerEngine} requires. Each instance loads and compiles its own module.
 */
public final class OpaWasmPeer implements PeerEngine {

  /** System property naming a compiled {@code peer-policy.wasm} file to run instead of the demo. */
  public static final String POLICY_PROPERTY = "agentlane.peers.opaWasm";

  /** Class-path location of a compiled {@code peer-policy.wasm}, used when present. */
  public static final String POLICY_RESOURCE = "/dev/agentlane/benchmarks/peers/peer-policy.wasm";

  static final String DEMO_RESOURCE = "/demo-policy.wasm";
  static final String POLICY_ENTRYPOINT = "agentlane/peers/allow";
  static final String DEMO_ENTRYPOINT = "opa/wasm/test/allowed";

  private static final String TRUE = "[{\"result\":true}]";
  private static final String FALSE = "[{\"result\":false}]";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final OpaPolicy policy;
  private final boolean demo;

  /** Loads the module chosen as the class comment describes. */
  public OpaWasmPeer() {
    this(locate());
  }

  OpaWasmPeer(Module module) {
    this.demo = module.demo();
    this.policy = OpaPolicy.builder().withPolicy(module.wasm()).build();
    policy.entrypoint(demo ? DEMO_ENTRYPOINT : POLICY_ENTRYPOINT);
    policy.data(demo ? demoData() : dataDocument());
  }

  /** A compiled module and whether it is the demo. */
  record Module(byte[] wasm, boolean demo) {
    Module {
      Objects.requireNonNull(wasm, "wasm");
    }
  }

  static Module locate() {
    String file = System.getProperty(POLICY_PROPERTY);
    if (file != null && !file.isBlank()) {
      Path path = Path.of(file);
      if (!Files.isRegularFile(path)) {
        throw new IllegalStateException(POLICY_PROPERTY + " names " + path + ", which is not a file");
      }
      try {
        return new Module(Files.readAllBytes(path), false);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + path, e);
      }
    }
    byte[] compiled = resource(POLICY_RESOURCE);
    if (compiled != null) {
      return new Module(compiled, false);
    }
    byte[] demo = resource(DEMO_RESOURCE);
    if (demo == null) {
      throw new IllegalStateException("neither " + POLICY_RESOURCE + " nor opa-java-wasm's " + DEMO_RESOURCE
          + " is on the class path");
    }
    return new Module(demo, true);
  }

  private static byte[] resource(String name) {
    try (InputStream in = OpaWasmPeer.class.getResourceAsStream(name)) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
  }

  @Override
  public String name() {
    return demo ? "opa-wasm-demo" : "opa-wasm";
  }

  /** Whether this instance runs opa-java-wasm's demo policy rather than the benchmark policy. */
  public boolean isDemo() {
    return demo;
  }

  @Override
  public boolean allows(PeerRequest request) {
    ObjectNode input = PeerRequestJson.request(request);
    if (demo) {
      input.put("user", request.capabilities().isEmpty() ? "" : request.capabilities().get(0));
    }
    String result = policy.evaluate(input);
    if (TRUE.equals(result)) {
      return true;
    }
    if (FALSE.equals(result)) {
      return false;
    }
    throw new IllegalStateException("OPA " + name() + " returned " + result + " for " + request);
  }

  /**
   * The {@code data} document for {@code peer-policy.rego}, written from {@link PeerPolicy}:
   * {@code {"peerpolicy": {lanes, approval, secret_regex, protected_regex, exact_hosts, host_suffixes,
   * max_files, min_confidence, governed, staging, production}}}. The regular expressions are RE2 syntax
   * ({@link PeerGlobRegex#re2Search}) for Rego's {@code regex.match}.
   */
  public static String dataDocument() {
    ObjectNode t = JSON.createObjectNode();
    ObjectNode lanes = t.putObject("lanes");
    PeerPolicy.CAPABILITIES.forEach(lanes::put);
    PeerPolicy.APPROVAL_CAPABILITIES.stream().sorted().forEach(t.putArray("approval")::add);
    t.put("secret_regex", PeerGlobRegex.re2Search(PeerPolicy.SECRET_GLOBS));
    t.put("protected_regex", PeerGlobRegex.re2Search(PeerPolicy.PROTECTED_GLOBS));
    var exact = t.putArray("exact_hosts");
    var suffixes = t.putArray("host_suffixes");
    for (String h : PeerPolicy.HOSTS) {
      if (h.startsWith("*.")) {
        suffixes.add(h.substring(1));
      } else {
        exact.add(h);
      }
    }
    t.put("max_files", PeerPolicy.MAX_FILES);
    t.put("min_confidence", PeerPolicy.MIN_CONFIDENCE);
    t.put("governed", PeerPolicy.GOVERNED);
    t.put("staging", PeerPolicy.STAGING);
    t.put("production", PeerPolicy.PRODUCTION);
    return write(Map.of("peerpolicy", t));
  }

  /** The demo's {@code data}: {@code {"role": {capability: "admin" for draft-lane ones, else "user"}}}. */
  static String demoData() {
    ObjectNode role = JSON.createObjectNode();
    PeerPolicy.CAPABILITIES.forEach((c, lane) -> role.put(c, lane == PeerPolicy.DRAFT ? "admin" : "user"));
    return write(Map.of("role", role));
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
