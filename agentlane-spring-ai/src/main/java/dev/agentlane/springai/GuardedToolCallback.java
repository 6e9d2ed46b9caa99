package dev.agentlane.springai;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.ai.tool.metadata.ToolMetadata;

/**
 * A {@link ToolCallback} behind a {@link SpringAiToolGuard}: same definition, same metadata, and every
 * call decided first. Made by {@link SpringAiToolGuard#wrap(ToolCallback)}.
 *
 * <p>Thread-safe if the wrapped callback is.
 */
public final class GuardedToolCallback implements ToolCallback, GuardedTool {
  private final SpringAiToolGuard guard;
  private final ToolCallback delegate;

  GuardedToolCallback(SpringAiToolGuard guard, ToolCallback delegate) {
    this.guard = Objects.requireNonNull(guard, "guard");
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** The callback that runs when a call is permitted. */
  public ToolCallback delegate() {
    return delegate;
  }

  @Override
  public SpringAiToolGuard guard() {
    return guard;
  }

  /** The wrapped callback's definition, unchanged. */
  @Override
  public ToolDefinition getToolDefinition() {
    return delegate.getToolDefinition();
  }

  /** The wrapped callback's metadata, unchanged (so {@code returnDirect} is the tool's own). */
  @Override
  public ToolMetadata getToolMetadata() {
    return delegate.getToolMetadata();
  }

  /**
   * Decides the call and runs the wrapped callback's {@code call(String)} only if permitted.
   *
   * @return the tool's result, or the refusal text for the model
   */
  @Override
  public String call(String toolInput) {
    return guard.call(delegate, toolInput, null);
  }

  /**
   * Decides the call, with identity from {@code toolContext}, and runs the wrapped callback's
   * {@code call(String, ToolContext)} only if permitted.
   *
   * @return the tool's result, or the refusal text for the model
   */
  @Override
  public String call(String toolInput, @Nullable ToolContext toolContext) {
    return guard.call(delegate, toolInput, toolContext);
  }

  @Override
  public String toString() {
    return "GuardedToolCallback{" + delegate + "}";
  }
}
