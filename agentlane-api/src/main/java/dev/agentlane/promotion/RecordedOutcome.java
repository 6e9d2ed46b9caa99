package dev.agentlane.promotion;

import dev.agentlane.AgentKey;
import java.time.Instant;
import java.util.Objects;

/**
 * An outcome as the ledger recorded it: for whom, when, and who reported it.
 *
 * <p>Immutable.
 *
 * @param key the agent and workflow
 * @param outcome what was measured
 * @param at when the ledger recorded it
 * @param recordedBy who reported it (a person, a CI job, a review bot)
 */
public record RecordedOutcome(AgentKey key, Outcome outcome, Instant at, String recordedBy) {
  /** Checks for null and a blank {@code recordedBy}. */
  public RecordedOutcome {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(recordedBy, "recordedBy");
    if (recordedBy.isBlank()) {
      throw new IllegalArgumentException("an outcome must name who recorded it, but 'recordedBy' was blank");
    }
  }
}
