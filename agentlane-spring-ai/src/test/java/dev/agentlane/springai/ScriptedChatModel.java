package dev.agentlane.springai;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;

/**
 * A chat model that plays a script instead of calling a provider: each turn either asks for tool calls,
 * as a real model's response would, or answers with the tool results it was just given. Spring AI does
 * the rest (the tool-calling loop, tool resolution, the tool context). Not thread-safe; one per test.
 */
public final class ScriptedChatModel implements ChatModel {
  private final Deque<List<AssistantMessage.ToolCall>> turns = new ArrayDeque<>();
  private final List<String> toolResults = new CopyOnWriteArrayList<>();
  private int calls;

  /** The next turn asks for these tool calls, each given as {name, arguments JSON}. */
  public ScriptedChatModel thenCall(String[]... calls) {
    List<AssistantMessage.ToolCall> toolCalls = new ArrayList<>();
    for (String[] call : calls) {
      toolCalls.add(new AssistantMessage.ToolCall("call-" + (turns.size() + 1) + "-" + toolCalls.size(), "function",
          call[0], call[1]));
    }
    turns.add(List.copyOf(toolCalls));
    return this;
  }

  /** A call, for {@link #thenCall}. */
  public static String[] call(String tool, String argumentsJson) {
    return new String[] {tool, argumentsJson};
  }

  /** Every tool result the model was shown, as {@code name: result}, in order. */
  public List<String> toolResults() {
    return List.copyOf(toolResults);
  }

  /** How many times the model was called. */
  public int calls() {
    return calls;
  }

  @Override
  public ChatResponse call(Prompt prompt) {
    calls++;
    List<Message> messages = prompt.getInstructions();
    Message last = messages.get(messages.size() - 1);
    List<String> seen = new ArrayList<>();
    if (last instanceof ToolResponseMessage responses) {
      for (ToolResponseMessage.ToolResponse r : responses.getResponses()) {
        seen.add(r.name() + ": " + r.responseData());
      }
      toolResults.addAll(seen);
    }
    List<AssistantMessage.ToolCall> next = turns.poll();
    AssistantMessage answer = next != null
        ? AssistantMessage.builder().content("").toolCalls(next).build()
        : new AssistantMessage("done; the tools said: " + seen.stream().collect(Collectors.joining(" | ")));
    return new ChatResponse(List.of(new Generation(answer)));
  }

  /** Spring AI 1.1's ChatClient starts from these options (2.0 deprecates the method for {@link #getOptions()}). */
  @Override
  @SuppressWarnings("removal")
  public ChatOptions getDefaultOptions() {
    return ToolCallingChatOptions.builder().build();
  }

  /** Spring AI 2.0's ChatClient starts from these options. */
  @Override
  public ChatOptions getOptions() {
    return ToolCallingChatOptions.builder().build();
  }
}
