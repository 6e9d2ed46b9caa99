package dev.agentlane.promotion;

import dev.agentlane.AgentKey;
import dev.agentlane.Lane;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * An operating-dashboard snapshot of one pair: where it stands and how its work in the current lane
 * measures up. Counts are since the pair entered its current lane; promotions and demotions are
 * lifetime totals.
 *
 * <p>Immutable. Rates of zero reviews are 0 with bounds [0, 1].
 *
 * @param key the agent and workflow
 * @param lane the current lane
 * @param since when it entered the lane, or {@code null} if the ledger has never seen the pair
 * @param timeInLane how long it has been in the lane (zero if never seen)
 * @param halted whether it is halted
 * @param reviews all reviews in the lane
 * @param clean clean reviews
 * @param changesRequested reviews that asked for changes
 * @param rejected rejected reviews
 * @param cleanRate clean / reviews
 * @param cleanRateLowerBound the lower confidence bound of the clean rate
 * @param cleanRateUpperBound the upper confidence bound of the clean rate
 * @param rework follow-up fixes
 * @param reverts reverts
 * @param reworkRate (rework + reverts) / reviews, which may exceed 1
 * @param reworkRateUpperBound the upper confidence bound of the rework rate
 * @param incidents incidents by severity
 * @param stopConditionHits stop-condition hits by reason code
 * @param releaseCycles release cycles passed in the lane
 * @param promotions promotions so far
 * @param demotions demotions so far
 * @param lastSevereIncidentAt the last severe incident, or {@code null}
 * @param confidence the confidence level of the bounds
 */
public record PairMetrics(
    AgentKey key,
    Lane lane,
    @Nullable Instant since,
    Duration timeInLane,
    boolean halted,
    long reviews,
    long clean,
    long changesRequested,
    long rejected,
    double cleanRate,
    double cleanRateLowerBound,
    double cleanRateUpperBound,
    long rework,
    long reverts,
    double reworkRate,
    double reworkRateUpperBound,
    Map<Severity, Long> incidents,
    Map<String, Long> stopConditionHits,
    long releaseCycles,
    long promotions,
    long demotions,
    @Nullable Instant lastSevereIncidentAt,
    double confidence) {

  /** Checks for null and copies the maps. */
  public PairMetrics {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(lane, "lane");
    Objects.requireNonNull(timeInLane, "timeInLane");
    incidents = incidents.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(incidents));
    stopConditionHits = Collections.unmodifiableMap(new TreeMap<>(stopConditionHits));
  }
}
