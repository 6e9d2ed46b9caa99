package dev.agentlane.langchain4j;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.invocation.InvocationContext;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One tool call LangChain4j asks a guarded executor to run, as the identity mappings of {@link
 * AgentLaneTools.Builder} see it. Immutable (as far as LangChain4j's own objects are).
 *
 * <p>It carries the model's request, the chat memory id and, when LangChain4j supplies it, the AI service
 * invocation.
 *
 * @param request the model's request: the tool's name and its arguments as JSON text
 * @param memoryId the chat memory id: the {@code @MemoryId} argument of the AI service method, or
 *     {@code "default"} when the method has none; null if the caller gave none
 * @param invocation the AI service invocation (interface, method, invocation id, parameters), or null
 *     when the executor was called through {@code execute(request, memoryId)}
 */
public record ToolCall(ToolExecutionRequest request, @Nullable Object memoryId, @Nullable InvocationContext invocation) {
  /** Checks for null. */
  public ToolCall {
    Objects.requireNonNull(request, "request");
  }

  /** The name of the tool the model called (after any renaming by a tool provider, such as MCP's). */
  public String toolName() {
    return request.name();
  }

  /** The chat memory id as text, if there is one. */
  public Optional<String> memoryIdText() {
    return memoryId == null ? Optional.empty() : Optional.of(String.valueOf(memoryId));
  }
}
