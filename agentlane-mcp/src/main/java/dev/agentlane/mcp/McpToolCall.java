package dev.agentlane.mcp;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * One MCP {@code tools/call}, as a guard sees it before deciding: the request, the tool's declaration,
 * and who is calling over which session. An {@link McpActionMapper} turns it into an
 * {@link dev.agentlane.Action}.
 *
 * <p>Immutable (the request's argument map is the SDK's; do not change it). What is known depends on the
 * side: a server knows the session, the client's self-declared name and capabilities and the transport
 * context; a client knows its own name and the server's, and the tool's declaration if the server listed it.
 */
public final class McpToolCall {
  /** Which end of the connection guards the call. */
  public enum Side {
    /** An MCP server, before its tool handler runs. */
    SERVER,
    /** An MCP client, before the request is sent. */
    CLIENT;

    /** {@code server} or {@code client}. */
    public String code() {
      return this == SERVER ? "server" : "client";
    }
  }

  /** Sends an elicitation to the connected client, on the server side. */
  interface Elicitor {
    /** The client's answer. */
    McpSchema.ElicitResult elicit(McpSchema.ElicitFormRequest request, Duration timeout);
  }

  private final Side side;
  private final McpSchema.CallToolRequest request;
  private final McpSchema.@Nullable Tool tool;
  private final @Nullable String sessionId;
  private final McpSchema.@Nullable Implementation clientInfo;
  private final McpSchema.@Nullable ClientCapabilities clientCapabilities;
  private final McpSchema.@Nullable Implementation serverInfo;
  private final McpTransportContext transportContext;
  private final @Nullable Elicitor elicitor;

  private McpToolCall(Side side, McpSchema.CallToolRequest request, McpSchema.@Nullable Tool tool,
      @Nullable String sessionId, McpSchema.@Nullable Implementation clientInfo,
      McpSchema.@Nullable ClientCapabilities clientCapabilities, McpSchema.@Nullable Implementation serverInfo,
      @Nullable McpTransportContext transportContext, @Nullable Elicitor elicitor) {
    this.side = side;
    this.request = Objects.requireNonNull(request, "request");
    this.tool = tool;
    this.sessionId = sessionId;
    this.clientInfo = clientInfo;
    this.clientCapabilities = clientCapabilities;
    this.serverInfo = serverInfo;
    this.transportContext = transportContext == null ? McpTransportContext.EMPTY : transportContext;
    this.elicitor = elicitor;
  }

  static McpToolCall server(McpSchema.Tool tool, McpSchema.CallToolRequest request, McpSyncServerExchange exchange) {
    Elicitor elicitor = (req, timeout) -> await(Mono.fromCallable(() -> exchange.createElicitation(req))
        .subscribeOn(Schedulers.boundedElastic()), timeout);
    return new McpToolCall(Side.SERVER, request, tool, exchange.sessionId(), exchange.getClientInfo(),
        exchange.getClientCapabilities(), null, exchange.transportContext(), elicitor);
  }

  static McpToolCall server(McpSchema.Tool tool, McpSchema.CallToolRequest request, McpAsyncServerExchange exchange) {
    Elicitor elicitor = (req, timeout) -> await(exchange.createElicitation(req), timeout);
    return new McpToolCall(Side.SERVER, request, tool, exchange.sessionId(), exchange.getClientInfo(),
        exchange.getClientCapabilities(), null, exchange.transportContext(), elicitor);
  }

  /**
   * The answer, waiting at most {@code timeout}. On a timeout the request is left to the session (which
   * ends it at its own request timeout) rather than cancelled, so a blocked exchange is not interrupted.
   */
  private static McpSchema.ElicitResult await(Mono<McpSchema.ElicitResult> answer, Duration timeout) {
    CompletableFuture<McpSchema.ElicitResult> future = answer.toFuture();
    try {
      return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new ElicitationEscalation.TimedOut();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof RuntimeException re ? re : new IllegalStateException(String.valueOf(cause), cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for an approval", e);
    }
  }

  static McpToolCall client(McpSchema.CallToolRequest request, McpSchema.@Nullable Tool tool, String sessionId,
      McpSchema.@Nullable Implementation clientInfo, McpSchema.@Nullable ClientCapabilities clientCapabilities,
      McpSchema.@Nullable Implementation serverInfo) {
    return new McpToolCall(Side.CLIENT, request, tool, sessionId, clientInfo, clientCapabilities, serverInfo, null, null);
  }

  /** Which end guards the call. */
  public Side side() {
    return side;
  }

  /** The request as the SDK received (server) or is about to send (client) it. */
  public McpSchema.CallToolRequest request() {
    return request;
  }

  /** The tool's name, as the request names it. */
  public String name() {
    return request.name();
  }

  /** The arguments, empty if the request has none. */
  public Map<String, Object> arguments() {
    return request.arguments() == null ? Map.of() : request.arguments();
  }

  /** The tool's declaration (description, schema, annotations), or null if it is not known. */
  public McpSchema.@Nullable Tool tool() {
    return tool;
  }

  /** The tool's annotations, or null if it declares none or its declaration is not known. */
  public McpSchema.@Nullable ToolAnnotations annotations() {
    return tool == null ? null : tool.annotations();
  }

  /** What the tool declares it does, from its annotations. */
  public McpToolEffect effect() {
    return McpToolEffect.of(annotations());
  }

  /**
   * The session: on the server side the MCP session id (null for transports without one); on the client
   * side an id the {@link GuardedMcpClient} draws once, since the SDK's client does not expose the
   * transport's session id.
   */
  public @Nullable String sessionId() {
    return sessionId;
  }

  /**
   * The client's implementation info (name, version) as the client declared it in {@code initialize}, or
   * null if it gave none. Self-declared: any client can claim any name.
   */
  public McpSchema.@Nullable Implementation clientInfo() {
    return clientInfo;
  }

  /** The client's declared name, or {@value McpActionMapper#UNKNOWN_CLIENT} if it declared none. */
  public String clientName() {
    return clientInfo == null || clientInfo.name() == null || clientInfo.name().isBlank()
        ? McpActionMapper.UNKNOWN_CLIENT : clientInfo.name();
  }

  /** The client's declared capabilities, or null if unknown. */
  public McpSchema.@Nullable ClientCapabilities clientCapabilities() {
    return clientCapabilities;
  }

  /** The server's implementation info, on the client side once it is initialized; otherwise null. */
  public McpSchema.@Nullable Implementation serverInfo() {
    return serverInfo;
  }

  /**
   * What the server's transport put on the call (for HTTP transports, what a
   * {@code McpTransportContextExtractor} took from the request, such as an authenticated principal); empty
   * on the client side.
   */
  public McpTransportContext transportContext() {
    return transportContext;
  }

  /** Whether the connected client declared the elicitation capability (false on the client side). */
  public boolean clientCanElicit() {
    return elicitor != null && clientCapabilities != null && clientCapabilities.elicitation() != null;
  }

  @Nullable Elicitor elicitor() {
    return elicitor;
  }

  @Override
  public String toString() {
    return "McpToolCall{" + side.code() + " tool " + name()
        + (sessionId == null ? "" : " session " + sessionId)
        + (clientInfo == null ? "" : " client " + clientInfo.name()) + "}";
  }
}
