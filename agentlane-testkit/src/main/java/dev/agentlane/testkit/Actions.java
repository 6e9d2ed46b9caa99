package dev.agentlane.testkit;

import dev.agentlane.Action;
import dev.agentlane.AgentKey;
import dev.agentlane.Evidence;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A small fluent way to write the actions of a test: who acts, then what it calls.
 *
 * <p>Immutable and thread-safe: every {@code with}-style method ({@link #runId}, {@link #evidence},
 * {@link #context}, {@link #workspace}) returns a new instance, so a base can be shared between tests. The
 * tool methods use the tool and argument names of the shipped default policy ({@code bash} with
 * {@code command}, {@code read_file} and {@code write_file} with {@code path}).
 *
 * <pre>{@code
 * Actions bot = Actions.agent("bot", "fixes");
 * Decision d = engine.decide(bot.bash("npm test"));
 * Decision w = engine.decide(bot.evidence(Evidence.builder().test("unit", 12, 0).build()).writeFile("src/a.ts"));
 * }</pre>
 */
public final class Actions {
  private final AgentKey key;
  private final @Nullable String runId;
  private final Evidence evidence;
  private final Map<String, String> context;
  private final @Nullable String workspace;

  private Actions(AgentKey key, @Nullable String runId, Evidence evidence, Map<String, String> context,
      @Nullable String workspace) {
    this.key = key;
    this.runId = runId;
    this.evidence = evidence;
    this.context = Map.copyOf(context);
    this.workspace = workspace;
  }

  /** Actions by {@code agent} in {@code workflow}, with no run id, evidence or context. */
  public static Actions agent(String agent, String workflow) {
    return of(AgentKey.of(agent, workflow));
  }

  /** Actions by the pair {@code key}. */
  public static Actions of(AgentKey key) {
    return new Actions(Objects.requireNonNull(key, "key"), null, Evidence.none(), Map.of(), null);
  }

  /** The agent/workflow pair these actions are by. */
  public AgentKey key() {
    return key;
  }

  /** The same, with a run id. */
  public Actions runId(String runId) {
    return new Actions(key, Objects.requireNonNull(runId, "runId"), evidence, context, workspace);
  }

  /** The same, with evidence attached to every action. */
  public Actions evidence(Evidence evidence) {
    return new Actions(key, runId, Objects.requireNonNull(evidence, "evidence"), context, workspace);
  }

  /** The same, with one more context entry (such as {@code ticket}). */
  public Actions context(String name, String value) {
    Map<String, String> c = new LinkedHashMap<>(context);
    c.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    return new Actions(key, runId, evidence, c, workspace);
  }

  /** The same, with the action's own workspace root (absolute). */
  public Actions workspace(String root) {
    return new Actions(key, runId, evidence, context, Objects.requireNonNull(root, "root"));
  }

  /** A {@code bash} call running {@code commandLine}. */
  public Action bash(String commandLine) {
    return call("bash", Map.of("command", Objects.requireNonNull(commandLine, "commandLine")));
  }

  /** A {@code read_file} call on {@code path}. */
  public Action readFile(String path) {
    return call("read_file", Map.of("path", Objects.requireNonNull(path, "path")));
  }

  /** A {@code write_file} call writing empty content to {@code path}. */
  public Action writeFile(String path) {
    return writeFile(path, "");
  }

  /** A {@code write_file} call writing {@code content} to {@code path}. */
  public Action writeFile(String path, String content) {
    return call("write_file", Map.of("path", Objects.requireNonNull(path, "path"),
        "content", Objects.requireNonNull(content, "content")));
  }

  /** A call to {@code tool} with structured arguments. */
  public Action call(String tool, Map<String, ?> arguments) {
    return base(tool).arguments(arguments).build();
  }

  /**
   * A call to {@code tool} with arguments given as JSON text, parsed strictly by the engine (so a
   * malformed document, such as one with duplicate keys, becomes a decision, not an exception here).
   */
  public Action json(String tool, String jsonArguments) {
    return base(tool).argumentsJson(jsonArguments).build();
  }

  /** A builder with the agent, workflow, run id, evidence, context and workspace filled in. */
  public Action.Builder builder(String tool) {
    return base(tool);
  }

  private Action.Builder base(String tool) {
    Action.Builder b = Action.builder().key(key).tool(Objects.requireNonNull(tool, "tool")).evidence(evidence)
        .runId(runId).workspace(workspace);
    context.forEach(b::context);
    return b;
  }

  @Override
  public String toString() {
    return "Actions{" + key + (runId == null ? "" : " run " + runId) + "}";
  }
}
