package dev.agentlane.springai.autoconfigure;

import dev.agentlane.springai.GuardedToolCallback;
import dev.agentlane.springai.GuardedToolCallbackProvider;
import dev.agentlane.springai.SpringAiToolGuard;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.ToolCallbackProvider;

/**
 * Wraps every {@link ToolCallback} and {@link ToolCallbackProvider} bean with the context's
 * {@link SpringAiToolGuard}, so that Spring AI's tool resolution (tool names, MCP client tools) only ever
 * sees guarded tools.
 *
 * <p>A wrapped bean's type becomes {@link GuardedToolCallback} or {@link GuardedToolCallbackProvider}:
 * inject tool beans by their interface, not by a concrete type such as {@code MethodToolCallbackProvider}.
 * Fails closed: with tool beans but no guard (no {@code PolicyEngine}), the context does not start.
 *
 * <p>Thread-safe.
 */
public final class ToolGuardingPostProcessor implements BeanPostProcessor {
  private final ObjectProvider<SpringAiToolGuard> guards;
  private volatile @Nullable SpringAiToolGuard guard;

  /** A post-processor that takes its guard from {@code guards} when the first tool bean appears. */
  public ToolGuardingPostProcessor(ObjectProvider<SpringAiToolGuard> guards) {
    this.guards = Objects.requireNonNull(guards, "guards");
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof GuardedToolCallback || bean instanceof GuardedToolCallbackProvider) {
      return bean;
    }
    if (bean instanceof ToolCallbackProvider provider) {
      return guard(beanName).wrap(provider);
    }
    if (bean instanceof ToolCallback callback) {
      return guard(beanName).wrap(callback);
    }
    return bean;
  }

  private SpringAiToolGuard guard(String beanName) {
    SpringAiToolGuard g = guard;
    if (g == null) {
      g = guards.getIfAvailable();
      if (g == null) {
        throw new IllegalStateException("agentlane.guard-tools is true but there is no PolicyEngine to guard the tool bean '"
            + beanName + "': add dev.agentlane:agentlane-policy (and set agentlane.policy), define a PolicyEngine bean, "
            + "or set agentlane.guard-tools=false");
      }
      guard = g;
    }
    return g;
  }
}
