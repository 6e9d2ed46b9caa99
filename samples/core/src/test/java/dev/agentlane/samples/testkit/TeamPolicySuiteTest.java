package dev.agentlane.samples.testkit;

import dev.agentlane.testkit.suite.PolicySuites;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/** Runs every policy test file under {@code team/suites}: one test per case, then the rule coverage. */
class TeamPolicySuiteTest {
  // docs:suites:begin
  @TestFactory
  Stream<DynamicNode> teamPolicySuites() throws URISyntaxException {
    Path suites = Path.of(getClass().getResource("/team/suites").toURI());
    return PolicySuites.minimumCoverage(0.05).dynamicTests(suites);
  }
  // docs:suites:end
}
