package dev.agentlane.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentlane.AgentKey;
import dev.agentlane.EffectClass;
import dev.agentlane.core.promotion.InMemoryLedgerStore;
import dev.agentlane.core.promotion.LedgerLaneDirectory;
import dev.agentlane.policy.Policy;
import dev.agentlane.promotion.Outcome;
import dev.agentlane.testkit.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LedgerMetricsTest {
  @Test
  void pairMetricsBecomeGaugesAfterRefresh() {
    ManualClock clock = ManualClock.of("2026-11-24T10:00:00Z");
    Policy policy = Policy.builder().capability("code.read", "draft", EffectClass.READ).build();
    LedgerLaneDirectory ledger = LedgerLaneDirectory.builder().policy(policy).clock(clock)
        .store(new InMemoryLedgerStore()).build();
    AgentKey bot = AgentKey.of("bot", "fixes");
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    LedgerMetrics metrics = new LedgerMetrics(ledger);
    metrics.bindTo(registry);
    for (int i = 0; i < 10; i++) {
      ledger.record(bot, Outcome.clean(), "ci");
    }
    clock.advance(Duration.ofDays(3));
    ledger.halt(bot, "incident", "oncall");
    metrics.refresh();
    assertThat(registry.get("agentlane.pair.reviews").tag("agent", "bot").tag("workflow", "fixes").gauge().value())
        .isEqualTo(10.0);
    assertThat(registry.get("agentlane.pair.halted").tag("agent", "bot").gauge().value()).isEqualTo(1.0);
    double lower = registry.get("agentlane.pair.clean.rate.lower.bound").tag("agent", "bot").gauge().value();
    assertThat(lower).isBetween(0.6, 0.8);
    assertThat(registry.get("agentlane.pair.lane").tag("lane", "draft").gauge().value()).isEqualTo(0.0);
    assertThat(registry.get("agentlane.pair.time.in.lane").tag("agent", "bot").gauge().value())
        .as("seconds since the pair's first outcome, by the ledger's clock").isEqualTo(3 * 86_400.0);

    clock.advance(Duration.ofHours(1));
    metrics.refresh();
    assertThat(registry.get("agentlane.pair.time.in.lane").tag("agent", "bot").gauge().value())
        .isEqualTo(3 * 86_400.0 + 3_600);
  }
}
