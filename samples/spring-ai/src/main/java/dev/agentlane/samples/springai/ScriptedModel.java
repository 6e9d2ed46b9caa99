package dev.agentlane.samples.springai;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
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
 * Stands in for a real chat model so the sample needs no network: each turn asks for the next scripted
 * tool call, the way a model's response does, and reads the tool result Spring AI sends back. When the
 * script is done, it answers with the last result. Not thread-safe.
 */
public final class ScriptedModel implements ChatModel {
  private final Deque<AssistantMessage.ToolCall> script = new ArrayDeque<>();
  private final List<String> asked = new ArrayList<>();
  private final List<String> toolResults = new ArrayList<>();

  /** Adds a turn that calls {@code tool} with {@code argumentsJson}. */
  public ScriptedModel thenCall(String tool, String argumentsJson) {
    script.add(new AssistantMessage.ToolCall("call-" + (script.size() + 1), "function", tool, argumentsJson));
    return this;
  }

  /** The calls the model made, as {@code tool arguments}. */
  public List<String> asked() {
    return List.copyOf(asked);
  }

  /** The tool results the model read, in order. */
  public List<String> toolResults() {
    return List.copyOf(toolResults);
  }

  @Override
  public ChatResponse call(Prompt prompt) {
    List<Message> messages = prompt.getInstructions();
    String last = "";
    if (messages.get(messages.size() - 1) instanceof ToolResponseMessage responses) {
      for (ToolResponseMessage.ToolResponse response : responses.getResponses()) {
        toolResults.add(response.responseData());
        last = response.responseData();
      }
    }
    AssistantMessage.ToolCall next = script.poll();
    if (next == null) {
      String firstLine = last.lines().findFirst().orElse("");
      return new ChatResponse(List.of(new Generation(new AssistantMessage("I stopped. The last tool result began: " + firstLine))));
    }
    asked.add(next.name() + " " + next.arguments());
    return new ChatResponse(List.of(new Generation(AssistantMessage.builder().content("").toolCalls(List.of(next)).build())));
  }

  @Override
  public ChatOptions getOptions() {
    return ToolCallingChatOptions.builder().build();
  }
}
