package dev.agentlane.benchmarks;

import dev.agentlane.Action;
import dev.agentlane.benchmarks.peers.AgentlaneContender;
import dev.agentlane.benchmarks.peers.BenchmarkPolicy;
import dev.agentlane.benchmarks.peers.PeerEngine;
import dev.agentlane.benchmarks.peers.PeerPolicy;
import dev.agentlane.benchmarks.peers.PeerRequest;
import dev.agentlane.benchmarks.peers.Peers;
import dev.agentlane.benchmarks.peers.ReferencePeer;
import dev.agentlane.benchmarks.peers.Workload;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The workload of {@link ComparisonBenchmark} under the benchmark policy grown to 100, 1,000 and 10,000
 * entries ({@link PeerPolicy#scaled}: capabilities with their tool mappings, secret globs, hosts), in
 * every engine. The added entries match nothing in the workload, so every size decides it alike; what
 * changes is what each engine has to look through. The trial setup checks 256 calls (16 for Cedar
 * without its cache) against {@link ReferencePeer}. One thread, average time.
 *
 * <p>Run: {@code ./benchmarks/compare}, or {@code java -cp ... org.openjdk.jmh.Main ComparisonScalingBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 12, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ComparisonScalingBenchmark {

  /** The engine: {@code agentlane} or a name of {@link Peers#names()}. */
  @Param({"agentlane", "cedar", "cedar-cached", "casbin", "cel"})
  public String engine;

  /** Capabilities, sensitive globs and hosts, counted together (the base policy has 80). */
  @Param({"100", "1000", "10000"})
  public int entries;

  private Action[] actions;
  private PeerRequest[] requests;
  private AgentlaneContender agentlane;
  private PeerEngine peer;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    List<Workload.Item> items = Workload.generate(ComparisonBenchmark.SEED, ComparisonBenchmark.ITEMS);
    actions = items.stream().map(Workload.Item::action).toArray(Action[]::new);
    requests = items.stream().map(Workload.Item::request).toArray(PeerRequest[]::new);
    PeerPolicy.Rules rules = PeerPolicy.scaled(entries);
    ReferencePeer reference = new ReferencePeer(rules);
    if (engine.equals("agentlane")) {
      agentlane = new AgentlaneContender(BenchmarkPolicy.load(rules), items);
    } else {
      peer = Peers.create(engine, rules);
    }
    // Cedar without its cache sends the whole policy set with every request: 16 checks are plenty.
    int checks = engine.equals("cedar") ? 16 : 256;
    for (int i = 0; i < checks; i++) {
      ComparisonBenchmark.check(engine, decide(i), reference.allows(requests[i]), items.get(i));
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    if (agentlane != null) {
      agentlane.close();
    }
    if (peer != null) {
      peer.close();
    }
  }

  private boolean decide(int i) {
    return agentlane != null ? agentlane.allows(actions[i]) : peer.allows(requests[i]);
  }

  /** One decision. */
  @Benchmark
  public boolean decide() {
    return decide(next++ & (ComparisonBenchmark.ITEMS - 1));
  }
}
