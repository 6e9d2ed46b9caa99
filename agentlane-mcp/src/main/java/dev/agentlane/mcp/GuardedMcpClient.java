package dev.agentlane.mcp;

import dev.agentlane.Decision;
import dev.agentlane.PolicyEngine;
import dev.agentlane.guard.ToolGuard;
import dev.agentlane.guard.ToolInterceptor;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * An MCP client whose tool calls are decided before they leave: a decorator of {@link McpSyncClient}'s
 * {@code callTool}, for agent runtimes that call MCP servers they do not control.
 *
 * <pre>{@code
 * GuardedMcpClient tools = AgentLaneMcp.guard(client, engine);
 * CallToolResult result = tools.callTool(new CallToolRequest("bash", Map.of("command", "npm test")));
 * }</pre>
 *
 * <p>A permitted call is sent and its result comes back with the decision in its {@code _meta} (as on a
 * guarded server); a refused call is never sent, and returns a {@code CallToolResult} with {@code isError:
 * true} and the refusal text, which the runtime hands to the model like any tool result. An error of the
 * call itself (the server is gone, the tool is unknown) is recorded as a failed execution and thrown as the
 * SDK throws it. On {@code ESCALATE} the guard asks the {@link McpEscalation} given to the builder (nobody
 * by default: elicitation runs from server to client, so a client has its own way to reach its user).
 *
 * <p>The action is mapped by an {@link McpActionMapper}: the agent is this client's own name, the run id is
 * {@link #sessionId()}, and the context carries the server's name and the tool's annotations. To know them,
 * the guard lists the server's tools once, on the first call (or whenever {@link #listTools()} is called
 * through it); a server's annotations are its own claims, so a policy should rely on them only for servers
 * it trusts.
 *
 * <p>Thread-safe if the underlying client is; share one instance per connection. Only {@code callTool} is
 * guarded: use {@link #delegate()} for everything else.
 */
public final class GuardedMcpClient implements AutoCloseable {
  private final McpSyncClient client;
  private final CallGuard guard;
  private final String sessionId;
  private final boolean learnTools;
  private volatile @Nullable Map<String, McpSchema.Tool> declared;

  private GuardedMcpClient(Builder b) {
    this.client = b.client;
    this.guard = new CallGuard(b.engine, b.actions, b.escalation, b.interceptors, b.refusalText);
    this.sessionId = b.sessionId != null ? b.sessionId : UUID.randomUUID().toString();
    this.learnTools = b.learnTools;
  }

  /** The client guarded with every default. */
  public static GuardedMcpClient of(McpSyncClient client, PolicyEngine engine) {
    return builder(client, engine).build();
  }

  /** A builder for {@code client} guarded by {@code engine}. */
  public static Builder builder(McpSyncClient client, PolicyEngine engine) {
    return new Builder(client, engine);
  }

  /**
   * Decides the call and sends it only if permitted.
   *
   * @return the server's result with the decision in its {@code _meta}, or, if refused, an {@code isError}
   *     result whose text says why and what would make it allowed
   * @throws RuntimeException what the SDK throws for a permitted call that fails
   */
  public McpSchema.CallToolResult callTool(McpSchema.CallToolRequest request) {
    Objects.requireNonNull(request, "request");
    McpToolCall call;
    try {
      call = McpToolCall.client(request, declaration(request.name()), sessionId, client.getClientInfo(),
          client.getClientCapabilities(), client.getServerInfo());
    } catch (RuntimeException e) {
      return CallGuard.error("agentlane refused this tool call: the connection could not be read (" + e + ").", null);
    }
    return guard.call(call, () -> client.callTool(request));
  }

  /** The server's tools (every page), remembered so that later calls carry their annotations. */
  public McpSchema.ListToolsResult listTools() {
    McpSchema.ListToolsResult result = client.listTools();
    Map<String, McpSchema.Tool> byName = new LinkedHashMap<>();
    if (result != null && result.tools() != null) {
      result.tools().stream().filter(t -> t != null && t.name() != null).forEach(t -> byName.put(t.name(), t));
    }
    declared = Map.copyOf(byName);
    return result;
  }

  /**
   * The id this guarded client gives the actions it maps as their session (and so, by default, their run
   * id): drawn once per guarded client unless the builder was given one.
   */
  public String sessionId() {
    return sessionId;
  }

  /** The client underneath, for everything but {@code callTool}. Calls made on it directly are not guarded. */
  public McpSyncClient delegate() {
    return client;
  }

  /** The engine that decides. */
  public PolicyEngine engine() {
    return guard.engine();
  }

  /** Closes the underlying client. */
  @Override
  public void close() {
    client.close();
  }

  private McpSchema.@Nullable Tool declaration(String name) {
    Map<String, McpSchema.Tool> known = declared;
    if (known == null && learnTools) {
      try {
        listTools();
      } catch (RuntimeException e) {
        declared = Map.of(); // the server does not list its tools: decide without their annotations
      }
      known = declared;
    }
    return known == null ? null : known.get(name);
  }

  /** Configures a {@link GuardedMcpClient}. Not thread-safe; {@link #build()} leaves it reusable. */
  public static final class Builder {
    private final McpSyncClient client;
    private final PolicyEngine engine;
    private McpActionMapper actions = McpActionMapper.defaults();
    private McpEscalation escalation = McpEscalation.none();
    private final List<ToolInterceptor> interceptors = new ArrayList<>();
    private Function<Decision, String> refusalText = ToolGuard::refusalText;
    private @Nullable String sessionId;
    private boolean learnTools = true;

    private Builder(McpSyncClient client, PolicyEngine engine) {
      this.client = Objects.requireNonNull(client, "client");
      this.engine = Objects.requireNonNull(engine, "engine");
    }

    /** How a call becomes an action ({@link McpActionMapper#defaults()} by default). */
    public Builder actions(McpActionMapper actions) {
      this.actions = Objects.requireNonNull(actions, "actions");
      return this;
    }

    /** Who is asked on {@code ESCALATE} ({@link McpEscalation#none()} by default: the call is refused). */
    public Builder escalation(McpEscalation escalation) {
      this.escalation = Objects.requireNonNull(escalation, "escalation");
      return this;
    }

    /** Adds an interceptor around each permitted call (see {@link ToolInterceptor}); they run in order. */
    public Builder interceptor(ToolInterceptor interceptor) {
      interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
      return this;
    }

    /** The text a model gets for a refused call ({@link ToolGuard#refusalText(Decision)} by default). */
    public Builder refusalText(Function<Decision, String> refusalText) {
      this.refusalText = Objects.requireNonNull(refusalText, "refusalText");
      return this;
    }

    /**
     * The session id the actions carry (a random UUID by default), for runtimes that already have a run
     * or conversation id for this connection.
     *
     * @throws IllegalArgumentException if {@code sessionId} is blank
     */
    public Builder sessionId(String sessionId) {
      Objects.requireNonNull(sessionId, "sessionId");
      if (sessionId.isBlank()) {
        throw new IllegalArgumentException("sessionId must not be blank but was '" + sessionId + "'");
      }
      this.sessionId = sessionId;
      return this;
    }

    /**
     * Whether the first call lists the server's tools to learn their annotations (true by default). Off, a
     * call carries annotations only after {@link GuardedMcpClient#listTools()} was called through the guard.
     */
    public Builder learnTools(boolean learnTools) {
      this.learnTools = learnTools;
      return this;
    }

    /** The guarded client. */
    public GuardedMcpClient build() {
      return new GuardedMcpClient(this);
    }
  }
}
