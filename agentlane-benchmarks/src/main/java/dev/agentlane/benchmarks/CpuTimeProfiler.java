package dev.agentlane.benchmarks;

import com.sun.management.OperatingSystemMXBean;
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
 * A JMH profiler reporting the CPU time the benchmark's JVM spent per operation ({@code cpu.time.norm},
 * ns/op): all its threads, the garbage collector's included, from the start to the end of each measured
 * iteration, divided by the operations measured. Unlike wall-clock time it does not count the time the
 * process waited for a CPU, so on a shared machine it stays close to what the same work costs on a quiet
 * one (other processes still slow it a little by evicting caches).
 *
 * <p>Use: {@code -prof dev.agentlane.benchmarks.CpuTimeProfiler}. Not thread-safe; JMH calls it from one
 * thread.
 */
public final class CpuTimeProfiler implements InternalProfiler {

  private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private long start;

  @Override
  public String getDescription() {
    return "CPU time of the benchmark JVM per operation";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    start = os.getProcessCpuTime();
  }

  @Override
  @SuppressWarnings("rawtypes") // JMH's signature
  public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
      IterationResult result) {
    long cpu = os.getProcessCpuTime() - start;
    long ops = result.getMetadata().getMeasuredOps();
    if (ops <= 0 || cpu < 0) {
      return List.of();
    }
    return List.of(new ScalarResult("cpu.time.norm", (double) cpu / ops, "ns/op", AggregationPolicy.AVG));
  }
}
