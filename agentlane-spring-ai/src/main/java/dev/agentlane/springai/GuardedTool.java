package dev.agentlane.springai;

/**
 * A tool callback or provider whose calls go through a {@link SpringAiToolGuard}: the decorators
 * {@link GuardedToolCallback} and {@link GuardedToolCallbackProvider}, and the type-preserving proxies the
 * Spring Boot auto-configuration makes of tool beans. {@link SpringAiToolGuard#wrap} leaves a tool its
 * own guard already guards as it is, so no call is decided twice.
 *
 * <p>Implementations are thread-safe if the tool they guard is.
 */
public interface GuardedTool {
  /** The guard that decides this tool's calls. */
  SpringAiToolGuard guard();
}
