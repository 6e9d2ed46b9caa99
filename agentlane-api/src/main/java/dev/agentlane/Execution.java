package dev.agentlane;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What happened when a permitted tool call ran: the action, the decision that permitted it, whether the
 * tool returned or threw, and how long it took. Integrations report it with
 * {@link PolicyEngine#executed(Execution)}; the engine passes it to its listeners and records it in the
 * audit trail next to the decision, so that the trail shows not only what was allowed but what ran.
 *
 * <p>Immutable.
 *
 * @param action the action that ran
 * @param decision the decision that permitted it
 * @param succeeded whether the tool returned normally
 * @param failure the failure's class and message when it threw ({@code java.io.IOException: disk full}),
 *     or null when it succeeded; never the tool's output, which may hold secrets
 * @param duration how long the tool ran
 */
public record Execution(Action action, Decision decision, boolean succeeded, @Nullable String failure,
    Duration duration) {

  /**
   * Checks for null, a negative duration, and that a failure is given exactly when the call failed.
   *
   * @throws IllegalArgumentException if the duration is negative or failure and succeeded disagree
   */
  public Execution {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("duration must be >= 0 but was " + duration);
    }
    if (succeeded == (failure != null)) {
      throw new IllegalArgumentException(succeeded ? "a successful execution has no failure but was given '"
          + failure + "'" : "a failed execution needs its failure");
    }
  }

  /** A call that returned normally. */
  public static Execution succeeded(Action action, Decision decision, Duration duration) {
    return new Execution(action, decision, true, null, duration);
  }

  /** A call that threw {@code failure}; only its class and message are kept. */
  public static Execution failed(Action action, Decision decision, Throwable failure, Duration duration) {
    Objects.requireNonNull(failure, "failure");
    String message = failure.getMessage();
    return new Execution(action, decision, false,
        failure.getClass().getName() + (message == null ? "" : ": " + message), duration);
  }
}
