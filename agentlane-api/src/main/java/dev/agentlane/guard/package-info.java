/**
 * Running tool calls behind a policy engine, for integrations and agent loops: {@link
 * dev.agentlane.guard.ToolGuard} decides every call first, runs only what the decision permits, turns a
 * refusal into text for the model, reports what ran, and lets interceptors wrap the call without ever
 * removing the policy step.
 */
@NullMarked
package dev.agentlane.guard;

import org.jspecify.annotations.NullMarked;
