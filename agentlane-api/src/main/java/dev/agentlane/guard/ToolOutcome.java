package dev.agentlane.guard;

import dev.agentlane.ActionDeniedException;
import dev.agentlane.Decision;
import java.time.Duration;
import java.util.Objects;

/**
 * What became of a guarded tool call: it ran and returned, it ran and threw, or it was refused before it
 * could run. Every outcome carries the decision.
 *
 * <p>Immutable. A sealed family (on Java 21, a {@code switch} over it is exhaustive):
 *
 * <pre>{@code
 * ToolOutcome<String> outcome = guard.call(action, () -> tool.run(args));
 * String forModel = outcome instanceof ToolOutcome.Refused<String> r ? r.message() : outcome.orThrow();
 * }</pre>
 *
 * @param <T> what the tool returns
 */
public sealed interface ToolOutcome<T> {
  /** The decision on the call. */
  Decision decision();

  /**
   * What the tool returned; throws what it threw; or throws an {@link ActionDeniedException} carrying the
   * decision, with the refusal text as its message, when it was refused. For integrations whose
   * frameworks handle tool exceptions themselves.
   *
   * @throws ActionDeniedException if the call was refused
   * @throws Exception what the tool threw
   */
  T orThrow() throws Exception;

  /**
   * The tool ran and returned.
   *
   * @param decision the decision that permitted it
   * @param result what it returned (may be null if the tool returns null)
   * @param duration how long it ran
   */
  record Executed<T>(Decision decision, T result, Duration duration) implements ToolOutcome<T> {
    /** Checks for null (but for the result). */
    public Executed {
      Objects.requireNonNull(decision, "decision");
      Objects.requireNonNull(duration, "duration");
    }

    @Override
    public T orThrow() {
      return result;
    }
  }

  /**
   * The tool ran and threw.
   *
   * @param decision the decision that permitted it
   * @param failure what it threw
   * @param duration how long it ran
   */
  record Failed<T>(Decision decision, Exception failure, Duration duration) implements ToolOutcome<T> {
    /** Checks for null. */
    public Failed {
      Objects.requireNonNull(decision, "decision");
      Objects.requireNonNull(failure, "failure");
      Objects.requireNonNull(duration, "duration");
    }

    @Override
    public T orThrow() throws Exception {
      throw failure;
    }
  }

  /**
   * The call was refused (DENY, HALT, or an ESCALATE nobody approved) and did not run.
   *
   * @param decision the decision that refused it
   * @param message the text for the model: what was refused, why, and what would make it allowed
   */
  record Refused<T>(Decision decision, String message) implements ToolOutcome<T> {
    /** Checks for null. */
    public Refused {
      Objects.requireNonNull(decision, "decision");
      Objects.requireNonNull(message, "message");
    }

    @Override
    public T orThrow() {
      throw new ActionDeniedException(decision, message);
    }
  }
}
