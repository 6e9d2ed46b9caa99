/**
 * The agentlane engine. It exports no package: applications reach it through
 * {@code dev.agentlane.PolicyEngine.builder()}, which finds this module's provider.
 */
module dev.agentlane.core {
  requires transitive dev.agentlane.api;
  requires com.fasterxml.jackson.databind;
  requires com.github.benmanes.caffeine;
  requires org.slf4j;
  requires static org.jspecify;

  provides dev.agentlane.spi.EngineProvider with dev.agentlane.core.CoreEngineProvider;
}
