package dev.agentlane.benchmarks.peers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Every peer engine of the comparison, by name: the one place {@code AgreementTest} and
 * {@code benchmarks/compare} (through {@link #main}, which passes the names to the benchmarks' {@code engine}
 * parameter) read the list from. Adding a peer is one line in {@link #FACTORIES}; add its name to the
 * {@code @Param} defaults of {@code ComparisonBenchmark} and {@code ComparisonScalingBenchmark} too, for
 * runs without the script.
 *
 * <p>Stateless; each call of {@link #create} builds a new engine (one per thread).
 */
public final class Peers {

  private static final Map<String, Function<PeerPolicy.Rules, PeerEngine>> FACTORIES = new LinkedHashMap<>();

  /** Peers whose policy text is written for {@link PeerPolicy#BASE} only (no scaling variant). */
  private static final Map<String, Supplier<PeerEngine>> BASE_ONLY = new LinkedHashMap<>();

  static {
    FACTORIES.put("cedar", rules -> new CedarPeer(rules, false));
    FACTORIES.put("cedar-cached", rules -> new CedarPeer(rules, true));
    FACTORIES.put("casbin", CasbinPeer::new);
    FACTORIES.put("cel", CelPeer::new);
    BASE_ONLY.put("sapl", SaplPeer::new);
    // Without a Rego-to-Wasm compiler here, this is opa-java-wasm's shipped demo policy (see OpaWasmPeer).
    BASE_ONLY.put("opa-wasm", OpaWasmPeer::new);
  }

  private Peers() {}

  /** Prints the names, separated by commas (for {@code benchmarks/compare}); {@code --scaling} for {@link #scalingNames}. */
  public static void main(String[] args) {
    System.out.println(String.join(",", args.length > 0 && args[0].equals("--scaling") ? scalingNames() : names()));
  }

  /** Every name, in table order. */
  public static List<String> names() {
    List<String> all = new ArrayList<>(FACTORIES.keySet());
    all.addAll(BASE_ONLY.keySet());
    return List.copyOf(all);
  }

  /** The peers that can decide a {@linkplain PeerPolicy#scaled scaled} policy. */
  public static List<String> scalingNames() {
    return List.copyOf(FACTORIES.keySet());
  }

  /**
   * A new engine deciding under {@code rules}.
   *
   * @throws IllegalArgumentException if no peer has that name, or it decides only {@link PeerPolicy#BASE}
   *     and {@code rules} is another
   */
  public static PeerEngine create(String name, PeerPolicy.Rules rules) {
    Function<PeerPolicy.Rules, PeerEngine> f = FACTORIES.get(name);
    if (f != null) {
      return f.apply(rules);
    }
    Supplier<PeerEngine> base = BASE_ONLY.get(name);
    if (base == null) {
      throw new IllegalArgumentException("no peer engine named '" + name + "'; known: " + names());
    }
    if (!rules.equals(PeerPolicy.BASE)) {
      throw new IllegalArgumentException("peer engine '" + name + "' decides only the base policy; scaling: "
          + scalingNames());
    }
    return base.get();
  }

  /** Whether the named engine decides the benchmark policy's rules (false for OPA's demo policy). */
  public static boolean decidesThePolicy(String name) {
    if (!name.equals("opa-wasm")) {
      return true;
    }
    try (OpaWasmPeer opa = new OpaWasmPeer()) {
      return !opa.isDemo();
    }
  }
}
