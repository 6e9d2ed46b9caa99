package dev.agentlane.langchain4j;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * A real LangChain4j {@link ChatModel} that answers from a script, turn by turn: AI messages asking for
 * tool calls, then a final text. It keeps every request it was sent, so a test reads exactly what the
 * model was told. Not thread-safe; one per test.
 */
final class ScriptedChatModel implements ChatModel {
  private final Deque<AiMessage> turns;
  private final List<ChatRequest> requests = new ArrayList<>();

  private ScriptedChatModel(List<AiMessage> turns) {
    this.turns = new ArrayDeque<>(turns);
  }

  static ScriptedChatModel of(AiMessage... turns) {
    return new ScriptedChatModel(Arrays.asList(turns));
  }

  /** A turn asking for one tool call. */
  static AiMessage call(String id, String tool, String argumentsJson) {
    return AiMessage.from(request(id, tool, argumentsJson));
  }

  /** A turn asking for several tool calls at once. */
  static AiMessage calls(ToolExecutionRequest... requests) {
    return AiMessage.from(requests);
  }

  static ToolExecutionRequest request(String id, String tool, String argumentsJson) {
    return ToolExecutionRequest.builder().id(id).name(tool).arguments(argumentsJson).build();
  }

  /** The final turn. */
  static AiMessage answer(String text) {
    return AiMessage.from(text);
  }

  @Override
  public ChatResponse doChat(ChatRequest request) {
    requests.add(request);
    AiMessage next = turns.poll();
    if (next == null) {
      throw new IllegalStateException("the script has no turn left for request " + requests.size());
    }
    return ChatResponse.builder().aiMessage(next).build();
  }

  /** Every request the model was sent, in order. */
  List<ChatRequest> requests() {
    return List.copyOf(requests);
  }

  /** The tool results the model was sent, in the order of the conversation (as in its last request). */
  List<ToolExecutionResultMessage> toolResults() {
    if (requests.isEmpty()) {
      return List.of();
    }
    List<ToolExecutionResultMessage> out = new ArrayList<>();
    for (ChatMessage m : requests.get(requests.size() - 1).messages()) {
      if (m instanceof ToolExecutionResultMessage r) {
        out.add(r);
      }
    }
    return out;
  }

  /** The result the model was sent for the tool call {@code id}. */
  ToolExecutionResultMessage told(String id) {
    Optional<ToolExecutionResultMessage> found = toolResults().stream().filter(r -> r.id().equals(id)).findFirst();
    return found.orElseThrow(() -> new AssertionError("the model was sent no result for tool call " + id
        + "; it was sent " + toolResults()));
  }

  /** Whether turns are left (a test that ends early shows here). */
  int turnsLeft() {
    return turns.size();
  }
}
