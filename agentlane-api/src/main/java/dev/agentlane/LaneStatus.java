package dev.agentlane;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where an agent/workflow pair stands: its lane, since when, and whether it is halted.
 *
 * <p>Immutable snapshot.
 *
 * @param key the agent and workflow
 * @param lane the current lane
 * @param since when the pair entered the lane, or {@code null} if it never was assigned one (it
 *     stands in the policy's default lane)
 * @param halted whether the pair is halted until a human resets it
 * @param haltReason why it was halted, or {@code null}
 * @param haltedAt when, or {@code null}
 */
public record LaneStatus(
    AgentKey key,
    Lane lane,
    @Nullable Instant since,
    boolean halted,
    @Nullable String haltReason,
    @Nullable Instant haltedAt) {
  /** Checks for null. */
  public LaneStatus {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(lane, "lane");
  }
}
