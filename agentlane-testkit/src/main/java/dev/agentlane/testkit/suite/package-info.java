/** The agentlane testkit: suite. */
@org.jspecify.annotations.NullMarked
package dev.agentlane.testkit.suite;
