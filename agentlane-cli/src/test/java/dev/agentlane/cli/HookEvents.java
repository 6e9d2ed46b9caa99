package dev.agentlane.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;

/** PreToolUse events as Claude Code and Codex write them, for the hook tests. */
final class HookEvents {
  private HookEvents() {}

  static final ObjectMapper JSON = new ObjectMapper();

  /** A Claude Code PreToolUse event, with the fields Claude Code sends. */
  static String claude(Path cwd, String tool, String toolInputJson) {
    ObjectNode e = JSON.createObjectNode();
    e.put("session_id", "7d3c6a2e-claude-session").put("transcript_path", cwd.resolve("transcript.jsonl").toString())
        .put("cwd", cwd.toString()).put("permission_mode", "default").put("hook_event_name", "PreToolUse")
        .put("tool_name", tool).set("tool_input", tree(toolInputJson));
    e.put("tool_use_id", "toolu_01ABC");
    return e.toString();
  }

  /** A Codex PreToolUse event, with the fields Codex sends. */
  static String codex(Path cwd, String tool, String toolInputJson) {
    ObjectNode e = JSON.createObjectNode();
    e.put("session_id", "019a-codex-thread").put("turn_id", "turn-1").putNull("transcript_path");
    e.put("cwd", cwd.toString()).put("hook_event_name", "PreToolUse").put("model", "gpt-5-codex")
        .put("permission_mode", "default").put("tool_name", tool).set("tool_input", tree(toolInputJson));
    e.put("tool_use_id", "call_abc");
    return e.toString();
  }

  /** Codex's apply_patch input: the patch as {@code tool_input.command}. */
  static String patch(String... lines) {
    return JSON.createObjectNode().put("command", String.join("\n", lines) + "\n").toString();
  }

  static JsonNode tree(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(json, e);
    }
  }
}
