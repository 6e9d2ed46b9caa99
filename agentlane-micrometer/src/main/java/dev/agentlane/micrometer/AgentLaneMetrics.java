package dev.agentlane.micrometer;

import dev.agentlane.Action;
import dev.agentlane.AgentKey;
import dev.agentlane.Decision;
import dev.agentlane.PolicyEngine;
import dev.agentlane.PolicyException;
import dev.agentlane.Reason;
import dev.agentlane.Registration;
import dev.agentlane.spi.DecisionListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Exports what an engine does to Micrometer, as a {@link DecisionListener}.
 *
 * <p>Thread-safe; one instance per engine. Meters (tags are bounded sets: verdicts, lanes, reason
 * codes; never tool names or agents, which an agent controls):
 *
 * <ul>
 *   <li>{@code agentlane.decisions} (counter; tags {@code verdict}, {@code lane}, {@code shadow})
 *   <li>{@code agentlane.decision.reasons} (counter; tags {@code code}, {@code verdict})
 *   <li>{@code agentlane.decision.duration} (timer; tag {@code verdict})
 *   <li>{@code agentlane.decision.failures} (counter: evaluations that failed closed)
 *   <li>{@code agentlane.policy.reloads} (counter; tag {@code outcome}: {@code updated}, {@code rejected})
 *   <li>{@code agentlane.halts}, {@code agentlane.resets}, {@code agentlane.grants.issued},
 *       {@code agentlane.grants.revoked} (counters)
 * </ul>
 *
 * <pre>{@code
 * Registration metrics = AgentLaneMetrics.monitor(engine, registry);
 * }</pre>
 */
public final class AgentLaneMetrics implements DecisionListener {
  private final MeterRegistry registry;
  private final ThreadLocal<long[]> started = ThreadLocal.withInitial(() -> new long[1]);
  private final Counter failures;
  private final Counter halts;
  private final Counter resets;
  private final Counter grantsIssued;
  private final Counter grantsRevoked;

  /** Metrics into {@code registry}; register the instance as a listener of one engine. */
  public AgentLaneMetrics(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.failures = Counter.builder("agentlane.decision.failures")
        .description("decisions whose evaluation failed and was denied (fail closed)").register(registry);
    this.halts = Counter.builder("agentlane.halts").description("agent/workflow pairs halted").register(registry);
    this.resets = Counter.builder("agentlane.resets").description("halts lifted by a human").register(registry);
    this.grantsIssued = Counter.builder("agentlane.grants.issued").register(registry);
    this.grantsRevoked = Counter.builder("agentlane.grants.revoked").register(registry);
  }

  /** Registers metrics for {@code engine}; close the registration to stop. */
  public static Registration monitor(PolicyEngine engine, MeterRegistry registry) {
    return engine.addListener(new AgentLaneMetrics(registry));
  }

  @Override
  public void decisionStart(Action action) {
    started.get()[0] = System.nanoTime();
  }

  @Override
  public void decisionEnd(Action action, Decision decision) {
    long start = started.get()[0];
    String verdict = decision.verdict().code();
    if (start != 0) {
      Timer.builder("agentlane.decision.duration").description("time to decide one tool call")
          .tag("verdict", verdict).register(registry).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      started.get()[0] = 0;
    }
    Counter.builder("agentlane.decisions").description("decisions by verdict")
        .tag("verdict", verdict)
        .tag("lane", decision.lane() == null ? "none" : decision.lane().name())
        .tag("shadow", Boolean.toString(decision.shadow()))
        .register(registry).increment();
    for (Reason r : decision.reasons()) {
      Counter.builder("agentlane.decision.reasons").description("reasons by stable code")
          .tag("code", r.code().code()).tag("verdict", r.verdict().code()).register(registry).increment();
    }
  }

  @Override
  public void decisionFailed(Action action, Throwable failure) {
    failures.increment();
  }

  @Override
  public void policyUpdated(String previousVersion, String newVersion) {
    Counter.builder("agentlane.policy.reloads").tag("outcome", "updated").register(registry).increment();
  }

  @Override
  public void policyRejected(PolicyException problem) {
    Counter.builder("agentlane.policy.reloads").tag("outcome", "rejected").register(registry).increment();
  }

  @Override
  public void halted(AgentKey key, String reason, String by) {
    halts.increment();
  }

  @Override
  public void reset(AgentKey key, String by) {
    resets.increment();
  }

  @Override
  public void grantIssued(dev.agentlane.Grant grant) {
    grantsIssued.increment();
  }

  @Override
  public void grantRevoked(dev.agentlane.Grant grant, String by) {
    grantsRevoked.increment();
  }
}
