package dev.agentlane.mcp;

import dev.agentlane.Action;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Maps an {@link McpToolCall} onto the {@link Action} the engine decides. By default:
 *
 * <table>
 *   <caption>The default mapping</caption>
 *   <tr><th>Action</th><th>from</th></tr>
 *   <tr><td>agent</td><td>the client's declared name ({@code clientInfo.name}), or {@value #UNKNOWN_CLIENT}</td></tr>
 *   <tr><td>workflow</td><td>{@value #DEFAULT_WORKFLOW}</td></tr>
 *   <tr><td>runId</td><td>the session id ({@link McpToolCall#sessionId()})</td></tr>
 *   <tr><td>tool</td><td>the MCP tool name</td></tr>
 *   <tr><td>argumentsJson</td><td>the call's arguments object, written by the SDK's JSON mapper ({@code {}} if none)</td></tr>
 *   <tr><td>context</td><td>{@value #SIDE}, {@value #SESSION}, {@value #CLIENT_NAME}, {@value #CLIENT_VERSION},
 *       {@value #SERVER_NAME}, {@value #SERVER_VERSION}, {@value #TOOL}, {@value #EFFECT} and each declared hint
 *       ({@value #READ_ONLY_HINT}, {@value #DESTRUCTIVE_HINT}, {@value #IDEMPOTENT_HINT},
 *       {@value #OPEN_WORLD_HINT}), each only when known</td></tr>
 * </table>
 *
 * <p>The client's name is self-declared; where clients authenticate, map the agent from what the
 * transport context carries instead ({@link Builder#agent(Function)}). The arguments are judged exactly as the
 * tool handler receives them, as one JSON document: the engine reads paths, commands and URLs by JSON
 * pointer and checks every string in it, however deeply nested, against the sensitive paths.
 *
 * <p>Immutable and thread-safe, if the functions given to the builder are.
 */
public final class McpActionMapper {
  /** Context key: {@code server} or {@code client}, the side that guarded the call. */
  public static final String SIDE = "mcp.side";
  /** Context key: the MCP session id. */
  public static final String SESSION = "mcp.session";
  /** Context key: the client's declared name. */
  public static final String CLIENT_NAME = "mcp.client.name";
  /** Context key: the client's declared version. */
  public static final String CLIENT_VERSION = "mcp.client.version";
  /** Context key: the server's declared name (client side). */
  public static final String SERVER_NAME = "mcp.server.name";
  /** Context key: the server's declared version (client side). */
  public static final String SERVER_VERSION = "mcp.server.version";
  /** Context key: the MCP tool name (the action's tool may be mapped to another name). */
  public static final String TOOL = "mcp.tool";
  /** Context key: the tool's declared effect, a {@link McpToolEffect#code()}. */
  public static final String EFFECT = "mcp.tool.effect";
  /** Context key: the tool's {@code readOnlyHint}, {@code true} or {@code false}, when declared. */
  public static final String READ_ONLY_HINT = "mcp.hint.readOnly";
  /** Context key: the tool's {@code destructiveHint}, when declared. */
  public static final String DESTRUCTIVE_HINT = "mcp.hint.destructive";
  /** Context key: the tool's {@code idempotentHint}, when declared. */
  public static final String IDEMPOTENT_HINT = "mcp.hint.idempotent";
  /** Context key: the tool's {@code openWorldHint}, when declared. */
  public static final String OPEN_WORLD_HINT = "mcp.hint.openWorld";
  /** The workflow of every call unless configured otherwise. */
  public static final String DEFAULT_WORKFLOW = "mcp";
  /** The agent of a call whose client declared no name. */
  public static final String UNKNOWN_CLIENT = "mcp-client";

  private static final McpActionMapper DEFAULTS = builder().build();

  private final Function<McpToolCall, String> agent;
  private final Function<McpToolCall, String> workflow;
  private final Function<McpToolCall, @Nullable String> runId;
  private final Function<McpToolCall, String> tool;
  private final BiConsumer<McpToolCall, Action.Builder> customizer;
  private final @Nullable McpJsonMapper jsonMapper;

  private McpActionMapper(Builder b) {
    this.agent = b.agent;
    this.workflow = b.workflow;
    this.runId = b.runId;
    this.tool = b.tool;
    this.customizer = b.customizer;
    this.jsonMapper = b.jsonMapper;
  }

  /** The default mapping (see the class description). */
  public static McpActionMapper defaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The action for {@code call}.
   *
   * @throws RuntimeException whatever a configured function throws, or if the arguments cannot be written
   *     as JSON; a guard then refuses the call without running it
   */
  public Action toAction(McpToolCall call) {
    Objects.requireNonNull(call, "call");
    Action.Builder b = Action.builder()
        .agent(Objects.requireNonNull(agent.apply(call), "the agent function returned null"))
        .workflow(Objects.requireNonNull(workflow.apply(call), "the workflow function returned null"))
        .runId(runId.apply(call))
        .tool(Objects.requireNonNull(tool.apply(call), "the tool function returned null"))
        .argumentsJson(argumentsJson(call));
    b.context(SIDE, call.side().code());
    b.context(TOOL, call.name());
    b.context(EFFECT, call.effect().code());
    putIfKnown(b, SESSION, call.sessionId());
    McpSchema.Implementation client = call.clientInfo();
    if (client != null) {
      putIfKnown(b, CLIENT_NAME, client.name());
      putIfKnown(b, CLIENT_VERSION, client.version());
    }
    McpSchema.Implementation server = call.serverInfo();
    if (server != null) {
      putIfKnown(b, SERVER_NAME, server.name());
      putIfKnown(b, SERVER_VERSION, server.version());
    }
    McpSchema.ToolAnnotations hints = call.annotations();
    if (hints != null) {
      putIfKnown(b, READ_ONLY_HINT, hints.readOnlyHint());
      putIfKnown(b, DESTRUCTIVE_HINT, hints.destructiveHint());
      putIfKnown(b, IDEMPOTENT_HINT, hints.idempotentHint());
      putIfKnown(b, OPEN_WORLD_HINT, hints.openWorldHint());
    }
    customizer.accept(call, b);
    return b.build();
  }

  private String argumentsJson(McpToolCall call) {
    if (call.request().arguments() == null) {
      return "{}";
    }
    McpJsonMapper mapper = jsonMapper != null ? jsonMapper : McpJsonDefaults.getMapper();
    try {
      return mapper.writeValueAsString(call.request().arguments());
    } catch (IOException e) {
      throw new UncheckedIOException("the arguments of tool '" + call.name() + "' cannot be written as JSON", e);
    }
  }

  private static void putIfKnown(Action.Builder b, String key, @Nullable Object value) {
    if (value != null) {
      b.context(key, value.toString());
    }
  }

  /** Configures an {@link McpActionMapper}. Not thread-safe; {@link #build()} leaves it reusable. */
  public static final class Builder {
    private Function<McpToolCall, String> agent = McpToolCall::clientName;
    private Function<McpToolCall, String> workflow = call -> DEFAULT_WORKFLOW;
    private Function<McpToolCall, @Nullable String> runId = McpToolCall::sessionId;
    private Function<McpToolCall, String> tool = McpToolCall::name;
    private BiConsumer<McpToolCall, Action.Builder> customizer = (call, action) -> { };
    private @Nullable McpJsonMapper jsonMapper;

    private Builder() {}

    /** The agent of each call (the client's declared name by default). */
    public Builder agent(Function<McpToolCall, String> agent) {
      this.agent = Objects.requireNonNull(agent, "agent");
      return this;
    }

    /**
     * One agent for every call.
     *
     * @throws IllegalArgumentException if {@code agent} is blank
     */
    public Builder agent(String agent) {
      String a = nonBlank("agent", agent);
      return agent(call -> a);
    }

    /** The workflow of each call ({@value #DEFAULT_WORKFLOW} by default). */
    public Builder workflow(Function<McpToolCall, String> workflow) {
      this.workflow = Objects.requireNonNull(workflow, "workflow");
      return this;
    }

    /**
     * One workflow for every call.
     *
     * @throws IllegalArgumentException if {@code workflow} is blank
     */
    public Builder workflow(String workflow) {
      String w = nonBlank("workflow", workflow);
      return workflow(call -> w);
    }

    /** The run id of each call, or null for none (the session id by default). */
    public Builder runId(Function<McpToolCall, @Nullable String> runId) {
      this.runId = Objects.requireNonNull(runId, "runId");
      return this;
    }

    /**
     * The tool name the policy knows the call by (the MCP tool name by default), for servers whose tool
     * names differ from the policy's: {@code call -> call.name().replaceFirst("^fs_", "")}.
     */
    public Builder tool(Function<McpToolCall, String> tool) {
      this.tool = Objects.requireNonNull(tool, "tool");
      return this;
    }

    /**
     * Changes the action after the mapping above, for what only the application knows: the workspace of
     * this session, evidence, declared resources, more context. Runs on every call; must be thread-safe.
     */
    public Builder customize(BiConsumer<McpToolCall, Action.Builder> customizer) {
      this.customizer = Objects.requireNonNull(customizer, "customizer");
      return this;
    }

    /** The mapper that writes the arguments as JSON (the SDK's default mapper, {@code McpJsonDefaults.getMapper()}, by default). */
    public Builder jsonMapper(McpJsonMapper jsonMapper) {
      this.jsonMapper = Objects.requireNonNull(jsonMapper, "jsonMapper");
      return this;
    }

    /** The mapper. */
    public McpActionMapper build() {
      return new McpActionMapper(this);
    }

    private static String nonBlank(String what, String value) {
      Objects.requireNonNull(value, what);
      if (value.isBlank()) {
        throw new IllegalArgumentException(what + " must not be blank but was '" + value + "'");
      }
      return value;
    }
  }
}
