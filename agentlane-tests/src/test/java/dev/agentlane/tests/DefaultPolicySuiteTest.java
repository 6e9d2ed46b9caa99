package dev.agentlane.tests;

import dev.agentlane.testkit.suite.PolicySuites;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The shipped default policy decides as its promotion path says: one dynamic test per case of the suites
 * in {@code src/test/policy-suites}, and a rule-coverage gate so that a rule added to the default policy
 * without a case fails the build.
 */
class DefaultPolicySuiteTest {
  /**
   * The share of the default policy's rules the suite exercises: all 129 but the two no suite case can reach
   * (stop.runaway and budget.production; the suite file says why). A rule added to the default policy
   * without a case lowers the share below this and fails the build.
   */
  static final double MINIMUM_COVERAGE = 127.0 / 129;

  @TestFactory
  Stream<DynamicNode> defaultPolicy() {
    return PolicySuites.minimumCoverage(MINIMUM_COVERAGE).dynamicTests(Path.of("src/test/policy-suites"));
  }
}
