package dev.agentlane.langchain4j;

import dev.langchain4j.service.tool.ToolProvider;
import dev.langchain4j.service.tool.ToolProviderRequest;
import dev.langchain4j.service.tool.ToolProviderResult;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ToolProvider} whose tools are guarded by {@link AgentLaneTools}: it asks the provider it wraps
 * each time and guards every executor of the result. Thread-safe if the wrapped provider is.
 */
final class GuardedToolProvider implements ToolProvider {
  private final AgentLaneTools tools;
  private final ToolProvider delegate;

  GuardedToolProvider(AgentLaneTools tools, ToolProvider delegate) {
    this.tools = tools;
    this.delegate = delegate;
  }

  AgentLaneTools tools() {
    return tools;
  }

  @Override
  public @Nullable ToolProviderResult provideTools(ToolProviderRequest request) {
    ToolProviderResult provided = delegate.provideTools(request);
    if (provided == null) {
      return null;
    }
    return ToolProviderResult.builder().addAll(tools.wrap(provided.aiServiceTools())).build();
  }

  @Override
  public boolean isDynamic() {
    return delegate.isDynamic();
  }

  @Override
  public String toString() {
    return "guarded " + delegate;
  }
}
