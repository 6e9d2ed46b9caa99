package dev.agentlane.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentlane.Decision;
import dev.agentlane.Reason;
import dev.agentlane.testkit.suite.CaseResult;
import dev.agentlane.testkit.suite.PolicySuite;
import dev.agentlane.testkit.suite.PolicySuiteException;
import dev.agentlane.testkit.suite.RuleCoverage;
import dev.agentlane.testkit.suite.SuiteProblem;
import dev.agentlane.testkit.suite.SuiteResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code agentlane test SUITE...}: runs policy test suites (the testkit's {@code PolicySuite} files) and
 * reports every case and the rule coverage. Not thread-safe; one instance per command run.
 */
@Command(name = "test", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Runs policy test suites; reports each case and the rule coverage.",
        "Runs policy test suites (YAML files of actions and the verdicts the policy must give them, "
        + "docs/testkit.md) and reports each case, pass or fail with what differed, and the rule coverage: "
        + "which of the policy's rules the suite's decisions exercised.",
        "A directory stands for every .yaml, .yml and .json file below it."},
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
        "0:every case passed, and every suite reaches the minimum coverage",
        "1:a case failed, a suite does not load, or a suite's coverage is below --min-coverage",
        "2:the command line is wrong",
        "3:a suite file or directory does not exist"})
final class TestCommand implements Callable<Integer> {
  @Spec
  private CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "SUITE", description = "Suite files, or directories of suite files.")
  private List<Path> suites = new ArrayList<>();

  @Option(names = "--min-coverage", paramLabel = "RATIO",
      description = "Fail when a suite exercises less than RATIO (0..1) of its policy's rules.")
  private @Nullable Double minCoverage;

  @Mixin
  private final FormatOption output = new FormatOption();

  /** One suite file: its result, or why it did not load. */
  private record Ran(Path file, @Nullable SuiteResult result, List<SuiteProblem> problems) {}

  @Override
  public Integer call() {
    if (minCoverage != null && !(minCoverage >= 0 && minCoverage <= 1)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--min-coverage must be within 0..1 but was " + minCoverage);
    }
    List<Ran> runs = new ArrayList<>();
    for (Path file : files()) {
      try {
        runs.add(new Ran(file, PolicySuite.load(file).run(), List.of()));
      } catch (PolicySuiteException e) {
        runs.add(new Ran(file, null, e.problems()));
      }
    }
    boolean ok = runs.stream().allMatch(this::passes);
    PrintWriter out = spec.commandLine().getOut();
    if (output.json()) {
      out.println(Output.json(json(runs, ok)));
    } else {
      text(out, runs);
    }
    out.flush();
    return ok ? ExitCode.OK : ExitCode.REFUSED;
  }

  private boolean passes(Ran r) {
    return r.result() != null && r.result().passed() && coverageOk(r.result().coverage());
  }

  private boolean coverageOk(RuleCoverage c) {
    return minCoverage == null || c.ratio() >= minCoverage;
  }

  /** The suite files, in argument order; a directory's files sorted by path. */
  private List<Path> files() {
    List<Path> files = new ArrayList<>();
    for (Path p : suites) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> walk = Files.walk(p)) {
          walk.filter(Files::isRegularFile).filter(f -> {
            String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
            return n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json");
          }).sorted().forEach(files::add);
        } catch (IOException e) {
          throw new CliException("cannot list the suites in '" + p + "': " + e.getMessage());
        }
      } else if (Files.isRegularFile(p)) {
        files.add(p);
      } else {
        throw new CliException("suite '" + p + "' does not exist");
      }
    }
    if (files.isEmpty()) {
      throw new CliException("no suite files (.yaml, .yml, .json) in " + suites);
    }
    return files;
  }

  private void text(PrintWriter out, List<Ran> runs) {
    int passed = 0;
    int failed = 0;
    int broken = 0;
    for (Ran r : runs) {
      SuiteResult result = r.result();
      if (result == null) {
        broken++;
        out.println("suite " + r.file() + ": does not load (" + r.problems().size()
            + (r.problems().size() == 1 ? " problem)" : " problems)"));
        for (SuiteProblem p : r.problems()) {
          out.println("  " + p.toString().replace(p.source(), Output.path(p.source())));
        }
        out.println();
        continue;
      }
      long f = result.failures().size();
      passed += result.results().size() - (int) f;
      failed += (int) f;
      out.println("suite " + result.suite().name() + " (" + r.file() + "): " + (result.results().size() - f)
          + " passed, " + f + " failed");
      for (CaseResult c : result.results()) {
        if (c.passed()) {
          out.println("  PASS " + c.testCase().name() + ": " + c.decision().verdict());
        } else {
          for (String line : c.message().replace(c.testCase().source(), Output.path(c.testCase().source()))
              .split("\n", -1)) {
            out.println("  " + line);
          }
        }
      }
      RuleCoverage cov = result.coverage();
      for (String line : cov.report().split("\n", -1)) {
        out.println("  " + line);
      }
      if (!coverageOk(cov)) {
        out.println(String.format(Locale.ROOT, "  coverage %.1f%% is below the minimum %.1f%%", cov.ratio() * 100,
            minCoverage * 100));
      }
      out.println();
    }
    out.println(runs.size() + (runs.size() == 1 ? " suite" : " suites") + ", " + (passed + failed) + " cases: "
        + passed + " passed, " + failed + " failed" + (broken == 0 ? "" : ", " + broken + " did not load")
        + " - " + (runs.stream().allMatch(this::passes) ? "OK" : "FAIL"));
  }

  private ObjectNode json(List<Ran> runs, boolean ok) {
    ObjectNode root = DecisionJson.MAPPER.createObjectNode();
    root.put("ok", ok);
    if (minCoverage != null) {
      root.put("min-coverage", minCoverage);
    }
    ArrayNode list = root.putArray("suites");
    for (Ran r : runs) {
      ObjectNode s = list.addObject();
      s.put("file", r.file().toString());
      SuiteResult result = r.result();
      if (result == null) {
        s.put("loaded", false).put("ok", false);
        ArrayNode problems = s.putArray("problems");
        for (SuiteProblem p : r.problems()) {
          problems.addObject().put("source", Output.path(p.source())).put("line", p.line()).put("column", p.column())
              .put("message", p.message());
        }
        continue;
      }
      s.put("loaded", true).put("ok", passes(r)).put("name", result.suite().name())
          .put("policy", result.suite().policy().name()).put("passed", result.results().size()
              - result.failures().size()).put("failed", result.failures().size());
      ArrayNode cases = s.putArray("cases");
      for (CaseResult c : result.results()) {
        ObjectNode o = cases.addObject();
        o.put("name", c.testCase().name()).put("line", c.testCase().line()).put("passed", c.passed())
            .put("expected", c.testCase().expectation());
        Decision d = c.decision();
        o.put("verdict", d.verdict().code());
        ArrayNode reasons = o.putArray("reasons");
        for (Reason reason : d.reasons()) {
          reasons.addObject().put("code", reason.code().code()).put("rule", reason.ruleId());
        }
        c.failures().forEach(o.putArray("failures")::add);
      }
      RuleCoverage cov = result.coverage();
      ObjectNode coverage = s.putObject("coverage");
      coverage.put("ratio", cov.ratio()).put("rules", cov.rules().size()).put("exercised", cov.exercised().size())
          .put("ok", coverageOk(cov));
      ArrayNode never = coverage.putArray("never-exercised");
      for (String id : cov.unexercised()) {
        never.addObject().put("rule", id).put("kind", cov.kindOf(id));
      }
    }
    return root;
  }
}
