package dev.agentlane.guard;

import dev.agentlane.Action;
import dev.agentlane.Decision;

/**
 * Wraps guarded tool calls, in the manner of OkHttp's interceptors: logging, timing, tracing, result
 * redaction, retries of a flaky tool. The policy step is not an interceptor: it has already run when the
 * first interceptor is called, it cannot be removed, and {@link Chain#proceed()} runs the tool only if
 * the decision permits it.
 *
 * <p>Implementations must be thread-safe: one guard serves many calls at once.
 *
 * <pre>{@code
 * ToolInterceptor timing = chain -> {
 *   long start = System.nanoTime();
 *   ToolOutcome<?> outcome = chain.proceed();
 *   metrics.record(chain.action().tool(), System.nanoTime() - start);
 *   return outcome;
 * };
 * }</pre>
 */
@FunctionalInterface
public interface ToolInterceptor {
  /**
   * Handles one call: usually does something, calls {@code chain.proceed()} once, and returns (perhaps
   * a changed) outcome. An interceptor that throws turns the call into a {@link ToolOutcome.Failed}
   * if the tool ran, and is reported as such; it can never make a refused call run.
   *
   * @throws Exception anything; the guard reports it
   */
  ToolOutcome<?> intercept(Chain chain) throws Exception;

  /** The call being guarded, and the way on to the next interceptor or the tool. Not thread-safe. */
  interface Chain {
    /** The action decided. */
    Action action();

    /** The engine's decision on it. */
    Decision decision();

    /**
     * Runs the rest of the chain: the next interceptor, or the tool if this is the last one and the
     * decision permits it (otherwise the {@link ToolOutcome.Refused} outcome, without running anything).
     *
     * @throws IllegalStateException if called a second time
     */
    ToolOutcome<?> proceed();
  }
}
