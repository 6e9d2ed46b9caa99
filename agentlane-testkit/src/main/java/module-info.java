/**
 * The agentlane testkit: a JUnit 5 extension with a fresh engine, a manual clock and a recorder per test;
 * decision assertions; seeded generators with a property runner; and policy test suites.
 */
module dev.agentlane.testkit {
  requires transitive dev.agentlane.api;
  requires transitive dev.agentlane.core;
  requires transitive dev.agentlane.policyfile;
  requires transitive org.junit.jupiter.api;
  requires transitive org.assertj.core;
  requires static org.jspecify;

  exports dev.agentlane.testkit;
  exports dev.agentlane.testkit.gen;
  exports dev.agentlane.testkit.suite;
  exports dev.agentlane.testkit.sim;
}
