package dev.agentlane.mcp;

import dev.agentlane.Decision;
import dev.agentlane.PolicyEngine;
import dev.agentlane.guard.ToolGuard;
import dev.agentlane.guard.ToolInterceptor;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.server.McpServerFeatures.AsyncToolSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Guards the tools of an MCP server: wraps each tool specification's {@code callHandler} so that every
 * {@code tools/call} is decided by the engine before the handler runs.
 *
 * <pre>{@code
 * McpSyncServer server = McpServer.sync(transport)
 *     .tools(AgentLaneMcp.guard(engine).tools(readFile, bash, deploy))
 *     .build();
 * }</pre>
 *
 * <p>Wrapping the specifications before they are added is the one-line form because the SDK offers no
 * hook on a built server: {@code McpSyncServer} and {@code McpAsyncServer} can add and remove tools, but
 * never intercept their calls or hand back their handlers. Tools added later go through the guard too:
 * {@code server.addTool(guard.tool(spec))}.
 *
 * <p>For each call the guard maps the call onto an {@link dev.agentlane.Action} ({@link McpActionMapper}),
 * decides it through a {@link ToolGuard} (which runs the handler only if permitted and reports what ran),
 * and, on {@code ESCALATE}, asks the connected client's user through MCP elicitation (by default; see
 * {@link McpEscalation}). A refused call returns an ordinary {@code CallToolResult} with {@code isError:
 * true} and the refusal text (what was refused, why, what would make it allowed) as its content, so the
 * model reads the reason instead of the client's call failing. Every result carries the decision in its
 * {@code _meta}: {@code dev.agentlane/decision} (id), {@code dev.agentlane/verdict}, {@code dev.agentlane/lane}
 * and, for an approved escalation, {@code dev.agentlane/approver}. A handler that throws is recorded as a
 * failed execution and the exception propagates as it would without the guard. Anything that goes wrong
 * before the handler runs (a mapping function that throws, arguments that cannot be written as JSON)
 * refuses the call.
 *
 * <p>Asynchronous handlers are run on Reactor's bounded-elastic scheduler and awaited there, so the
 * decision (which may wait for a human) and the recorded duration cover the whole call.
 *
 * <p>Immutable and thread-safe; one guard serves every tool and session of a server.
 */
public final class McpServerGuard {
  /** How long the default elicitation waits for a human: 2 minutes. */
  public static final Duration DEFAULT_ELICITATION_TIMEOUT = Duration.ofMinutes(2);

  private final CallGuard guard;

  private McpServerGuard(Builder b) {
    this.guard = new CallGuard(b.engine, b.actions, b.escalation, b.interceptors, b.refusalText);
  }

  /** A guard with every default: the default action mapping and elicitation on {@code ESCALATE}. */
  public static McpServerGuard of(PolicyEngine engine) {
    return builder(engine).build();
  }

  /** A builder for a guard over {@code engine}. */
  public static Builder builder(PolicyEngine engine) {
    return new Builder(engine);
  }

  /** The engine that decides. */
  public PolicyEngine engine() {
    return guard.engine();
  }

  /**
   * The same tool, its calls decided first.
   *
   * @throws IllegalArgumentException if {@code spec} is already guarded (each call would be decided twice)
   */
  public SyncToolSpecification tool(SyncToolSpecification spec) {
    Objects.requireNonNull(spec, "spec");
    if (spec.callHandler() instanceof GuardedSyncHandler) {
      throw alreadyGuarded(spec.tool());
    }
    return new SyncToolSpecification(spec.tool(), new GuardedSyncHandler(guard, spec.tool(), spec.callHandler()));
  }

  /**
   * The same asynchronous tool, its calls decided first.
   *
   * @throws IllegalArgumentException if {@code spec} is already guarded
   */
  public AsyncToolSpecification tool(AsyncToolSpecification spec) {
    Objects.requireNonNull(spec, "spec");
    if (spec.callHandler() instanceof GuardedAsyncHandler) {
      throw alreadyGuarded(spec.tool());
    }
    return new AsyncToolSpecification(spec.tool(), new GuardedAsyncHandler(guard, spec.tool(), spec.callHandler()));
  }

  /** Each tool guarded, in order ({@link #tool(SyncToolSpecification)}). */
  public List<SyncToolSpecification> tools(List<SyncToolSpecification> specs) {
    Objects.requireNonNull(specs, "specs");
    List<SyncToolSpecification> out = new ArrayList<>(specs.size());
    specs.forEach(s -> out.add(tool(s)));
    return List.copyOf(out);
  }

  /** Each tool guarded, in order ({@link #tool(SyncToolSpecification)}). */
  public List<SyncToolSpecification> tools(SyncToolSpecification... specs) {
    return tools(Arrays.asList(specs));
  }

  /** Each asynchronous tool guarded, in order ({@link #tool(AsyncToolSpecification)}). */
  public List<AsyncToolSpecification> asyncTools(List<AsyncToolSpecification> specs) {
    Objects.requireNonNull(specs, "specs");
    List<AsyncToolSpecification> out = new ArrayList<>(specs.size());
    specs.forEach(s -> out.add(tool(s)));
    return List.copyOf(out);
  }

