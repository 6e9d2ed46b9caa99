package dev.agentlane.core;

import dev.agentlane.PolicyEngine;
import dev.agentlane.core.engine.SnapshotPolicyEngine;
import dev.agentlane.spi.EngineProvider;

/**
 * Provides {@link SnapshotPolicyEngine} to {@link PolicyEngine#builder()} through
 * {@link java.util.ServiceLoader}. Stateless and thread-safe.
 */
public final class CoreEngineProvider implements EngineProvider {
  /** Used by the service loader. */
  public CoreEngineProvider() {}

  @Override
  public PolicyEngine create(PolicyEngine.Builder configuration) {
    return new SnapshotPolicyEngine(configuration);
  }
}
