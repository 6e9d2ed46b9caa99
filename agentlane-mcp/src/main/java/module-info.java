/**
 * agentlane for the Model Context Protocol Java SDK: guards MCP servers' tool handlers and MCP clients'
 * tool calls with an agentlane engine.
 */
module dev.agentlane.mcp {
  requires transitive dev.agentlane.api;
  requires transitive io.modelcontextprotocol.sdk.mcp.core;
  requires transitive reactor.core;
  requires static org.jspecify;

  exports dev.agentlane.mcp;
}
