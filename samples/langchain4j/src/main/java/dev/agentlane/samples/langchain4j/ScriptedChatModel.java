package dev.agentlane.samples.langchain4j;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A LangChain4j {@link ChatModel} that plays a script instead of calling a provider: each turn is the
 * next AI message of the script (a tool call, or a final answer that ends a conversation). It remembers
 * what it was told for each tool call. Not thread-safe; one per sample run.
 */
final class ScriptedChatModel implements ChatModel {
  private final Deque<AiMessage> turns;
  private final Map<String, String> told = new ConcurrentHashMap<>();

  ScriptedChatModel(List<AiMessage> turns) {
    this.turns = new ArrayDeque<>(turns);
  }

  /** A turn asking for a tool call. */
  static AiMessage toolCall(String id, String tool, String argumentsJson) {
    return AiMessage.from(ToolExecutionRequest.builder().id(id).name(tool).arguments(argumentsJson).build());
  }

  /** A turn that answers the user and ends the conversation. */
  static AiMessage answer(String text) {
    return AiMessage.from(text);
  }

  @Override
  public ChatResponse doChat(ChatRequest request) {
    for (ChatMessage message : request.messages()) {
      if (message instanceof ToolExecutionResultMessage result) {
        told.put(result.id(), result.text());
      }
    }
    AiMessage next = turns.poll();
    if (next == null) {
      throw new IllegalStateException("the script has no turn left");
    }
    return ChatResponse.builder().aiMessage(next).build();
  }

  /** What the model was told for the tool call {@code id}, or null if nothing. */
  String told(String id) {
    return told.get(id);
  }
}
