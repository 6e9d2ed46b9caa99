/** Micrometer metrics for agentlane engines. */
module dev.agentlane.micrometer {
  requires transitive dev.agentlane.api;
  requires transitive micrometer.core;
  requires static org.jspecify;

  exports dev.agentlane.micrometer;
}
