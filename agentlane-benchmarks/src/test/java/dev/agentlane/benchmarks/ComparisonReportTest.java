package dev.agentlane.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The comparison tables: each engine's row, and its time as a multiple of agentlane's. */
class ComparisonReportTest {

  private static String result(String method, String mode, String engine, String entries, double score,
      String secondary) {
    String benchmark = method.equals("scaling") ? "dev.agentlane.benchmarks.ComparisonScalingBenchmark.decide"
        : "dev.agentlane.benchmarks.ComparisonBenchmark." + method;
    return "{\"benchmark\": \"" + benchmark + "\", \"mode\": \"" + mode + "\", \"params\": {\"engine\": \"" + engine
        + "\"" + (entries.isEmpty() ? "" : ", \"entries\": \"" + entries + "\"") + "}, \"primaryMetric\": {\"score\": "
        + score + ", \"scoreError\": 1.0, \"scorePercentiles\": {\"50.0\": " + score + ", \"99.0\": " + (2 * score)
        + ", \"99.9\": " + (3 * score) + "}}, \"secondaryMetrics\": {" + secondary + "}}";
  }

  @Test
  void tablesShowEveryEngineWithItsRatioToAgentlane(@TempDir Path dir) throws Exception {
    String cpu = "\"cpu.time.norm\": {\"score\": %s}, \"gc.alloc.rate.norm\": {\"score\": 512}";
    Path main = Files.writeString(dir.resolve("comparison.json"), "[" + String.join(",",
        result("decide", "avgt", "agentlane", "", 2_000, cpu.formatted("2500")),
        result("decide", "sample", "agentlane", "", 1_900, ""),
        result("throughput1", "thrpt", "agentlane", "", 500_000, ""),
        result("throughput2", "thrpt", "agentlane", "", 900_000, ""),
        result("decide", "avgt", "cel", "", 30_000, cpu.formatted("25000"))) + "]");
    Path scaling = Files.writeString(dir.resolve("scaling.json"), "[" + String.join(",",
        result("scaling", "avgt", "agentlane", "100", 2_000, cpu.formatted("2000")),
        result("scaling", "avgt", "cel", "100", 8_000, cpu.formatted("8000"))) + "]");

    String report = ComparisonReport.report(List.of(main, scaling));

    assertThat(report).contains("| `agentlane` | 2,000 | 1.0 | 1 | 2,500 | 1 | 1,900 | 3,800 | 5,700 | 512 | 500,000 | 900,000 |");
    assertThat(report).contains("| `cel` | 30,000 | 1.0 | 15 | 25,000 | 10 |");
    assertThat(report).contains("| `cel` | 8,000 | 4.0 | 8,000 |");
  }
}
