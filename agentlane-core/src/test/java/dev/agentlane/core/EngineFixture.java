package dev.agentlane.core;

import dev.agentlane.Action;
import dev.agentlane.AgentKey;
import dev.agentlane.Lane;
import dev.agentlane.PolicyEngine;
import dev.agentlane.policy.Policy;
import java.util.Map;

/** Small helpers for building engines and actions in tests. */
public final class EngineFixture {
  private EngineFixture() {}

  public static final AgentKey BOT = AgentKey.of("bot", "fixes");

  public static PolicyEngine.Builder engine(Policy policy, MutableClock clock) {
    return PolicyEngine.builder().policy(policy).clock(clock).workspace(TestPolicies.WORKSPACE);
  }

  private static final java.util.concurrent.atomic.AtomicInteger PAIRS = new java.util.concurrent.atomic.AtomicInteger();

  public static void put(PolicyEngine engine, AgentKey key, Lane lane) {
    engine.lanes().assign(key, lane, "test", "setup");
  }

  /** A pair never used before, put in {@code lane}: a HALT in one case cannot leak into the next. */
  public static AgentKey freshPair(PolicyEngine engine, Lane lane) {
    AgentKey key = AgentKey.of("pair-" + PAIRS.incrementAndGet(), "fresh");
    put(engine, key, lane);
    return key;
  }

  public static Action.Builder call(String tool, String json) {
    return Action.builder().key(BOT).tool(tool).argumentsJson(json);
  }

  public static Action shell(String command) {
    return Action.builder().key(BOT).tool("bash").arguments(Map.of("command", command)).build();
  }

  public static Action read(String path) {
    return Action.builder().key(BOT).tool("read_file").arguments(Map.of("path", path)).build();
  }

  public static Action write(String path) {
    return Action.builder().key(BOT).tool("write_file").arguments(Map.of("path", path, "content", "x")).build();
  }
}
