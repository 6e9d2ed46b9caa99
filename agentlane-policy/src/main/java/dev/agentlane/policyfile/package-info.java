/**
 * Policy files: loading YAML and JSON onto {@link dev.agentlane.policy.Policy}, layers, reload, lint and
 * inventory.
 */
@org.jspecify.annotations.NullMarked
package dev.agentlane.policyfile;
