package dev.agentlane.promotion;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The outcomes counted for a pair since it entered its current lane.
 *
 * <p>Immutable. The maps are unmodifiable copies; severities and codes never counted are absent.
 *
 * @param clean clean reviews
 * @param changesRequested reviews that asked for changes
 * @param rejected rejected reviews
 * @param rework follow-up fixes
 * @param reverts reverts
 * @param releaseCycles release-cycle boundaries passed
 * @param incidents incidents by severity
 * @param stopConditionHits stop-condition hits by reason code
 */
public record OutcomeCounts(
    long clean,
    long changesRequested,
    long rejected,
    long rework,
    long reverts,
    long releaseCycles,
    Map<Severity, Long> incidents,
    Map<String, Long> stopConditionHits) {

  /** No outcomes. */
  public static final OutcomeCounts NONE = new OutcomeCounts(0, 0, 0, 0, 0, 0, Map.of(), Map.of());

  /**
   * Checks that counts are not negative and copies the maps.
   *
   * @throws IllegalArgumentException if a count is negative
   */
  public OutcomeCounts {
    check("clean", clean);
    check("changesRequested", changesRequested);
    check("rejected", rejected);
    check("rework", rework);
    check("reverts", reverts);
    check("releaseCycles", releaseCycles);
    Objects.requireNonNull(incidents, "incidents");
    Objects.requireNonNull(stopConditionHits, "stopConditionHits");
    incidents.forEach((s, n) -> check("incidents " + s.code(), Objects.requireNonNull(n, "count")));
    stopConditionHits.forEach((c, n) -> check("stopConditionHits " + c, Objects.requireNonNull(n, "count")));
    incidents = incidents.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(incidents));
    stopConditionHits = Collections.unmodifiableMap(new TreeMap<>(stopConditionHits));
  }

  /** All reviews: clean, changes requested and rejected. */
  public long reviews() {
    return clean + changesRequested + rejected;
  }

  /** Incidents of a severity. */
  public long incidents(Severity severity) {
    return incidents.getOrDefault(severity, 0L);
  }

  /** These counts with one more outcome. */
  public OutcomeCounts plus(Outcome outcome) {
    Objects.requireNonNull(outcome, "outcome");
    if (outcome instanceof Outcome.Review r) {
      return switch (r.result()) {
        case CLEAN -> new OutcomeCounts(clean + 1, changesRequested, rejected, rework, reverts, releaseCycles,
            incidents, stopConditionHits);
        case CHANGES_REQUESTED -> new OutcomeCounts(clean, changesRequested + 1, rejected, rework, reverts,
            releaseCycles, incidents, stopConditionHits);
        case REJECTED -> new OutcomeCounts(clean, changesRequested, rejected + 1, rework, reverts, releaseCycles,
            incidents, stopConditionHits);
      };
    } else if (outcome instanceof Outcome.Rework) {
      return new OutcomeCounts(clean, changesRequested, rejected, rework + 1, reverts, releaseCycles, incidents,
          stopConditionHits);
    } else if (outcome instanceof Outcome.Revert) {
      return new OutcomeCounts(clean, changesRequested, rejected, rework, reverts + 1, releaseCycles, incidents,
          stopConditionHits);
    } else if (outcome instanceof Outcome.ReleaseCycle) {
      return new OutcomeCounts(clean, changesRequested, rejected, rework, reverts, releaseCycles + 1, incidents,
          stopConditionHits);
    } else if (outcome instanceof Outcome.Incident i) {
      Map<Severity, Long> next = new EnumMap<>(Severity.class);
      next.putAll(incidents);
      next.merge(i.severity(), 1L, Long::sum);
      return new OutcomeCounts(clean, changesRequested, rejected, rework, reverts, releaseCycles, next,
          stopConditionHits);
    } else {
      Outcome.StopConditionHit h = (Outcome.StopConditionHit) outcome;
      Map<String, Long> next = new TreeMap<>(stopConditionHits);
      next.merge(h.code(), 1L, Long::sum);
      return new OutcomeCounts(clean, changesRequested, rejected, rework, reverts, releaseCycles, incidents, next);
    }
  }

  private static void check(String what, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(what + " must be >= 0 but was " + value);
    }
  }
}
