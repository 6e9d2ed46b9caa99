package dev.agentlane.springai.autoconfigure;

import dev.agentlane.springai.GuardedTool;
import dev.agentlane.springai.GuardedToolCallback;
import dev.agentlane.springai.GuardedToolCallbackProvider;
import dev.agentlane.springai.SpringAiToolGuard;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Objects;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.ToolCallbackProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Guards every {@link ToolCallback} and {@link ToolCallbackProvider} bean with the context's
 * {@link SpringAiToolGuard}, so that Spring AI's tool resolution (tool names, MCP client tools) only ever
 * sees guarded tools.
 *
 * <p>A bean keeps its type where it can: it is replaced by a class-based proxy (a subclass of its class,
 * like the proxies of {@code @Transactional}) that routes {@code getToolCallbacks()} or {@code call(...)}
 * through the guard and forwards every other method to the bean. So {@code SyncMcpToolCallbackProvider}
 * can still be injected by its class and still hears {@code McpToolsChangedEvent}. A bean whose class is
 * final (such as {@code MethodToolCallbackProvider}), or whose {@code call}/{@code getToolCallbacks} is
 * final, is replaced by a {@link GuardedToolCallback} or {@link GuardedToolCallbackProvider} instead:
 * inject such beans by their interface. Every guarded bean implements {@link GuardedTool}.
 *
 * <p>Fails closed: with tool beans but no guard (no {@code PolicyEngine}), the context does not start.
 * Thread-safe.
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
    if (bean instanceof GuardedTool) {
      return bean;
    }
    if (bean instanceof ToolCallbackProvider provider) {
      ToolCallbackProvider guarded = guard(beanName).wrap(provider);
      return canSubclass(bean.getClass(), "getToolCallbacks") ? proxy(bean, guarded) : guarded;
    }
    if (bean instanceof ToolCallback callback) {
      ToolCallback guarded = guard(beanName).wrap(callback);
      return canSubclass(bean.getClass(), "call") ? proxy(bean, guarded) : guarded;
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

  /**
   * Whether a subclass proxy of {@code type} would intercept every public method named {@code method}: the
   * class is neither final nor hidden (a lambda) and no such method is final.
   */
  static boolean canSubclass(Class<?> type, String method) {
    if (Modifier.isFinal(type.getModifiers()) || type.isHidden() || type.isSynthetic() || type.isAnonymousClass()) {
      return false;
    }
    for (Method m : type.getMethods()) {
      if (m.getName().equals(method) && Modifier.isFinal(m.getModifiers())) {
        return false;
      }
    }
    return true;
  }

  /**
   * A subclass proxy of {@code bean} whose tool methods go to {@code guarded}; {@code guarded} itself if
   * the class cannot be subclassed after all (the bean is guarded either way).
   */
  private static Object proxy(Object bean, Object guarded) {
    ProxyFactory factory = new ProxyFactory(bean);
    factory.setProxyTargetClass(true);
    factory.addInterface(GuardedTool.class);
    factory.addAdvice(new GuardAdvice(guarded));
    try {
      Object proxy = factory.getProxy(bean.getClass().getClassLoader());
      return bean.getClass().isInstance(proxy) ? proxy : guarded;
    } catch (RuntimeException e) {
      return guarded; // e.g. a class CGLIB cannot subclass: the bean's type changes, its calls are still guarded
    }
  }

  /** Routes the tool methods of a proxied bean through its guarded view. Thread-safe. */
  private static final class GuardAdvice implements MethodInterceptor {
    private final Object guarded;

    GuardAdvice(Object guarded) {
      this.guarded = guarded;
    }

    @Override
    public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
      Method m = invocation.getMethod();
      Object[] args = invocation.getArguments();
      Class<?>[] types = m.getParameterTypes();
      if (m.getName().equals("guard") && types.length == 0) {
        return ((GuardedTool) guarded).guard();
      }
      if (guarded instanceof ToolCallbackProvider provider && m.getName().equals("getToolCallbacks") && types.length == 0) {
        return provider.getToolCallbacks();
      }
      if (guarded instanceof ToolCallback callback && m.getName().equals("call") && types.length >= 1
          && types[0] == String.class) {
        if (types.length == 1) {
          return callback.call((String) args[0]);
        }
        if (types.length == 2 && types[1] == ToolContext.class) {
          return callback.call((String) args[0], (ToolContext) args[1]);
        }
      }
      return invocation.proceed();
    }
  }
}
