package dev.agentlane.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentlane.Action;
import dev.agentlane.ActionSize;
import dev.agentlane.Evidence;
import dev.agentlane.TestRun;
import dev.agentlane.ToolArguments;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The action format of the command line ({@code docs/action-format.md}, JSON Schema
 * {@code docs/action-v1.schema.json}): one JSON object per action, with the keys of policy test files.
 *
 * <pre>{@code
 * {"agent": "coder", "workflow": "bugfix", "run-id": "task-17", "tool": "bash",
 *  "arguments": {"command": "npm test"}, "workspace": "/work/repo", "context": {"ticket": "BUG-1"},
 *  "evidence": {"tests": [{"name": "unit", "passed": 42, "failed": 0}], "files-touched": ["src/a.ts"],
 *               "assumptions": ["no API change"], "confidence": 0.9, "rollback-plan": "revert",
 *               "validation-links": ["https://ci/1"]},
 *  "size": {"files": 1, "lines": 12}}
 * }</pre>
 *
 * <p>Strict: unknown keys, duplicate keys and wrong types are errors that name the JSON path. The
 * {@code arguments} object is passed to the engine as JSON text, so the engine parses it as it parses a
 * framework's arguments. Stateless and thread-safe.
 */
final class ActionJson {
  private ActionJson() {}

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  /** The keys of an action object (the schema test compares them with docs/action-v1.schema.json). */
  static final Set<String> KEYS = Set.of("agent", "workflow", "run-id", "tool", "arguments", "workspace",
      "context", "evidence", "size");
  /** The keys of {@code evidence}. */
  static final Set<String> EVIDENCE = Set.of("tests", "files-touched", "assumptions", "confidence",
      "rollback-plan", "validation-links");
  /** The keys of one test run in {@code evidence.tests}. */
  static final Set<String> TEST = Set.of("name", "passed", "failed", "skipped");
  /** The keys of {@code size}. */
  static final Set<String> SIZE = Set.of("files", "lines", "directories", "services");

