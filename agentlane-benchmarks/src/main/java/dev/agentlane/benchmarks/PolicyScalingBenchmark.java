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
 * One decision on policies of growing size: the realistic test policy plus 10 to 10,000 generated rules
 * (tool mappings, command rules, sensitive-path globs and hosts, a quarter each; see
 * {@link GeneratedPolicies}). The engine is meant to decide in time independent of the number of rules:
 * tools, command rules and hosts are looked up by name, and the globs of all sensitive-path conditions
 * are indexed together. Each scenario's verdict is checked in the setup, so a benchmark measures the
 * path it names. Calls rotate over 4,096 agents in the sandbox lane, as in {@link DecisionBenchmark}.
 *
 * <p>Scenarios: {@code read-file} (ALLOW, a path checked against every glob), {@code shell-pipeline}
 * (ALLOW, four commands and their words), {@code generated-command} (ALLOW, the last generated command
 * rule among hundreds for the same program), {@code fetch-host} (ALLOW, the last generated exact host),
 * {@code secret-read} (DENY by the last generated directory glob).
 *
 * <p>Run: {@code ./benchmarks/run PolicyScalingBenchmark -prof gc} (median: add {@code -bm sample}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PolicyScalingBenchmark {
  private static final int AGENTS = 4096;

  /** Generated rules added to the realistic policy. */
  @Param({"10", "100", "1000", "10000"})
  public int rules;

  /** The action decided. */
  @Param({"read-file", "shell-pipeline", "generated-command", "fetch-host", "secret-read"})
  public String scenario;

  private PolicyEngine engine;
  private Action[] actions;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    engine = PolicyEngine.builder().policy(GeneratedPolicies.withRules(rules)).workspace(TestPolicies.WORKSPACE).build();
    int last = Math.max(1, rules / 4) - 1;
    Action.Builder b = Action.builder().agent("bench-agent").workflow("fixes");
    Verdict expected = Verdict.ALLOW;
    Action action;
    switch (scenario) {
      case "read-file" -> action = b.tool("read_file").arguments(Map.of("path", "src/main/java/App.java")).build();
      case "shell-pipeline" -> action = b.tool("bash")
          .arguments(Map.of("command", "cat src/A.java | grep TODO | wc -l && git status")).build();
      case "generated-command" -> action = b.tool("bash").arguments(Map.of("command", GeneratedPolicies.program(last)
          + " " + GeneratedPolicies.subcommand(last) + (last % 3 == 2 ? " get-pods" : "") + " src/App.java")).build();
      case "fetch-host" -> {
        int host = last % 2 == 0 ? last : last - 1;
        action = b.tool("fetch").arguments(Map.of("url", "https://api-" + Math.max(0, host) + ".example.com/v1/items"))
            .build();
      }
      case "secret-read" -> {
        int glob = last - last % 6;
        action = b.tool("read_file").arguments(Map.of("path", "config/vault-" + glob + "/db.txt")).build();
        expected = Verdict.DENY;
      }
      default -> throw new IllegalArgumentException(scenario);
    }
    actions = new Action[AGENTS];
    for (int i = 0; i < AGENTS; i++) {
      AgentKey key = AgentKey.of("bench-agent-" + i, "fixes");
      engine.lanes().assign(key, Lane.SANDBOX, "bench", "setup");
      actions[i] = action.toBuilder().key(key).build();
    }
    Decision first = engine.decide(actions[0]);
    if (first.verdict() != expected) {
      throw new IllegalStateException(scenario + " with " + rules + " rules: expected " + expected + " but was "
          + first.explain());
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    engine.close();
  }

  /** The decision. */
  @Benchmark
  public Decision decide() {
    return engine.decide(actions[next++ & (AGENTS - 1)]);
  }
}
