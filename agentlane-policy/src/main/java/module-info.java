/**
 * Policy files: YAML and JSON onto the policy model, with precise errors, layers, inline examples,
 * reload, a linter and the capability inventory.
 */
module dev.agentlane.policyfile {
  requires transitive dev.agentlane.api;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.yaml;
  requires org.yaml.snakeyaml;
  requires org.slf4j;
  requires static org.jspecify;

  exports dev.agentlane.policyfile;
}
