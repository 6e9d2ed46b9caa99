package dev.agentlane.policy;

import java.time.Duration;
import java.util.Objects;

/**
 * At most {@code limit} allowed actions in scope per {@code period} per counter. Only an action the
 * engine allows consumes the budget, atomically; an action that would exceed it is denied
 * ({@code budget-exhausted}). Periods are fixed windows aligned to the epoch of the engine's clock.
 *
 * <p>Immutable.
 *
 * @param id the rule id
 * @param scope the actions it applies to
 * @param limit allowed actions per period, {@code > 0}
 * @param period the window
 * @param per what is counted separately
 */
public record Budget(String id, Scope scope, long limit, Duration period, Per per) {
  /** Validates. */
  public Budget {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(scope, "scope");
    if (limit <= 0) {
      throw new IllegalArgumentException("budget '" + id + "' limit must be > 0 but was " + limit);
    }
    StopConditionSpec.Checks.positive("period", period);
    Objects.requireNonNull(per, "per");
  }
}
