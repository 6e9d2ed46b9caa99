package dev.agentlane.benchmarks;

import dev.agentlane.policy.Policy;
import dev.agentlane.policyfile.PolicyFiles;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Loading (parsing, validating and compiling) a policy file with many rules: a quarter each of command
 * rules, sensitive-path stop conditions, tool mappings and capabilities.
 *
 * <p>Run: {@code ./benchmarks/run PolicyLoadBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 10)
@Measurement(iterations = 10)
@Fork(1)
public class PolicyLoadBenchmark {
  /** Number of rules in the file. */
  @Param({"100", "1000", "10000"})
  public int rules;

  private String text;

  @Setup
  public void setUp() {
    text = policyText(rules);
  }

  /** A policy of {@code rules} rules in the v1 format. */
  static String policyText(int rules) {
    int quarter = Math.max(1, rules / 4);
    StringBuilder sb = new StringBuilder("apiVersion: agentlane.dev/v1\nkind: Policy\nmetadata: {name: big}\ncapabilities:\n");
    for (int i = 0; i < quarter; i++) {
      sb.append("  cap").append(i).append(".read: {lane: draft, effect: read}\n");
    }
    sb.append("tools:\n  bash: {command: /command}\n");
    for (int i = 0; i < quarter; i++) {
      sb.append("  tool_").append(i).append(": {capabilities: [cap").append(i).append(".read], read-paths: [/path]}\n");
    }
    sb.append("commands:\n");
    for (int i = 0; i < quarter; i++) {
      sb.append("  - {program: prog").append(i % 97).append(", args: [sub").append(i).append("], capabilities: [cap")
          .append(i).append(".read], paths: read}\n");
    }
    sb.append("stop-conditions:\n");
    for (int i = 0; i < quarter; i++) {
      sb.append("  - {id: stop.").append(i).append(", kind: sensitive-paths, effect: deny, globs: [\"secret-").append(i)
          .append("/**\", \"*.key").append(i).append("\"]}\n");
    }
    return sb.toString();
  }

  /** Parse, validate, compile. */
  @Benchmark
  public Policy load() {
    return PolicyFiles.parse(text, "big.yaml");
  }
}
