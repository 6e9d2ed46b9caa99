/**
 * Spring AI tools behind an agentlane policy engine: {@link dev.agentlane.springai.SpringAiToolGuard} wraps
 * {@code ToolCallback}s and {@code ToolCallbackProvider}s (including the MCP tools Spring AI's MCP client
 * exposes) so that every call is decided first, a refusal goes back to the model as the tool's result, and
 * what ran is reported to the engine.
 */
@NullMarked
package dev.agentlane.springai;

import org.jspecify.annotations.NullMarked;
