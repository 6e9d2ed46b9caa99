package dev.agentlane.springai.autoconfigure;

import dev.agentlane.springai.SpringAiToolGuard;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code agentlane.*} properties of the Spring Boot auto-configuration.
 *
 * <p>Immutable.
 *
 * @param policy where the policy file is, as a Spring resource location ({@code classpath:agentlane/policy.yaml},
 *     {@code file:/etc/agentlane/policy.yaml}); {@code default} or unset for the shipped default policy
 * @param workspace the workspace root paths are judged against (an absolute path), or unset
 * @param agent the agent actions name unless the tool context names one
 * @param workflow the workflow actions name unless the tool context names one
 * @param guardTools whether {@code ToolCallback} and {@code ToolCallbackProvider} beans are wrapped
 */
@ConfigurationProperties("agentlane")
public record AgentLaneProperties(
    @Nullable String policy,
    @Nullable String workspace,
    @DefaultValue(SpringAiToolGuard.DEFAULT_AGENT) String agent,
    @DefaultValue(SpringAiToolGuard.DEFAULT_WORKFLOW) String workflow,
    @DefaultValue("true") boolean guardTools) {

  /**
   * Checks the identity.
   *
   * @throws IllegalArgumentException if agent or workflow is blank
   */
  public AgentLaneProperties {
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(workflow, "workflow");
    if (agent.isBlank()) {
      throw new IllegalArgumentException("agentlane.agent must not be blank but was \"" + agent + "\"");
    }
    if (workflow.isBlank()) {
      throw new IllegalArgumentException("agentlane.workflow must not be blank but was \"" + workflow + "\"");
    }
  }
}
