/**
 * The agentlane API: value types (actions, decisions, lanes, capabilities, evidence), the policy
 * model, the service provider interfaces, and the tool guard integrations share. No runtime dependencies.
 */
module dev.agentlane.api {
  requires static org.jspecify;

  exports dev.agentlane;
  exports dev.agentlane.policy;
  exports dev.agentlane.spi;
  exports dev.agentlane.promotion;
  exports dev.agentlane.guard;

  uses dev.agentlane.spi.EngineProvider;
}
