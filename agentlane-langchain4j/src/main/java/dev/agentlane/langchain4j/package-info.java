/**
 * agentlane for LangChain4j: {@link dev.agentlane.langchain4j.AgentLaneTools} decides every tool call an
 * AI service makes (tools given as {@code @Tool} objects, specification-to-executor maps, tool providers,
 * and MCP tools) before it runs, and gives the model the reason when a call is refused.
 */
@NullMarked
package dev.agentlane.langchain4j;

import org.jspecify.annotations.NullMarked;
