/** Promotion simulation: scripted agents over simulated days, through the real engine and ledger. */
@org.jspecify.annotations.NullMarked
package dev.agentlane.testkit.sim;
