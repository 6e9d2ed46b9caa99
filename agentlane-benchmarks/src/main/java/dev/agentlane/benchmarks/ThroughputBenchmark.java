package dev.agentlane.benchmarks;

import dev.agentlane.Action;
import dev.agentlane.AgentKey;
import dev.agentlane.Decision;
import dev.agentlane.Lane;
import dev.agentlane.PolicyEngine;
import dev.agentlane.Verdict;
import dev.agentlane.core.TestPolicies;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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

/**
 * Decisions per second from one and from two threads sharing one engine (the realistic test policy),
 * to show that deciding scales with cores: nothing on the decision path is shared and written by every
 * decision. Each thread decides for its own 4,096 agents, as separate agent sessions of one runtime do
 * (two threads deciding for the same agent legitimately share that agent's rate window).
 *
 * <p>Compare {@code decide2} with twice {@code decide1}, within one run. On a machine with two cores the
 * operating system and JMH's own threads take some of the second core, so a ratio just under 2 is the
 * best to expect. {@code engines = per-thread} is the control: each thread decides with an engine of its
 * own, so nothing at all is shared between the threads; if {@code shared} scales as well as
 * {@code per-thread}, what keeps two threads from twice the throughput is the machine, not the engine.
 * On a busy machine compare CPU time per decision instead ({@link CpuTimeProfiler}): the same in
 * {@code decide1} and {@code decide2} means the threads do not slow each other down.
 *
 * <p>Run: {@code ./benchmarks/run ThroughputBenchmark -f 3} (on a busy machine, add
 * {@code -prof dev.agentlane.benchmarks.CpuTimeProfiler}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ThroughputBenchmark {
  private static final int AGENTS = 4096;

  /** The action decided. */
  @Param({"read-file", "shell-pipeline"})
  public String scenario;

  /** One engine for all threads, or one per thread (the control: nothing shared). */
  @Param({"shared", "per-thread"})
  public String engines;

  private PolicyEngine engine;
  private final AtomicInteger threads = new AtomicInteger();

  @Setup(Level.Trial)
  public void setUp() {
    engine = PolicyEngine.builder().policy(TestPolicies.realistic()).workspace(TestPolicies.WORKSPACE).build();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    engine.close();
  }

  /** One thread's own agents and actions, and the engine it decides with. */
  @State(Scope.Thread)
  public static class Caller {
    PolicyEngine engine;
    Action[] actions;
    int next;

    @Setup(Level.Trial)
    public void setUp(ThroughputBenchmark bench) {
      int thread = bench.threads.getAndIncrement();
      engine = bench.engines.equals("shared") ? bench.engine
          : PolicyEngine.builder().policy(TestPolicies.realistic()).workspace(TestPolicies.WORKSPACE).build();
      Action.Builder b = Action.builder().agent("bench-agent").workflow("fixes");
      Action action = switch (bench.scenario) {
        case "read-file" -> b.tool("read_file").arguments(Map.of("path", "src/main/java/App.java")).build();
        case "shell-pipeline" -> b.tool("bash")
            .arguments(Map.of("command", "cat src/A.java | grep TODO | wc -l && git status")).build();
        default -> throw new IllegalArgumentException(bench.scenario);
      };
      actions = new Action[AGENTS];
      for (int i = 0; i < AGENTS; i++) {
        AgentKey key = AgentKey.of("bench-" + thread + "-" + i, "fixes");
        engine.lanes().assign(key, Lane.SANDBOX, "bench", "setup");
        actions[i] = action.toBuilder().key(key).build();
      }
      Decision first = engine.decide(actions[0]);
      if (first.verdict() != Verdict.ALLOW) {
        throw new IllegalStateException("expected ALLOW but was " + first.explain());
      }
    }

    @TearDown(Level.Trial)
    public void tearDown(ThroughputBenchmark bench) {
      if (engine != bench.engine) {
        engine.close();
      }
    }
  }

  /** One deciding thread. */
  @Benchmark
  @Threads(1)
  public Decision decide1(Caller caller) {
    return caller.engine.decide(caller.actions[caller.next++ & (AGENTS - 1)]);
  }

  /** Two deciding threads. */
  @Benchmark
  @Threads(2)
  public Decision decide2(Caller caller) {
    return caller.engine.decide(caller.actions[caller.next++ & (AGENTS - 1)]);
  }
}
