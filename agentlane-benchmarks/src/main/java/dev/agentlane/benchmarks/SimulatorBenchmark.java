package dev.agentlane.benchmarks;

import dev.agentlane.policy.Policy;
import dev.agentlane.policyfile.PolicyFiles;
import dev.agentlane.testkit.sim.AgentProfile;
import dev.agentlane.testkit.sim.PromotionSimulator;
import dev.agentlane.testkit.sim.SimulationReport;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The testkit's {@link PromotionSimulator}: scripted agents making tool calls through the real engine
 * and promotion ledger of the shipped default policy, one in five of them sloppy, 50 calls and 4 reviews
 * an agent a day, a release cycle a week. Two measurements:
 *
 * <ul>
 *   <li>{@link #year()}: a whole simulation of 50 agents over 365 days (912,500 decisions), the shape of
 *       {@code PromotionSimulatorTest.aYearOfFiftyAgentsRuns}, exactly as a user runs it (the builder
 *       loads the default policy), as single-shot time per run in seconds;
 *   <li>{@link #decisions()}: simulated decisions per second, from runs of 50 agents over 30 days (75,000
 *       decisions a run, the default policy loaded once beforehand); ops/s are decisions/s.
 * </ul>
 *
 * Each run builds a fresh fixture (engine, in-memory ledger, manual clock) and returns its report. With
 * {@code -prof gc}, {@code gc.alloc.rate.norm} of {@code decisions} is bytes allocated per decision
 * (including the reviews, ledger records and promotions that come with it).
 *
 * <p>Run: {@code ./benchmarks/run SimulatorBenchmark -f 3} (and {@code -f 2 -prof gc} for allocation).
 */
@State(Scope.Benchmark)
@Fork(1)
public class SimulatorBenchmark {
  /** Agents in a simulation. */
  static final int AGENTS = 50;
  /** Days of the long run. */
  static final int YEAR = 365;
  /** Days of a run of the throughput measurement. */
  static final int MONTH = 30;
  /** Tool calls an agent makes a day ({@link AgentProfile#careful} and {@link AgentProfile#sloppy}). */
  static final int CALLS_PER_DAY = 50;
  /** Decisions in a run of the throughput measurement. */
  static final int MONTH_DECISIONS = AGENTS * MONTH * CALLS_PER_DAY;

  private Policy policy;

  @Setup
  public void setUp() {
    policy = PolicyFiles.defaultPolicy();
  }

  /** 50 agents, every fifth sloppy, as in the testkit's test. */
  static PromotionSimulator.Builder fiftyAgents(long seed, int days) {
    PromotionSimulator.Builder b = PromotionSimulator.builder().seed(seed).days(days);
    for (int i = 0; i < AGENTS; i++) {
      b.agent(i % 5 == 0 ? AgentProfile.sloppy("agent-" + i, "w") : AgentProfile.careful("agent-" + i, "w"));
    }
    return b;
  }

  private static SimulationReport checked(SimulationReport r, long expected) {
    if (r.decisions() != expected) {
      throw new IllegalStateException("expected " + expected + " decisions but the run made " + r.decisions());
    }
    return r;
  }

  /** A year of 50 agents: 912,500 decisions, one run per operation. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Warmup(iterations = 3)
  @Measurement(iterations = 5)
  public SimulationReport year() {
    return checked(fiftyAgents(1, YEAR).run(), (long) AGENTS * YEAR * CALLS_PER_DAY);
  }

  /** 30 days of 50 agents, 75,000 decisions per invocation: ops/s are simulated decisions/s. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Warmup(iterations = 5, time = 2)
  @Measurement(iterations = 5, time = 2)
  @OperationsPerInvocation(MONTH_DECISIONS)
  public SimulationReport decisions() {
    return checked(fiftyAgents(1, MONTH).policy(policy).run(), MONTH_DECISIONS);
  }
}
