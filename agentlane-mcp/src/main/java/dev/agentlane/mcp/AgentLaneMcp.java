package dev.agentlane.mcp;

import dev.agentlane.PolicyEngine;
import io.modelcontextprotocol.client.McpSyncClient;

/**
 * The one-line forms of agentlane for the MCP Java SDK.
 *
 * <pre>{@code
 * // a server: every tool's calls decided first
 * McpServer.sync(transport).tools(AgentLaneMcp.guard(engine).tools(readFile, bash, deploy)).build();
 *
 * // a client: every callTool decided before it is sent
 * GuardedMcpClient tools = AgentLaneMcp.guard(client, engine);
 * }</pre>
 *
 * <p>Stateless; the guards it returns are thread-safe.
 */
public final class AgentLaneMcp {
  private AgentLaneMcp() {}

  /** A server guard with every default ({@link McpServerGuard#of(PolicyEngine)}). */
  public static McpServerGuard guard(PolicyEngine engine) {
    return McpServerGuard.of(engine);
  }

  /** {@code client}, its tool calls guarded with every default ({@link GuardedMcpClient#of}). */
  public static GuardedMcpClient guard(McpSyncClient client, PolicyEngine engine) {
    return GuardedMcpClient.of(client, engine);
  }
}
