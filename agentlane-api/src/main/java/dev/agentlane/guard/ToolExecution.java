package dev.agentlane.guard;

/**
 * The tool call itself, run by a {@link ToolGuard} only when the decision permits it.
 *
 * @param <T> what the tool returns
 */
@FunctionalInterface
public interface ToolExecution<T> {
  /**
   * Runs the tool.
   *
   * @throws Exception whatever the tool throws; the guard reports it as a {@link ToolOutcome.Failed}
   */
  T execute() throws Exception;
}
