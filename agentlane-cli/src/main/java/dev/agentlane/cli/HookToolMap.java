package dev.agentlane.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a coding agent's tool calls become agentlane actions: for each agent tool name, a translation of
 * its input into the arguments of an agentlane tool, and the agentlane tool's name.
 *
 * <p>The built-in entries target the tools of the shipped default policy (Claude Code's {@code Bash},
 * {@code Read}, {@code Write}, {@code Edit}, {@code MultiEdit}, {@code NotebookEdit}, {@code Glob},
 * {@code Grep}, {@code LS}, {@code WebFetch}; Codex's {@code Bash} and {@code apply_patch}). A tool with
 * no entry, MCP tools ({@code mcp__server__tool}) among them, is passed through under its own name with
 * its input as the arguments, so the policy denies it ({@code unmapped-tool}) unless it maps that name.
 * {@link #with} renames the target of a built-in entry (the translation stays) or adds a pass-through
 * entry for any other name. Immutable.
 */
final class HookToolMap {
  /** How one agent tool's input becomes arguments. */
  enum Translation {
    /** {@code {command}} to {@code {command}}: a shell line. */
    SHELL,
    /** {@code {file_path}} to {@code {path}}. */
    READ,
    /** {@code {file_path, content}} to {@code {path, content}}. */
    WRITE,
    /** {@code {file_path, old_string, new_string, replace_all}} to {@code {path, old_string, new_string, replace_all}}. */
    EDIT,
    /** {@code {file_path, edits}} to {@code {path}}: the file is what the policy judges. */
    MULTI_EDIT,
    /** {@code {notebook_path}} to {@code {path}}. */
    NOTEBOOK_EDIT,
    /** {@code {pattern, path}} to {@code {query, path}}: the pattern selects file names, so it is judged. */
    GLOB,
    /**
     * {@code {pattern, path, glob}} to {@code {path, glob}}: the search pattern is not a path (as for grep and
     * rg on a shell line); the path and the file glob are.
     */
    GREP,
    /** {@code {path}} to {@code {path}}. */
    LIST,
    /** {@code {url}} to {@code {url}}. */
    FETCH,
    /** Codex's {@code {command: patch}}: one action {@code {path}} per file the patch adds, updates, deletes or moves. */
    APPLY_PATCH,
    /** The input as it is. */
    PASS_THROUGH
  }

  /** One agent tool's entry: how its input is translated, and the agentlane tool it becomes. */
  record Entry(Translation translation, String target) {}

  /**
   * One action to decide for a tool call.
   *
   * @param tool the agentlane tool
   * @param arguments its arguments
   * @param label what the action is, for the reason text ({@code Bash}, {@code apply_patch update src/a.ts})
   */
  record Call(String tool, ObjectNode arguments, String label) {}

  private final Map<String, Entry> entries;

  private HookToolMap(Map<String, Entry> entries) {
    this.entries = Map.copyOf(entries);
  }

  /** Claude Code's built-in tools on the shipped default policy's tools. */
  static HookToolMap claudeCode() {
    Map<String, Entry> m = new LinkedHashMap<>();
    m.put("Bash", new Entry(Translation.SHELL, "bash"));
    m.put("Read", new Entry(Translation.READ, "read_file"));
    m.put("Write", new Entry(Translation.WRITE, "write_file"));
    m.put("Edit", new Entry(Translation.EDIT, "edit_file"));
    m.put("MultiEdit", new Entry(Translation.MULTI_EDIT, "edit_file"));
    m.put("NotebookEdit", new Entry(Translation.NOTEBOOK_EDIT, "edit_file"));
    m.put("Glob", new Entry(Translation.GLOB, "search"));
    m.put("Grep", new Entry(Translation.GREP, "grep"));
    m.put("LS", new Entry(Translation.LIST, "list_dir"));
    m.put("WebFetch", new Entry(Translation.FETCH, "fetch"));
    return new HookToolMap(m);
  }

  /** Codex's hooked tools on the shipped default policy's tools. */
  static HookToolMap codex() {
    Map<String, Entry> m = new LinkedHashMap<>();
    m.put("Bash", new Entry(Translation.SHELL, "bash"));
    m.put("apply_patch", new Entry(Translation.APPLY_PATCH, "write_file"));
    return new HookToolMap(m);
  }

  /** The entries, built-in and added. */
  Map<String, Entry> entries() {
    return entries;
  }

  /**
   * This map with the given {@code AGENT_TOOL=AGENTLANE_TOOL} assignments: a built-in entry keeps its
   * translation and takes the new target; any other name is passed through to the new target.
   */
  HookToolMap with(Map<String, String> assignments) {
    Map<String, Entry> m = new LinkedHashMap<>(entries);
    assignments.forEach((from, to) -> {
      Entry e = m.get(from);
      m.put(from, new Entry(e == null ? Translation.PASS_THROUGH : e.translation(), to));
    });
    return new HookToolMap(m);
  }

  /**
   * Parses {@code AGENT_TOOL=AGENTLANE_TOOL}.
   *
   * @param where where the text came from, for messages ({@code --map}, {@code tools.map:3})
   * @throws HookFailure if it is not of that form
   */
  static Map.Entry<String, String> assignment(String text, String where) {
    int eq = text.indexOf('=');
    String from = eq < 0 ? "" : text.substring(0, eq).strip();
    String to = eq < 0 ? "" : text.substring(eq + 1).strip();
    if (from.isEmpty() || to.isEmpty() || to.indexOf('=') >= 0) {
      throw new HookFailure(where + ": expected AGENT_TOOL=AGENTLANE_TOOL (such as WebFetch=http_get) but was '"
          + text + "'");
    }
    return Map.entry(from, to);
  }

  /**
   * Reads a mapping file: one {@code AGENT_TOOL=AGENTLANE_TOOL} a line; blank lines and lines starting
   * with {@code #} are ignored.
   *
   * @throws HookFailure naming the file and line of the first problem
   */
  static Map<String, String> readFile(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new HookFailure("cannot read the tool mapping file '" + file + "': " + e.getMessage(), e);
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      Map.Entry<String, String> a = assignment(line, file + ":" + (i + 1));
      if (out.put(a.getKey(), a.getValue()) != null) {
        throw new HookFailure(file + ":" + (i + 1) + ": '" + a.getKey() + "' is mapped twice");
      }
    }
    return out;
  }

  /**
   * The actions one tool call becomes (one for every tool but {@code apply_patch}, which becomes one per file).
   *
   * @throws HookFailure if the input lacks what the translation needs
   */
  List<Call> calls(String toolName, ObjectNode input) {
    Objects.requireNonNull(toolName, "toolName");
    Entry e = entries.getOrDefault(toolName, new Entry(Translation.PASS_THROUGH, toolName));
    ObjectNode args = HookEvent.object();
    switch (e.translation()) {
      case SHELL -> args.put("command", required(toolName, input, "command"));
      case READ -> args.put("path", required(toolName, input, "file_path"));
      case WRITE -> {
        args.put("path", required(toolName, input, "file_path"));
        copy(input, "content", args, "content");
      }
      case EDIT -> {
        args.put("path", required(toolName, input, "file_path"));
        copy(input, "old_string", args, "old_string");
        copy(input, "new_string", args, "new_string");
        copy(input, "replace_all", args, "replace_all");
      }
      case MULTI_EDIT -> args.put("path", required(toolName, input, "file_path"));
      case NOTEBOOK_EDIT -> args.put("path", required(toolName, input, "notebook_path"));
      case GLOB -> {
        args.put("query", required(toolName, input, "pattern"));
        copy(input, "path", args, "path");
      }
      case GREP -> {
        copy(input, "path", args, "path");
        copy(input, "glob", args, "glob");
      }
      case LIST -> args.put("path", required(toolName, input, "path"));
      case FETCH -> args.put("url", required(toolName, input, "url"));
      case APPLY_PATCH -> {
        List<Call> calls = new ArrayList<>();
        for (ApplyPatchFiles.FileChange c : ApplyPatchFiles.parse(required(toolName, input, "command"))) {
          calls.add(new Call(e.target(), HookEvent.object().put("path", c.path()),
              toolName + " " + c.operation() + " " + c.path()));
        }
        return calls;
      }
      case PASS_THROUGH -> args = input.deepCopy();
    }
    return List.of(new Call(e.target(), args, toolName));
  }

  private static String required(String tool, ObjectNode input, String field) {
    JsonNode v = input.get(field);
    if (v == null || !v.isTextual() || v.asText().isEmpty()) {
      throw new HookFailure("tool_input." + field + " of " + tool + " is missing or not a non-empty string");
    }
    return v.asText();
  }

  private static void copy(ObjectNode from, String field, ObjectNode to, String as) {
    JsonNode v = from.get(field);
    if (v != null && !v.isNull()) {
      to.set(as, v.deepCopy());
    }
  }
}
