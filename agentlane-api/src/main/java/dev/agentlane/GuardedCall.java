package dev.agentlane;

/**
 * A tool call that {@link PolicyEngine#guard(Action, GuardedCall)} runs only when the decision
 * permits it.
 *
 * @param <T> the result type
 * @param <E> the exception the call may throw
 */
@FunctionalInterface
public interface GuardedCall<T, E extends Exception> {
  /** Runs the tool call. */
  T call() throws E;
}