  /**
   * Reads one action from JSON text.
   *
   * @param source where the text came from, for messages ({@code action.json}, {@code <stdin>})
   * @throws CliException naming the source and the JSON path of the first problem
   */
  static Action read(String text, String source) {
    JsonNode root;
    try {
      root = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      String what = e.getOriginalMessage().startsWith("Trailing token")
          ? "something follows the action object (one action per input)" : e.getOriginalMessage();
      throw new CliException(source + ": not a JSON action: " + what
          + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
              + e.getLocation().getColumnNr() + ")"));
    }
    return fromTree(root, source);
  }

  /** Reads one action from a parsed JSON tree. */
  static Action fromTree(JsonNode root, String source) {
    if (root == null || !root.isObject()) {
      throw bad(source, "$", "an action is a JSON object");
    }
    only(root, KEYS, source, "$");
    Action.Builder b = Action.builder()
        .agent(text(root, "agent", source, true))
        .workflow(text(root, "workflow", source, true))
        .tool(text(root, "tool", source, true));
    String runId = text(root, "run-id", source, false);
    if (runId != null) {
      b.runId(runId);
    }
    String workspace = text(root, "workspace", source, false);
    if (workspace != null) {
      b.workspace(workspace);
    }
    JsonNode args = root.get("arguments");
    if (args != null && !args.isObject()) {
      throw bad(source, "$.arguments", "must be an object");
    }
    b.arguments(ToolArguments.json(args == null ? "{}" : args.toString()));
    JsonNode context = root.get("context");
    if (context != null) {
      if (!context.isObject()) {
        throw bad(source, "$.context", "must be an object of strings");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = context.fields(); it.hasNext();) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getValue().isTextual()) {
          throw bad(source, "$.context." + e.getKey(), "must be a string");
        }
        b.context(e.getKey(), e.getValue().asText());
      }
    }
    JsonNode evidence = root.get("evidence");
    if (evidence != null) {
      b.evidence(evidence(evidence, source));
    }
    JsonNode size = root.get("size");
    if (size != null) {
      if (!size.isObject()) {
        throw bad(source, "$.size", "must be an object");
      }
      only(size, SIZE, source, "$.size");
      b.size(new ActionSize(count(size, "files", source, "$.size"), count(size, "lines", source, "$.size"),
          count(size, "directories", source, "$.size"), count(size, "services", source, "$.size")));
    }
    try {
      return b.build();
    } catch (RuntimeException e) {
      throw bad(source, "$", e.getMessage());
    }
  }

  private static Evidence evidence(JsonNode node, String source) {
    if (!node.isObject()) {
      throw bad(source, "$.evidence", "must be an object");
    }
    only(node, EVIDENCE, source, "$.evidence");
    Evidence.Builder b = Evidence.builder();
    JsonNode tests = node.get("tests");
    if (tests != null) {
      if (!tests.isArray()) {
        throw bad(source, "$.evidence.tests", "must be a list");
      }
      for (int i = 0; i < tests.size(); i++) {
        JsonNode t = tests.get(i);
        String path = "$.evidence.tests[" + i + "]";
        if (!t.isObject()) {
          throw bad(source, path, "must be an object with name, passed, failed and skipped");
        }
        only(t, TEST, source, path);
        String name = text(t, path, "name", source, true);
        b.test(new TestRun(name, count(t, "passed", source, path), count(t, "failed", source, path),
            count(t, "skipped", source, path)));
      }
    }
    for (String f : strings(node, "files-touched", source)) {
      b.filesTouched(f);
    }
    for (String a : strings(node, "assumptions", source)) {
      b.assumption(a);
    }
    JsonNode confidence = node.get("confidence");
    if (confidence != null) {
      if (!confidence.isNumber()) {
        throw bad(source, "$.evidence.confidence", "must be a number");
      }
      b.confidence(confidence.asDouble());
    }
    String rollback = text(node, "$.evidence", "rollback-plan", source, false);
    if (rollback != null) {
      b.rollbackPlan(rollback);
    }
    for (String l : strings(node, "validation-links", source)) {
      b.validationLink(l);
    }
    try {
      return b.build();
    } catch (RuntimeException e) {
      throw bad(source, "$.evidence", e.getMessage());
    }
  }

  /** The action as JSON in this format (arguments as the engine received them). */
  static ObjectNode toTree(Action a) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("agent", a.agent()).put("workflow", a.workflow());
    if (a.runId() != null) {
      o.put("run-id", a.runId());
    }
    o.put("tool", a.tool());
    try {
      o.set("arguments", a.arguments() instanceof ToolArguments.Json j ? MAPPER.readTree(j.text())
          : MAPPER.valueToTree(((ToolArguments.Structured) a.arguments()).values()));
    } catch (JsonProcessingException e) {
      o.put("arguments", a.arguments().toString());
    }
    if (a.workspace() != null) {
      o.put("workspace", a.workspace());
    }
    if (!a.context().isEmpty()) {
      ObjectNode c = o.putObject("context");
      a.context().forEach(c::put);
    }
    Evidence ev = a.evidence();
    if (!ev.isEmpty()) {
      ObjectNode e = o.putObject("evidence");
      if (!ev.tests().isEmpty()) {
        ArrayNode tests = e.putArray("tests");
        ev.tests().forEach(t -> tests.addObject().put("name", t.name()).put("passed", t.passed())
            .put("failed", t.failed()).put("skipped", t.skipped()));
      }
      if (!ev.filesTouched().isEmpty()) {
        ev.filesTouched().forEach(e.putArray("files-touched")::add);
      }
      if (!ev.assumptions().isEmpty()) {
        ev.assumptions().forEach(e.putArray("assumptions")::add);
      }
      if (ev.confidence() != null) {
        e.put("confidence", ev.confidence());
      }
      if (ev.rollbackPlan() != null) {
        e.put("rollback-plan", ev.rollbackPlan());
      }
      if (!ev.validationLinks().isEmpty()) {
        ev.validationLinks().forEach(e.putArray("validation-links")::add);
      }
    }
    ActionSize size = a.size();
    if (!size.equals(ActionSize.unknown())) {
      o.putObject("size").put("files", size.files()).put("lines", size.lines())
          .put("directories", size.directories()).put("services", size.services());
    }
    return o;
  }

  private static void only(JsonNode node, Set<String> keys, String source, String path) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
      String k = it.next();
      if (!keys.contains(k)) {
        throw bad(source, path + "." + k, "unknown key; expected one of " + new java.util.TreeSet<>(keys));
      }
    }
  }

  private static String text(JsonNode node, String key, String source, boolean required) {
    return text(node, "$", key, source, required);
  }

  /** The string at {@code key} of the object at JSON path {@code path}. */
  private static String text(JsonNode node, String path, String key, String source, boolean required) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      if (required) {
        throw bad(source, path + "." + key, "is required");
      }
      return null;
    }
    if (!v.isTextual() || v.asText().isBlank()) {
      throw bad(source, path + "." + key, "must be a non-blank string");
    }
    return v.asText();
  }

  private static int count(JsonNode node, String key, String source, String path) {
    JsonNode v = node.get(key);
    if (v == null) {
      return 0;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 0) {
      throw bad(source, path + "." + key, "must be a whole number >= 0");
    }
    return v.asInt();
  }

  private static List<String> strings(JsonNode node, String key, String source) {
    JsonNode v = node.get(key);
    List<String> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    if (!v.isArray()) {
      throw bad(source, "$.evidence." + key, "must be a list of strings");
    }
    for (int i = 0; i < v.size(); i++) {
      if (!v.get(i).isTextual()) {
        throw bad(source, "$.evidence." + key + "[" + i + "]", "must be a string");
      }
      out.add(v.get(i).asText());
    }
    return out;
  }

  private static CliException bad(String source, String path, String message) {
    return new CliException(source + ": " + path + " " + message);
  }
}
