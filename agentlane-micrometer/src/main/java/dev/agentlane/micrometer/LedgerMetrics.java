package dev.agentlane.micrometer;

import dev.agentlane.promotion.PairMetrics;
import dev.agentlane.promotion.PromotionLedger;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Exports a promotion ledger's per-pair metrics as gauges, tagged {@code agent}, {@code workflow} and
 * {@code lane}: the operating dashboard of the promotion path.
 *
 * <p>Thread-safe. Gauges show the values of the last {@link #refresh()}; call it on a schedule (every
 * scrape interval is plenty) or after recording outcomes. Meters: {@code agentlane.pair.lane} (rank),
 * {@code agentlane.pair.time.in.lane} (seconds), {@code agentlane.pair.reviews},
 * {@code agentlane.pair.clean.rate.lower.bound}, {@code agentlane.pair.rework.rate.upper.bound},
 * {@code agentlane.pair.halted} (0 or 1), {@code agentlane.pair.promotions}, {@code agentlane.pair.demotions}.
 */
public final class LedgerMetrics implements MeterBinder {
  private final PromotionLedger ledger;
  private final List<Gauge> gauges = List.of(
      new Gauge("agentlane.pair.lane", "the pair's lane rank", m -> m.lane().rank()),
      new Gauge("agentlane.pair.time.in.lane", "seconds in the current lane", m -> m.timeInLane().toSeconds()),
      new Gauge("agentlane.pair.reviews", "reviews in the current lane", PairMetrics::reviews),
      new Gauge("agentlane.pair.clean.rate.lower.bound", "lower confidence bound of the clean-review rate",
          PairMetrics::cleanRateLowerBound),
      new Gauge("agentlane.pair.rework.rate.upper.bound", "upper confidence bound of the rework rate",
          PairMetrics::reworkRateUpperBound),
      new Gauge("agentlane.pair.halted", "1 while the pair is halted", m -> m.halted() ? 1 : 0),
      new Gauge("agentlane.pair.promotions", "promotions of the pair", PairMetrics::promotions),
      new Gauge("agentlane.pair.demotions", "demotions of the pair", PairMetrics::demotions));
  private volatile List<MultiGauge> registered = List.of();

  private record Gauge(String name, String description, ToDoubleFunction<PairMetrics> value) {}

  /** Gauges over {@code ledger}. */
  public LedgerMetrics(PromotionLedger ledger) {
    this.ledger = Objects.requireNonNull(ledger, "ledger");
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    List<MultiGauge> out = new ArrayList<>();
    for (Gauge g : gauges) {
      out.add(MultiGauge.builder(g.name()).description(g.description()).register(registry));
    }
    registered = List.copyOf(out);
    refresh();
  }

  /** Reads the ledger's metrics and updates every gauge. */
  public void refresh() {
    List<PairMetrics> metrics = ledger.metrics();
    List<MultiGauge> meters = registered;
    for (int i = 0; i < meters.size(); i++) {
      Gauge g = gauges.get(i);
      List<MultiGauge.Row<?>> rows = new ArrayList<>(metrics.size());
      for (PairMetrics m : metrics) {
        double v = g.value().applyAsDouble(m);
        rows.add(MultiGauge.Row.of(Tags.of("agent", m.key().agent(), "workflow", m.key().workflow(),
            "lane", m.lane().name()), v));
      }
      meters.get(i).register(rows, true);
    }
  }
}
