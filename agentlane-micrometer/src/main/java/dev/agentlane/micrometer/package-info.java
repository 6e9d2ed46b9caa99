/** Micrometer metrics for agentlane engines. */
@org.jspecify.annotations.NullMarked
package dev.agentlane.micrometer;
