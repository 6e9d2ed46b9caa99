package dev.agentlane.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler that reports the CPU time the benchmark JVM used per operation ({@code cpu.time.norm},
 * ns/op): the process's CPU time over each iteration divided by the operations done. Unlike wall-clock
 * scores, it does not grow when the operating system runs other work on the same cores, so it compares
 * versions on a shared, busy machine; it includes the garbage collector's and the JIT compiler's threads
 * (after warm-up, mostly the collector: its cost belongs to the operation that allocated). With two
 * benchmark threads it is the CPU both spent per operation: if deciding on two threads contends for
 * anything (a cache line two cores write, a lock), it grows over the one-thread figure.
 *
 * <p>Use: {@code ./benchmarks/run DecisionBenchmark -prof dev.agentlane.benchmarks.CpuTimeProfiler}.
 */
public final class CpuTimeProfiler implements InternalProfiler {
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private long start;

  @Override
  public String getDescription() {
    return "Process CPU time per operation (ns/op), insensitive to other processes on the machine";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    start = os.getProcessCpuTime();
  }

  @Override
  public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
      IterationResult result) {
    long cpu = os.getProcessCpuTime() - start;
    long ops = result.getMetadata().getAllOps();
    double perOp = ops == 0 ? Double.NaN : (double) cpu / ops;
    return List.of(new ScalarResult("cpu.time.norm", perOp, "ns/op", AggregationPolicy.AVG));
  }
}
