/**
 * The agentlane API: value types (actions, decisions, lanes, capabilities, evidence), the policy
 * model, and the service provider interfaces. No runtime dependencies.
 */
module dev.agentlane.api {
  requires static org.jspecify;

  exports dev.agentlane;
  exports dev.agentlane.policy;
  exports dev.agentlane.spi;
  exports dev.agentlane.promotion;

  uses dev.agentlane.spi.EngineProvider;
}
