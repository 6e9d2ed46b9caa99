package dev.agentlane.spi;

import dev.agentlane.PolicyEngine;

/**
 * Creates engines; implemented by {@code agentlane-core} and found through {@link java.util.ServiceLoader}.
 * Applications do not implement it: they call {@link PolicyEngine#builder()}.
 */
public interface EngineProvider {
  /**
   * Creates an engine from a builder's configuration.
   *
   * @throws dev.agentlane.PolicyException if the policy does not compile
   */
  PolicyEngine create(PolicyEngine.Builder configuration);
}
