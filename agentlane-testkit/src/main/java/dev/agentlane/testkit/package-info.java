/** The agentlane testkit. */
@org.jspecify.annotations.NullMarked
package dev.agentlane.testkit;
