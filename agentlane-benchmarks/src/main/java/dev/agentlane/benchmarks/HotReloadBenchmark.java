package dev.agentlane.benchmarks;

import dev.agentlane.Action;
import dev.agentlane.AgentKey;
import dev.agentlane.Decision;
import dev.agentlane.Lane;
import dev.agentlane.PolicyEngine;
import dev.agentlane.Verdict;
import dev.agentlane.core.TestPolicies;
import dev.agentlane.policy.Policy;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
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
 * Deciding while another thread swaps the policy ({@code PolicyEngine.update}), alternating between two
 * versions of a policy, next to deciding with no swaps. Each swap compiles the policy in full and
 * replaces the snapshot atomically; a decision reads one snapshot and never waits. Every decision is
 * checked to come from one of the two versions and to allow the call.
 *
 * <p>{@code reload:decide} is the deciding thread's rate while swaps run, {@code reload:swap} the swap
 * rate; {@code steady} is the same decision with no swapping thread. With {@code pauseMillis = 0} the
 * swapping thread swaps back to back and takes a core of its own (on a two-core machine, the one the
 * decider does not use), so {@code reload:decide} against {@code steady} shows what swapping costs
 * deciders beyond that core: the garbage of compiling, and a fresh snapshot's cold caches. With a pause
 * (100 swaps a second at most, still far more than any real reload) it shows that swaps make no decision
 * wait.
 *
 * <p>Run: {@code ./benchmarks/run HotReloadBenchmark -prof gc}.
 */
@State(Scope.Group)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HotReloadBenchmark {
  private static final int AGENTS = 4096;

  /** Generated rules in the swapped policy, beyond the realistic policy's own (see {@link GeneratedPolicies}). */
  @Param({"0", "1000"})
  public int rules;

  /** The swapping thread's pause after each swap, in milliseconds. */
  @Param({"0", "10"})
  public int pauseMillis;

  private PolicyEngine engine;
  private Policy[] versions;
  private Action[] actions;
  private int next;
  private int swaps;

  @Setup(Level.Trial)
  public void setUp() {
    Policy base = rules == 0 ? TestPolicies.realistic() : GeneratedPolicies.withRules(rules);
    versions = new Policy[] {base.toBuilder().version("v1").build(), base.toBuilder().version("v2").build()};
    engine = PolicyEngine.builder().policy(versions[0]).workspace(TestPolicies.WORKSPACE).build();
    Action action = Action.builder().agent("bench-agent").workflow("fixes").tool("read_file")
        .arguments(Map.of("path", "src/main/java/App.java")).build();
    actions = new Action[AGENTS];
    for (int i = 0; i < AGENTS; i++) {
      AgentKey key = AgentKey.of("bench-agent-" + i, "fixes");
      engine.lanes().assign(key, Lane.SANDBOX, "bench", "setup");
      actions[i] = action.toBuilder().key(key).build();
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    engine.close();
  }

  private Decision checked() {
    Decision d = engine.decide(actions[next++ & (AGENTS - 1)]);
    if (d.verdict() != Verdict.ALLOW || !(d.policyVersion().equals("v1") || d.policyVersion().equals("v2"))) {
      throw new IllegalStateException("unexpected decision " + d.policyVersion() + ": " + d.explain());
    }
    return d;
  }

  /** Deciding while the other thread of the group swaps policies. */
  @Benchmark
  @Group("reload")
  @GroupThreads(1)
  public Decision decide() {
    return checked();
  }

  /** Swapping the policy, alternating between two versions. */
  @Benchmark
  @Group("reload")
  @GroupThreads(1)
  public void swap() throws InterruptedException {
    engine.update(versions[++swaps & 1]);
    if (pauseMillis > 0) {
      Thread.sleep(pauseMillis);
    }
  }

  /** Deciding with no swaps, for comparison. */
  @Benchmark
  @Group("steady")
  @GroupThreads(1)
  public Decision steady() {
    return checked();
  }
}
