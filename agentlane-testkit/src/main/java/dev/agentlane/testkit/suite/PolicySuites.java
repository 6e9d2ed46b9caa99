package dev.agentlane.testkit.suite;

import dev.agentlane.Decision;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;

/**
 * Runs policy test suites as JUnit 5 dynamic tests: one container per suite file, one test per case
 * (named after the case, linked to its line), and a final {@code rule coverage} test that prints which of
 * the policy's rules the suite never exercised.
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicNode> policy() {
 *   return PolicySuites.dynamicTests(Path.of("src/test/policy"));
 * }
 *
 * @TestFactory
 * Stream<DynamicNode> policyWithCoverageGate() {
 *   return PolicySuites.minimumCoverage(0.5).dynamicTests(Path.of("src/test/policy"));
 * }
 * }</pre>
 *
 * <p>A directory contributes every {@code .yaml}, {@code .yml} and {@code .json} file below it, sorted by
 * path. A suite that does not load becomes a container with one failing test listing every problem with
 * its {@code file:line:column}; the other suites still run.
 *
 * <p><b>Thread-safety:</b> this class and {@link Options} are immutable and thread-safe. The nodes of one
 * suite share one engine and must run in order on one thread, as JUnit runs dynamic tests by default.
 */
public final class PolicySuites {
  private PolicySuites() {}

  /** Dynamic tests for the given suite files and directories; coverage is reported, never enforced. */
  public static Stream<DynamicNode> dynamicTests(Path... suitesOrDirectories) {
    return new Options(-1).dynamicTests(suitesOrDirectories);
  }

  /**
   * Options whose coverage test fails when a suite exercises less than {@code ratio} of its policy's rules.
   *
   * @param ratio 0..1
   * @throws IllegalArgumentException if {@code ratio} is outside 0..1
   */
  public static Options minimumCoverage(double ratio) {
    if (!(ratio >= 0 && ratio <= 1)) {
      throw new IllegalArgumentException("minimum coverage must be within 0..1 but was " + ratio);
    }
    return new Options(ratio);
  }

  /** The suite files a path stands for: itself, or every YAML/JSON file below a directory, sorted. */
  static List<Path> suiteFiles(Path... suitesOrDirectories) {
    List<Path> files = new ArrayList<>();
    for (Path p : suitesOrDirectories) {
      Objects.requireNonNull(p, "path");
      if (Files.isDirectory(p)) {
        try (Stream<Path> walk = Files.walk(p)) {
          walk.filter(Files::isRegularFile).filter(f -> {
            String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
            return n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json");
          }).sorted().forEach(files::add);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      } else {
        files.add(p);
      }
    }
    return files;
  }

  /**
   * How suites run as dynamic tests.
   *
   * <p>Immutable and thread-safe.
   */
  public static final class Options {
    private final double minimumCoverage;

    private Options(double minimumCoverage) {
      this.minimumCoverage = minimumCoverage;
    }

    /** These options with a different minimum coverage, 0..1. */
    public Options minimumCoverage(double ratio) {
      return PolicySuites.minimumCoverage(ratio);
    }

    /** Dynamic tests for the given suite files and directories. */
    public Stream<DynamicNode> dynamicTests(Path... suitesOrDirectories) {
      return suiteFiles(suitesOrDirectories).stream().map(this::container);
    }

    private DynamicNode container(Path file) {
      URI uri = file.toUri();
      PolicySuite suite;
      try {
        suite = PolicySuite.load(file);
      } catch (PolicySuiteException e) {
        return DynamicContainer.dynamicContainer(file.getFileName().toString(), uri,
            Stream.of(DynamicTest.dynamicTest("suite loads", uri, () -> Assertions.fail(e.getMessage()))));
      }
      Session session = new Session(suite);
      List<DynamicNode> nodes = new ArrayList<>();
      for (SuiteCase c : suite.cases()) {
        URI at = URI.create(uri + "?line=" + c.line() + "&column=" + c.column());
        nodes.add(DynamicTest.dynamicTest(c.name(), at, () -> {
          CaseResult r = session.run(c);
          if (!r.passed()) {
            Assertions.fail(r.message());
          }
        }));
      }
      nodes.add(DynamicTest.dynamicTest("rule coverage", uri, () -> {
        RuleCoverage coverage = session.coverage();
        System.out.println("[" + suite.name() + "] " + coverage.report());
        if (minimumCoverage >= 0 && coverage.ratio() < minimumCoverage) {
          Assertions.fail(String.format(Locale.ROOT, "suite %s exercises %.1f%% of the policy's rules, below the "
              + "minimum %.1f%%%n%s", suite.name(), coverage.ratio() * 100, minimumCoverage * 100, coverage.report()));
        }
      }));
      return DynamicContainer.dynamicContainer(suite.name(), uri, nodes.stream());
    }
  }

  /** One suite's engine and the decisions made so far. Used by one thread at a time. */
  private static final class Session {
    private final PolicySuite suite;
    private final List<Decision> decisions = new ArrayList<>();
    private SuiteRunner runner;

    Session(PolicySuite suite) {
      this.suite = suite;
    }

    synchronized CaseResult run(SuiteCase c) {
      if (runner == null) {
        runner = new SuiteRunner(suite);
      }
      CaseResult r = runner.run(c);
      decisions.add(r.decision());
      return r;
    }

    synchronized RuleCoverage coverage() {
      if (runner != null) {
        runner.close();
        runner = null;
      }
      if (decisions.isEmpty()) {
        return suite.coverage();
      }
      return suite.coverageOf(decisions);
    }
  }
}
