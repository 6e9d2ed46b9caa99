/**
 * The engine: policy compilation, the decision procedure, grants, lanes, counters. Not exported.
 */
@org.jspecify.annotations.NullMarked
package dev.agentlane.core.engine;
