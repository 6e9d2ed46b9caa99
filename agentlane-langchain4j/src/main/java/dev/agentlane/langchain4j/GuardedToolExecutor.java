package dev.agentlane.langchain4j;

import dev.agentlane.guard.ToolOutcome;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.exception.ToolExecutionException;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.service.tool.ToolExecutionResult;
import dev.langchain4j.service.tool.ToolExecutor;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ToolExecutor} that has every call decided by {@link AgentLaneTools#guard()} before the
 * executor it wraps may run. A refusal is returned as the tool's result (an error result, for {@code
 * executeWithContext}); what the wrapped executor throws is thrown on, so LangChain4j's tool error
 * handlers see it as they would without the guard. Thread-safe if the wrapped executor is.
 */
final class GuardedToolExecutor implements ToolExecutor {
  private final AgentLaneTools tools;
  private final ToolExecutor delegate;

  GuardedToolExecutor(AgentLaneTools tools, ToolExecutor delegate) {
    this.tools = tools;
    this.delegate = delegate;
  }

  AgentLaneTools tools() {
    return tools;
  }

  @Override
  public String execute(ToolExecutionRequest request, @Nullable Object memoryId) {
    return run(() -> new ToolCall(request, memoryId, null), () -> delegate.execute(request, memoryId), text -> text);
  }

  @Override
  public ToolExecutionResult executeWithContext(ToolExecutionRequest request, @Nullable InvocationContext context) {
    return run(() -> new ToolCall(request, context == null ? null : context.chatMemoryId(), context),
        () -> delegate.executeWithContext(request, context),
        text -> ToolExecutionResult.builder().isError(true).resultText(text).build());
  }

  private <T> T run(Supplier<ToolCall> call, Supplier<T> tool, Function<String, T> refusal) {
    // ToolGuard fails closed on its own: a mapping or an engine that throws refuses the call.
    ToolOutcome<T> outcome = tools.guard().call(() -> tools.actionFor(call.get()), tool::get);
    if (outcome instanceof ToolOutcome.Refused<T> refused) {
      return refusal.apply(refused.message());
    }
    if (outcome instanceof ToolOutcome.Failed<T> failed) {
      Exception failure = failed.failure();
      throw failure instanceof RuntimeException r ? r : new ToolExecutionException(failure);
    }
    return ((ToolOutcome.Executed<T>) outcome).result();
  }

  @Override
  public String toString() {
    return "guarded " + delegate;
  }
}
