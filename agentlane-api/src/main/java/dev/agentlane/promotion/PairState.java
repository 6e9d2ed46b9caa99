package dev.agentlane.promotion;

import dev.agentlane.AgentKey;
import dev.agentlane.Lane;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Everything the ledger keeps about one agent/workflow pair: what a {@link LedgerStore} persists.
 *
 * <p>Immutable. Every change produces a new state with {@link #version()} one higher, which lets a
 * store apply optimistic concurrency (see {@link LedgerStore#save}).
 *
 * @param key the agent and workflow
 * @param version 1 for the first saved state, then one more per change
 * @param lane the lane the pair stands in
 * @param since when it entered the lane (or, for a pair never moved, when the ledger first saw it)
 * @param changedBy who put it in the lane, or {@code null} if it stands in the default lane unmoved
 * @param changeNote why: the approval note, the demotion reason, or {@code null}
 * @param halted whether the pair is halted until a human resets it
 * @param haltReason why it was halted, or {@code null}
 * @param haltedBy who or what halted it, or {@code null}
 * @param haltedAt when, or {@code null}
 * @param counts the outcomes since entering the lane
 * @param lastSevereIncidentAt when the last severe incident was recorded, in any lane, or {@code null}
 * @param promotions promotions so far, in all lanes
 * @param demotions demotions so far, in all lanes
 */
public record PairState(
    AgentKey key,
    long version,
    Lane lane,
    Instant since,
    @Nullable String changedBy,
    @Nullable String changeNote,
    boolean halted,
    @Nullable String haltReason,
    @Nullable String haltedBy,
    @Nullable Instant haltedAt,
    OutcomeCounts counts,
    @Nullable Instant lastSevereIncidentAt,
    long promotions,
    long demotions) {

  /**
   * Checks for null, positive version, non-negative counters and a consistent halt.
   *
   * @throws IllegalArgumentException if a rule is broken
   */
  public PairState {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(lane, "lane");
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(counts, "counts");
    if (version < 1) {
      throw new IllegalArgumentException("version must be >= 1 but was " + version);
    }
    if (promotions < 0 || demotions < 0) {
      throw new IllegalArgumentException("promotions and demotions must be >= 0 but were " + promotions + " and "
          + demotions);
    }
    if (halted && (haltReason == null || haltedAt == null)) {
      throw new IllegalArgumentException("a halted pair needs haltReason and haltedAt");
    }
    if (!halted && (haltReason != null || haltedBy != null || haltedAt != null)) {
      throw new IllegalArgumentException("a pair that is not halted has no haltReason, haltedBy or haltedAt");
    }
  }

  /** The first state of a pair in a lane, not halted, with no outcomes. */
  public static PairState initial(AgentKey key, Lane lane, Instant since) {
    return new PairState(key, 1, lane, since, null, null, false, null, null, null, OutcomeCounts.NONE, null, 0, 0);
  }
}
