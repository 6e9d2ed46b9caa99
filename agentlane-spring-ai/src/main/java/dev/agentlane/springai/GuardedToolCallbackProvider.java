package dev.agentlane.springai;

import java.util.Objects;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.ToolCallbackProvider;

/**
 * A {@link ToolCallbackProvider} whose callbacks are all behind a {@link SpringAiToolGuard}: it asks the
 * wrapped provider each time and wraps what it returns, so tools that appear later (an MCP server's
 * {@code tools/list_changed}) are guarded as well. Made by {@link SpringAiToolGuard#wrap(ToolCallbackProvider)}.
 *
 * <p>Thread-safe if the wrapped provider is.
 */
public final class GuardedToolCallbackProvider implements ToolCallbackProvider, GuardedTool {
  private final SpringAiToolGuard guard;
  private final ToolCallbackProvider delegate;

  GuardedToolCallbackProvider(SpringAiToolGuard guard, ToolCallbackProvider delegate) {
    this.guard = Objects.requireNonNull(guard, "guard");
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** The provider whose callbacks are wrapped. */
  public ToolCallbackProvider delegate() {
    return delegate;
  }

  @Override
  public SpringAiToolGuard guard() {
    return guard;
  }

  /** The wrapped provider's callbacks, each guarded, in its order. */
  @Override
  public ToolCallback[] getToolCallbacks() {
    ToolCallback[] callbacks = delegate.getToolCallbacks();
    ToolCallback[] out = new ToolCallback[callbacks.length];
    for (int i = 0; i < callbacks.length; i++) {
      out[i] = guard.wrap(callbacks[i]);
    }
    return out;
  }

  @Override
  public String toString() {
    return "GuardedToolCallbackProvider{" + delegate + "}";
  }
}
