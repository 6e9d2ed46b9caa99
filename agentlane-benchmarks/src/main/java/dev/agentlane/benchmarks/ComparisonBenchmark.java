package dev.agentlane.benchmarks;

import dev.agentlane.Action;
import dev.agentlane.benchmarks.peers.AgentlaneContender;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * agentlane side by side with other policy engines, deciding the same workload under the same policy
 * (docs/benchmarks.md, "Side by side with other policy engines"): 4,096 calls generated from a seed
 * ({@link Workload}), decided in turn, agentlane deciding the raw actions on one shared engine and each
 * peer ({@link Peers}) the pre-normalized requests, one engine per thread. The trial setup refuses to run
 * an engine that disagrees with {@link ReferencePeer} on the first 1,024 calls.
 *
 * <ul>
 *   <li>{@code decide}: one decision, average time and sampled percentiles (p50, p99, p99.9);
 *   <li>{@code throughput1} and {@code throughput2}: decisions per second on one and on two threads;
 *   <li>{@code baseline}: the unguarded loop (touching the call), the floor of every number above.
 * </ul>
 *
 * <p>Warm-up is twelve seconds: agentlane, the largest code path here, reaches its steady state only
 * after about ten seconds of decisions on two cores (the JIT compiler is still at work before), the
 * peers after five or six.
 *
 * <p>Run: {@code ./benchmarks/compare} (prints the table with ratios), or by hand with the
 * module's class path: {@code java -cp ... org.openjdk.jmh.Main ComparisonBenchmark -prof gc}.
 */
@State(Scope.Benchmark)
@Warmup(iterations = 12, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ComparisonBenchmark {

  /** Items in the rotation (a power of two). */
  public static final int ITEMS = 4_096;
  /** The workload's seed. */
  public static final long SEED = 20_261_201L;

  /** The engine: {@code agentlane} or a name of {@link Peers#names()}. */
  @Param({"agentlane", "cedar", "cedar-cached", "casbin", "cel", "sapl", "opa-wasm"})
  public String engine;

  Action[] actions;
  PeerRequest[] requests;
  AgentlaneContender agentlane;

  @Setup(Level.Trial)
  public void setUp() {
    List<Workload.Item> items = Workload.generate(SEED, ITEMS);
    actions = items.stream().map(Workload.Item::action).toArray(Action[]::new);
    requests = items.stream().map(Workload.Item::request).toArray(PeerRequest[]::new);
    ReferencePeer reference = new ReferencePeer();
    if (engine.equals("agentlane")) {
      agentlane = AgentlaneContender.ofBase(items);
      for (int i = 0; i < 1_024; i++) {
        check(engine, agentlane.allows(actions[i]), reference.allows(requests[i]), items.get(i));
      }
    } else {
      boolean decidesThePolicy = Peers.decidesThePolicy(engine); // not OPA's demo policy
      try (PeerEngine peer = Peers.create(engine, PeerPolicy.BASE)) {
        for (int i = 0; i < 1_024; i++) {
          boolean allowed = peer.allows(requests[i]);
          if (decidesThePolicy) {
            check(engine, allowed, reference.allows(requests[i]), items.get(i));
          }
        }
      }
    }
  }

  static void check(String engine, boolean actual, boolean expected, Workload.Item item) {
    if (actual != expected) {
      throw new IllegalStateException(engine + " disagrees with the reference (" + actual + " instead of " + expected
          + "): " + item.describe());
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    if (agentlane != null) {
      agentlane.close();
    }
  }

  /** What one thread decides with: its own peer engine, and its place in the rotation. */
  @State(Scope.Thread)
  public static class Decider {
    PeerEngine peer;
    AgentlaneContender agentlane;
    Action[] actions;
    PeerRequest[] requests;
    int next;

    @Setup(Level.Trial)
    public void setUp(ComparisonBenchmark shared, ThreadParams thread) {
      actions = shared.actions;
      requests = shared.requests;
      agentlane = shared.agentlane;
      if (agentlane == null) {
        peer = Peers.create(shared.engine, PeerPolicy.BASE);
      }
      next = thread.getThreadIndex() * (ITEMS / 2);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      if (peer != null) {
        peer.close();
      }
    }

    /** The next item of the rotation. */
    int nextIndex() {
      return next++ & (ITEMS - 1);
    }

    boolean decideNext() {
      int i = nextIndex();
      return agentlane != null ? agentlane.allows(actions[i]) : peer.allows(requests[i]);
    }
  }

  /** One decision: average time and sampled percentiles. */
  @Benchmark
  @BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public boolean decide(Decider d) {
    return d.decideNext();
  }

  /** Decisions per second, one thread. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Threads(1)
  public boolean throughput1(Decider d) {
    return d.decideNext();
  }

  /** Decisions per second, two threads (agentlane: one shared engine; peers: one engine each). */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Threads(2)
  public boolean throughput2(Decider d) {
    return d.decideNext();
  }

  /** The unguarded baseline: what a runtime does without a policy engine (touch the call). */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public void baseline(Decider d, Blackhole bh) {
    int i = d.nextIndex();
    bh.consume(d.agentlane != null ? d.actions[i].tool() : d.requests[i].tool());
  }
}
