package dev.agentlane.testkit.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.AssertionFailedError;

class PolicySuitesTest {
  @TestFactory
  Stream<DynamicNode> defaultPolicySuites() {
    return PolicySuites.minimumCoverage(0.1).dynamicTests(PolicySuiteTest.SUITES.resolve("default"));
  }

  @Test
  void oneContainerPerSuiteAndOneTestPerCaseAndACoverageNode() {
    List<DynamicNode> nodes = PolicySuites.dynamicTests(PolicySuiteTest.SUITES.resolve("default")).toList();
    assertThat(nodes).singleElement().isInstanceOf(DynamicContainer.class);
    DynamicContainer container = (DynamicContainer) nodes.get(0);
    assertThat(container.getDisplayName()).isEqualTo("default policy");
    List<DynamicNode> tests = container.getChildren().map(DynamicNode.class::cast).toList();
    PolicySuite suite = PolicySuite.load(PolicySuiteTest.DEFAULT_SUITE);
    assertThat(tests).hasSize(suite.cases().size() + 1);
    assertThat(tests.get(0).getDisplayName()).isEqualTo("reading code is fine in draft");
    assertThat(tests.get(0).getTestSourceUri()).hasValueSatisfying(u -> assertThat(u.toString()).endsWith("?line=5&column=5"));
    assertThat(tests.get(tests.size() - 1).getDisplayName()).isEqualTo("rule coverage");
  }

  @Test
  void aFailingCaseFailsItsDynamicTestWithTheDecision() {
    List<DynamicNode> tests = children(PolicySuites.dynamicTests(PolicySuiteTest.SUITES.resolve("failing")));
    assertThatCode(() -> run(tests.get(0))).doesNotThrowAnyException();
    assertThatThrownBy(() -> run(tests.get(1))).isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("expected verdict ALLOW but was HALT")
        .hasMessageContaining("HALT at lane sandbox")
        .hasMessageContaining("sensitive-path [stop.secrets]");
  }

  @Test
  void coverageFailsOnlyWhenAMinimumIsAsked() {
    Path dir = PolicySuiteTest.SUITES.resolve("default");
    List<DynamicNode> relaxed = children(PolicySuites.dynamicTests(dir));
    for (DynamicNode n : relaxed) {
      assertThatCode(() -> run(n)).as(n.getDisplayName()).doesNotThrowAnyException();
    }
    List<DynamicNode> strict = children(PolicySuites.minimumCoverage(0.9).dynamicTests(dir));
    for (DynamicNode n : strict.subList(0, strict.size() - 1)) {
      assertThatCode(() -> run(n)).doesNotThrowAnyException();
    }
    assertThatThrownBy(() -> run(strict.get(strict.size() - 1))).isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("below the minimum 90.0%")
        .hasMessageContaining("never exercised:");
    assertThatThrownBy(() -> PolicySuites.minimumCoverage(1.5)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aBrokenSuiteBecomesOneFailingTest() {
    List<DynamicNode> tests = children(PolicySuites.dynamicTests(PolicySuiteTest.SUITES.resolve("broken")));
    assertThat(tests).singleElement().extracting(DynamicNode::getDisplayName).isEqualTo("suite loads");
    assertThatThrownBy(() -> run(tests.get(0))).isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("malformed.yaml:6:5: unknown key 'acton'");
  }

  private static List<DynamicNode> children(Stream<DynamicNode> nodes) {
    List<DynamicNode> list = nodes.toList();
    assertThat(list).hasSize(1);
    return ((DynamicContainer) list.get(0)).getChildren().map(DynamicNode.class::cast).toList();
  }

  private static void run(DynamicNode node) throws Throwable {
    ((DynamicTest) node).getExecutable().execute();
  }
}
