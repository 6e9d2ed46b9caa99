/**
 * agentlane for the MCP Java SDK. On a server, {@link dev.agentlane.mcp.McpServerGuard} wraps tool
 * specifications so every {@code tools/call} is decided first ({@code AgentLaneMcp.guard(engine).tools(specs)});
 * on a client, {@link dev.agentlane.mcp.GuardedMcpClient} decides every {@code callTool} before it leaves.
 * A refused call is an ordinary tool result with {@code isError: true} and the reason as its text, never a
 * protocol error. {@link dev.agentlane.mcp.McpActionMapper} maps the session, the client, the tool and its
 * arguments onto the {@link dev.agentlane.Action}; {@link dev.agentlane.mcp.McpToolHints} turns the tools'
 * annotations into capabilities and stop conditions.
 */
@NullMarked
package dev.agentlane.mcp;

import org.jspecify.annotations.NullMarked;
