package dev.agentlane.springai;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.ai.tool.metadata.ToolMetadata;

/**
 * One tool call as Spring AI hands it to a {@code ToolCallback}: the tool's definition and metadata, the
 * arguments the model wrote (JSON text), and the {@code ToolContext} the application passed with the
 * request. An {@link ActionMapper} turns it into an agentlane {@code Action}.
 *
 * <p>Immutable (the context map is an unmodifiable copy; its values are whatever the application put
 * there). The tool context comes from the application ({@code ChatClient...toolContext(map)}), never from
 * the model, so identity taken from it is the application's word; the arguments come from the model.
 *
 * @param definition the tool's definition (its name is the name the model called)
 * @param metadata the tool's metadata
 * @param arguments the arguments as the model wrote them, unparsed
 * @param context the tool context's entries, empty if the call came without one
 */
public record SpringAiToolCall(
    ToolDefinition definition, ToolMetadata metadata, String arguments, Map<String, Object> context) {

  /**
   * The key under which Spring AI's chat memory keeps the conversation id
   * ({@code ChatMemory.CONVERSATION_ID}); put it into the tool context to make it the action's run id.
   */
  public static final String CONVERSATION_ID = "chat_memory_conversation_id";

  /** Checks for null and copies the context (null values are kept: a tool context is a plain map). */
  public SpringAiToolCall {
    Objects.requireNonNull(definition, "definition");
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(arguments, "arguments");
    context = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(context, "context")));
  }

  /** The tool's name. */
  public String toolName() {
    return definition.name();
  }

  /**
   * A context entry as text: a {@link CharSequence}, number, boolean, UUID or enum, trimmed; empty if the
   * key is absent, its value is blank or of another type (a principal, a list of messages).
   */
  public Optional<String> contextText(String key) {
    Objects.requireNonNull(key, "key");
    Object value = context.get(key);
    if (value instanceof CharSequence || value instanceof Number || value instanceof Boolean
        || value instanceof java.util.UUID || value instanceof Enum<?>) {
      String text = value.toString().strip();
      return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }
    return Optional.empty();
  }

  /** The conversation id, if the application put one into the tool context under {@link #CONVERSATION_ID}. */
  public Optional<String> conversationId() {
    return contextText(CONVERSATION_ID);
  }
}
