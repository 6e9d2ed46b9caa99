package dev.agentlane;

import java.time.Duration;
import java.util.Objects;

/**
 * How far a human approval reaches. A grant only ever turns an {@code ESCALATE} into an
 * {@code ALLOW}; it never overrides a {@code DENY} or a {@code HALT}.
 *
 * <p>Immutable.
 */
public sealed interface GrantScope {

  /** Exactly one action, identified by its digest, once. */
  record ExactAction() implements GrantScope {}

  /** Up to {@code calls} calls of the same tool by the same agent and workflow. */
  record Calls(int calls) implements GrantScope {
    /** Validates the count. */
    public Calls {
      if (calls <= 0) {
        throw new IllegalArgumentException("calls must be > 0 but was " + calls);
      }
    }
  }

  /** Calls of the same tool by the same agent and workflow for a period. */
  record Window(Duration duration) implements GrantScope {
    /** Validates the duration. */
    public Window {
      Objects.requireNonNull(duration, "duration");
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException("duration must be > 0 but was " + duration);
      }
    }
  }

  /** Calls of the same tool within one run (task) of the same agent and workflow. */
  record Task(String runId) implements GrantScope {
    /** Checks for null. */
    public Task {
      Objects.requireNonNull(runId, "runId");
    }
  }

  /** One exact action, once. */
  static GrantScope exactAction() {
    return new ExactAction();
  }

  /** Up to {@code n} calls of the same tool. */
  static GrantScope calls(int n) {
    return new Calls(n);
  }

  /** Calls of the same tool for a period. */
  static GrantScope window(Duration duration) {
    return new Window(duration);
  }

  /** Calls of the same tool within one run. */
  static GrantScope task(String runId) {
    return new Task(runId);
  }
}
