/**
 * Policy files: YAML and JSON onto the policy model, with precise errors, layers, inline examples,
 * reload, a linter and the capability inventory; and the located YAML tree they are read with, for other
 * YAML-based formats (the testkit's policy test suites).
 */
module dev.agentlane.policyfile {
  requires transitive dev.agentlane.api;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.yaml;
  requires org.yaml.snakeyaml;
  requires org.slf4j;
  requires static org.jspecify;

  exports dev.agentlane.policyfile;
  exports dev.agentlane.policyfile.tree;
}
