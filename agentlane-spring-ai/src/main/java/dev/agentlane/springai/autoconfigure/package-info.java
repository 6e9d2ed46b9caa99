/**
 * The Spring Boot auto-configuration: a policy engine from {@code agentlane.policy} unless the application
 * defines one, a {@link dev.agentlane.springai.SpringAiToolGuard}, and every {@code ToolCallback} and
 * {@code ToolCallbackProvider} bean wrapped by it while {@code agentlane.guard-tools} is true.
 */
@NullMarked
package dev.agentlane.springai.autoconfigure;

import org.jspecify.annotations.NullMarked;
