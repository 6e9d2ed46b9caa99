/**
 * Located YAML and JSON trees: {@link dev.agentlane.policyfile.tree.LocatedYaml} reads one document into
 * {@link dev.agentlane.policyfile.tree.LocatedNode} values that keep their line, column and path, refusing
 * hostile input and reporting every problem as a {@link dev.agentlane.PolicyProblem}. Policy files and the
 * testkit's policy test suites are read with it; use it for any file format built on YAML that should
 * report its problems as {@code file:line:column}.
 */
@org.jspecify.annotations.NullMarked
package dev.agentlane.policyfile.tree;
