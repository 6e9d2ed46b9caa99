/**
 * The agentlane engine. Applications reach the engine through {@code dev.agentlane.PolicyEngine.builder()},
 * which finds this module's provider; the engine's internals (engine, shell, path, net) are not exported.
 * Two packages hold implementations that applications construct themselves: the JSON Lines audit log and
 * its verifier ({@code dev.agentlane.core.audit}) and the promotion ledger with its stores
 * ({@code dev.agentlane.core.promotion}).
 */
module dev.agentlane.core {
  requires transitive dev.agentlane.api;
  requires com.fasterxml.jackson.databind;
  requires com.github.benmanes.caffeine;
  requires org.slf4j;
  requires static org.jspecify;

  exports dev.agentlane.core.audit;
  exports dev.agentlane.core.promotion;

  provides dev.agentlane.spi.EngineProvider with dev.agentlane.core.CoreEngineProvider;
}
