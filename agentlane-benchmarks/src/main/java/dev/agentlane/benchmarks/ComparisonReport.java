package dev.agentlane.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Prints the markdown tables of docs/benchmarks.md ("Side by side with other policy engines") from JMH's
 * JSON results of {@link ComparisonBenchmark} and {@link ComparisonScalingBenchmark}, with each peer's
 * time per decision as a multiple of agentlane's, both wall-clock and CPU time ({@link CpuTimeProfiler},
 * which a shared machine disturbs less). {@code benchmarks/compare} runs it.
 *
 * <p>Usage: {@code ComparisonReport RESULT.json...}
 */
public final class ComparisonReport {

  private ComparisonReport() {}

  /** A result: benchmark method, mode, engine (and size), and the numbers. */
  private record Row(String method, String mode, String engine, String entries, double score, double error,
      Map<String, Double> percentiles, double bytesPerOp, double cpuPerOp) {}

  /** Prints the tables for the JMH JSON result files named by {@code args}. */
  public static void main(String[] args) throws IOException {
    if (args.length == 0) {
      System.err.println("usage: ComparisonReport RESULT.json...");
      System.exit(2);
    }
    List<Path> files = new ArrayList<>();
    for (String a : args) {
      files.add(Path.of(a));
    }
    System.out.print(report(files));
  }

  /** The tables for JMH JSON result files. */
  static String report(List<Path> files) throws IOException {
    List<Row> rows = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    for (Path file : files) {
      for (JsonNode r : json.readTree(Files.readString(file))) {
        rows.add(row(r));
      }
    }
    return render(rows);
  }

