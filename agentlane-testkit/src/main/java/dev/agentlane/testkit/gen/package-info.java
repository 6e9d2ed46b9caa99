/** The agentlane testkit: gen. */
@org.jspecify.annotations.NullMarked
package dev.agentlane.testkit.gen;
