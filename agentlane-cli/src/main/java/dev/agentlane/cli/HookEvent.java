package dev.agentlane.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * A {@code PreToolUse} hook event as Claude Code and Codex write it on a hook's standard input: one JSON
 * object with {@code hook_event_name}, {@code session_id}, {@code cwd}, {@code tool_name} and
 * {@code tool_input} (both agents also send {@code transcript_path}, {@code permission_mode},
 * {@code tool_use_id}; Codex adds {@code turn_id} and {@code model}).
 *
 * <p>Read strictly where it matters and leniently where the agents grow: duplicate keys, trailing data,
 * a missing or mistyped required field, or an event other than {@code PreToolUse} are failures;
 * fields this hook does not use are ignored, so a new field in an agent's next release does not stop
 * every tool call. Immutable.
 *
 * @param sessionId the agent's session id, used as the action's run id
 * @param cwd the session's working directory (absolute), used as the workspace root
 * @param toolName the agent's tool name ({@code Bash}, {@code Read}, {@code apply_patch},
 *     {@code mcp__server__tool}, ...)
 * @param toolInput the tool's input object
 */
record HookEvent(String sessionId, String cwd, String toolName, ObjectNode toolInput) {
  /** The event this hook answers. */
  static final String PRE_TOOL_USE = "PreToolUse";
  /** The largest event read from standard input. */
  static final int MAX_BYTES = 8 * 1024 * 1024;

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /**
   * Reads one event from {@code in}, at most {@link #MAX_BYTES}.
   *
   * @throws HookFailure if the input cannot be read, is too large, or is not a valid event
   */
  static HookEvent read(InputStream in) {
    byte[] bytes;
    try {
      bytes = in.readNBytes(MAX_BYTES + 1);
    } catch (IOException e) {
      throw new HookFailure("cannot read the hook event from standard input: " + e.getMessage(), e);
    }
    if (bytes.length > MAX_BYTES) {
      throw new HookFailure("the hook event on standard input is larger than " + MAX_BYTES + " bytes");
    }
    return parse(new String(bytes, StandardCharsets.UTF_8));
  }

  /**
   * Parses one event.
   *
   * @throws HookFailure naming the first problem
   */
  static HookEvent parse(String text) {
    if (text.isBlank()) {
      throw new HookFailure("no hook event on standard input (expected a PreToolUse event as JSON)");
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new HookFailure("the hook event is not valid JSON: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
              + e.getLocation().getColumnNr() + ")"));
    }
    if (root == null || !root.isObject()) {
      throw new HookFailure("the hook event must be a JSON object");
    }
    String event = text(root, "hook_event_name");
    if (!event.equals(PRE_TOOL_USE)) {
      throw new HookFailure("the hook event is '" + event + "'; this hook answers " + PRE_TOOL_USE
          + " events only (register it under " + PRE_TOOL_USE + ")");
    }
    String session = text(root, "session_id");
    String cwd = text(root, "cwd");
    try {
      if (!Path.of(cwd).isAbsolute()) {
        throw new HookFailure("cwd of the hook event must be an absolute path but was '" + cwd + "'");
      }
    } catch (InvalidPathException e) {
      throw new HookFailure("cwd of the hook event is not a path: " + e.getMessage());
    }
    String tool = text(root, "tool_name");
    JsonNode input = root.get("tool_input");
    if (input == null) {
      throw new HookFailure("the hook event has no tool_input");
    }
    ObjectNode toolInput;
    if (input.isNull()) {
      toolInput = MAPPER.createObjectNode();           // a tool called without arguments
    } else if (input.isObject()) {
      toolInput = (ObjectNode) input;
    } else {
      throw new HookFailure("tool_input of the hook event must be an object but was " + input.getNodeType());
    }
    return new HookEvent(session, cwd, tool, toolInput);
  }

  private static String text(JsonNode root, String key) {
    JsonNode v = root.get(key);
    if (v == null || v.isNull()) {
      throw new HookFailure("the hook event has no " + key);
    }
    if (!v.isTextual() || v.asText().isBlank()) {
      throw new HookFailure(key + " of the hook event must be a non-blank string");
    }
    return v.asText();
  }

  /** A new empty JSON object, for arguments built from a tool input. */
  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }
}