  private static Row row(JsonNode r) {
    String benchmark = r.get("benchmark").asText();
    String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
    if (benchmark.contains("ComparisonScalingBenchmark")) {
      method = "scaling";
    }
    JsonNode params = r.path("params");
    JsonNode primary = r.get("primaryMetric");
    Map<String, Double> percentiles = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> p : primary.path("scorePercentiles").properties()) {
      percentiles.put(p.getKey(), p.getValue().asDouble());
    }
    double bytes = Double.NaN;
    double cpu = Double.NaN;
    for (Map.Entry<String, JsonNode> m : r.path("secondaryMetrics").properties()) {
      if (m.getKey().endsWith("gc.alloc.rate.norm")) {
        bytes = m.getValue().get("score").asDouble();
      } else if (m.getKey().endsWith("cpu.time.norm")) {
        cpu = m.getValue().get("score").asDouble();
      }
    }
    return new Row(method, r.get("mode").asText(), params.path("engine").asText(), params.path("entries").asText(""),
        primary.get("score").asDouble(), primary.path("scoreError").asDouble(Double.NaN), percentiles, bytes, cpu);
  }

  private static String render(List<Row> rows) {
    StringBuilder sb = new StringBuilder();
    Set<String> engines = new LinkedHashSet<>();
    rows.stream().filter(r -> !r.method().equals("baseline")).forEach(r -> engines.add(r.engine()));
    Row agentlaneAvg = find(rows, "decide", "avgt", "agentlane", "");
    if (agentlaneAvg != null) {
      sb.append("| engine | ns/decision (avg) | ± | ÷ agentlane | CPU ns/decision | ÷ agentlane | p50 | p99 | p99.9 | "
          + "B/decision | decisions/s, 1 thread | 2 threads |\n");
      sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
      for (String engine : engines) {
        Row avg = find(rows, "decide", "avgt", engine, "");
        if (avg == null) {
          continue;
        }
        Row sample = find(rows, "decide", "sample", engine, "");
        Row t1 = find(rows, "throughput1", "thrpt", engine, "");
        Row t2 = find(rows, "throughput2", "thrpt", engine, "");
        boolean self = engine.equals("agentlane");
        sb.append("| `").append(engine).append("` | ").append(n(avg.score())).append(" | ").append(n(avg.error()))
            .append(" | ").append(self ? "1" : ratio(avg.score() / agentlaneAvg.score()))
            .append(" | ").append(n(avg.cpuPerOp()))
            .append(" | ").append(self ? "1" : ratio(avg.cpuPerOp() / agentlaneAvg.cpuPerOp()))
            .append(" | ").append(sample == null ? "" : n(sample.percentiles().getOrDefault("50.0", Double.NaN)))
            .append(" | ").append(sample == null ? "" : n(sample.percentiles().getOrDefault("99.0", Double.NaN)))
            .append(" | ").append(sample == null ? "" : n(sample.percentiles().getOrDefault("99.9", Double.NaN)))
            .append(" | ").append(n(bytes(avg, sample, t1))).append(" | ").append(t1 == null ? "" : n(t1.score()))
            .append(" | ").append(t2 == null ? "" : n(t2.score())).append(" |\n");
      }
      Row baseline = rows.stream().filter(r -> r.method().equals("baseline")).findFirst().orElse(null);
      if (baseline != null) {
        sb.append("\nUnguarded baseline (touching the call): ").append(String.format(Locale.ROOT, "%.1f", baseline.score()))
            .append(" ns/op.\n");
      }
    }
    Set<String> sizes = new LinkedHashSet<>();
    rows.stream().filter(r -> r.method().equals("scaling")).forEach(r -> sizes.add(r.entries()));
    if (!sizes.isEmpty()) {
      sb.append("\n| engine |");
      sizes.forEach(s -> sb.append(" CPU ns, ").append(n(Double.parseDouble(s))).append(" entries |"));
      sizes.forEach(s -> sb.append(" ÷ agentlane at ").append(n(Double.parseDouble(s))).append(" |"));
      sizes.forEach(s -> sb.append(" wall ns, ").append(n(Double.parseDouble(s))).append(" |"));
      sb.append("\n|---|");
      sizes.forEach(s -> sb.append("---:|---:|---:|"));
      sb.append("\n");
      for (String engine : engines) {
        if (rows.stream().noneMatch(r -> r.method().equals("scaling") && r.engine().equals(engine))) {
          continue;
        }
        sb.append("| `").append(engine).append("` |");
        for (String s : sizes) {
          Row r = find(rows, "scaling", "avgt", engine, s);
          sb.append(" ").append(r == null ? "" : n(r.cpuPerOp())).append(" |");
        }
        for (String s : sizes) {
          Row r = find(rows, "scaling", "avgt", engine, s);
          Row a = find(rows, "scaling", "avgt", "agentlane", s);
          sb.append(" ").append(r == null || a == null ? ""
              : engine.equals("agentlane") ? "1" : ratio(r.cpuPerOp() / a.cpuPerOp())).append(" |");
        }
        for (String s : sizes) {
          Row r = find(rows, "scaling", "avgt", engine, s);
          sb.append(" ").append(r == null ? "" : n(r.score())).append(" |");
        }
        sb.append("\n");
      }
    }
    return sb.toString();
  }

  private static double bytes(Row... candidates) {
    for (Row r : candidates) {
      if (r != null && !Double.isNaN(r.bytesPerOp())) {
        return r.bytesPerOp();
      }
    }
    return Double.NaN;
  }

  private static Row find(List<Row> rows, String method, String mode, String engine, String entries) {
    return rows.stream().filter(r -> r.method().equals(method) && r.mode().equals(mode) && r.engine().equals(engine)
        && r.entries().equals(entries)).findFirst().orElse(null);
  }

  private static String n(double v) {
    if (Double.isNaN(v)) {
      return "";
    }
    return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%,.1f", v);
  }

  private static String ratio(double r) {
    if (Double.isNaN(r)) {
      return "";
    }
    return r >= 10 ? String.format(Locale.ROOT, "%,.0f", r) : String.format(Locale.ROOT, "%.1f", r);
  }
}
