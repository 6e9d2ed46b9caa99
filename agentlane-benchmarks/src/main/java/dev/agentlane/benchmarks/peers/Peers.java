package dev.agentlane.benchmarks.peers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

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

  static {
    FACTORIES.put("cedar", rules -> new CedarPeer(rules, false));
    FACTORIES.put("cedar-cached", rules -> new CedarPeer(rules, true));
    FACTORIES.put("casbin", CasbinPeer::new);
    FACTORIES.put("cel", CelPeer::new);
  }

  private Peers() {}

  /** Prints the names, separated by commas (for {@code benchmarks/compare}). */
  public static void main(String[] args) {
    System.out.println(String.join(",", names()));
  }

  /** The names, in table order. */
  public static List<String> names() {
    return List.copyOf(FACTORIES.keySet());
  }

  /**
   * A new engine deciding under {@code rules}.
   *
   * @throws IllegalArgumentException if no peer has that name
   */
  public static PeerEngine create(String name, PeerPolicy.Rules rules) {
    Function<PeerPolicy.Rules, PeerEngine> f = FACTORIES.get(name);
    if (f == null) {
      throw new IllegalArgumentException("no peer engine named '" + name + "'; known: " + names());
    }
    return f.apply(rules);
  }
}