  /** Each asynchronous tool guarded, in order ({@link #tool(AsyncToolSpecification)}). */
  public List<AsyncToolSpecification> tools(AsyncToolSpecification... specs) {
    return asyncTools(Arrays.asList(specs));
  }

  private static IllegalArgumentException alreadyGuarded(McpSchema.Tool tool) {
    return new IllegalArgumentException("tool '" + tool.name() + "' is already guarded by agentlane; wrap each "
        + "specification once, or each call is decided twice");
  }

  private static final class GuardedSyncHandler
      implements BiFunction<McpSyncServerExchange, McpSchema.CallToolRequest, McpSchema.CallToolResult> {
    private final CallGuard guard;
    private final McpSchema.Tool tool;
    private final BiFunction<McpSyncServerExchange, McpSchema.CallToolRequest, McpSchema.CallToolResult> handler;

    GuardedSyncHandler(CallGuard guard, McpSchema.Tool tool,
        BiFunction<McpSyncServerExchange, McpSchema.CallToolRequest, McpSchema.CallToolResult> handler) {
      this.guard = guard;
      this.tool = tool;
      this.handler = Objects.requireNonNull(handler, "the specification's callHandler");
    }

    @Override
    public McpSchema.CallToolResult apply(McpSyncServerExchange exchange, McpSchema.CallToolRequest request) {
      McpToolCall call;
      try {
        call = McpToolCall.server(tool, request, exchange);
      } catch (RuntimeException e) {
        return CallGuard.error("agentlane refused this tool call: its session could not be read (" + e + ").", null);
      }
      return guard.call(call, () -> handler.apply(exchange, request));
    }
  }

  private static final class GuardedAsyncHandler
      implements BiFunction<McpAsyncServerExchange, McpSchema.CallToolRequest, Mono<McpSchema.CallToolResult>> {
    private final CallGuard guard;
    private final McpSchema.Tool tool;
    private final BiFunction<McpAsyncServerExchange, McpSchema.CallToolRequest, Mono<McpSchema.CallToolResult>> handler;

    GuardedAsyncHandler(CallGuard guard, McpSchema.Tool tool,
        BiFunction<McpAsyncServerExchange, McpSchema.CallToolRequest, Mono<McpSchema.CallToolResult>> handler) {
      this.guard = guard;
      this.tool = tool;
      this.handler = Objects.requireNonNull(handler, "the specification's callHandler");
    }

    @Override
    public Mono<McpSchema.CallToolResult> apply(McpAsyncServerExchange exchange, McpSchema.CallToolRequest request) {
      return Mono.fromCallable(() -> {
        McpToolCall call;
        try {
          call = McpToolCall.server(tool, request, exchange);
        } catch (RuntimeException e) {
          return CallGuard.error("agentlane refused this tool call: its session could not be read (" + e + ").", null);
        }
        return guard.call(call, () -> {
          Mono<McpSchema.CallToolResult> result = handler.apply(exchange, request);
          return result == null ? null : result.block();
        });
      }).subscribeOn(Schedulers.boundedElastic());
    }
  }

  /** Configures an {@link McpServerGuard}. Not thread-safe; {@link #build()} leaves it reusable. */
  public static final class Builder {
    private final PolicyEngine engine;
    private McpActionMapper actions = McpActionMapper.defaults();
    private McpEscalation escalation = McpEscalation.elicitation(DEFAULT_ELICITATION_TIMEOUT);
    private final List<ToolInterceptor> interceptors = new ArrayList<>();
    private Function<Decision, String> refusalText = ToolGuard::refusalText;

    private Builder(PolicyEngine engine) {
      this.engine = Objects.requireNonNull(engine, "engine");
    }

    /** How a call becomes an action ({@link McpActionMapper#defaults()} by default). */
    public Builder actions(McpActionMapper actions) {
      this.actions = Objects.requireNonNull(actions, "actions");
      return this;
    }

    /**
     * Who is asked on {@code ESCALATE} (by default the client's user, through elicitation, for up to
     * {@link #DEFAULT_ELICITATION_TIMEOUT}; give the server a {@code requestTimeout} at least as long).
     */
    public Builder escalation(McpEscalation escalation) {
      this.escalation = Objects.requireNonNull(escalation, "escalation");
      return this;
    }

    /** Adds an interceptor around each permitted handler (see {@link ToolInterceptor}); they run in order. */
    public Builder interceptor(ToolInterceptor interceptor) {
      interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
      return this;
    }

    /** The text a model gets for a refused call ({@link ToolGuard#refusalText(Decision)} by default). */
    public Builder refusalText(Function<Decision, String> refusalText) {
      this.refusalText = Objects.requireNonNull(refusalText, "refusalText");
      return this;
    }

    /** The guard. */
    public McpServerGuard build() {
      return new McpServerGuard(this);
    }
  }
}
