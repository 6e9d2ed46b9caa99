/**
 * The policy model: lanes, capabilities, tool mappings, command and host rules, stop conditions,
 * evidence requirements, the production catalogue, approvals, obligations and budgets.
 *
 * <p>A {@link dev.agentlane.policy.Policy} is an immutable description, validated when built; the
 * engine compiles it into indexed structures. Policy files (YAML and JSON) map onto the same builders,
 * so validation is written once.
 */
@org.jspecify.annotations.NullMarked
package dev.agentlane.policy;
