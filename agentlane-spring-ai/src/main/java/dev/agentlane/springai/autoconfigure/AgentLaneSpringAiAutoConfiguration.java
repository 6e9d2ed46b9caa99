package dev.agentlane.springai.autoconfigure;

import dev.agentlane.PolicyEngine;
import dev.agentlane.PolicyException;
import dev.agentlane.guard.Escalation;
import dev.agentlane.guard.ToolGuard;
import dev.agentlane.guard.ToolInterceptor;
import dev.agentlane.policy.Policy;
import dev.agentlane.policyfile.PolicyFiles;
import dev.agentlane.spi.ApprovalHandler;
import dev.agentlane.spi.AuditSink;
import dev.agentlane.spi.DecisionListener;
import dev.agentlane.springai.ActionMapper;
import dev.agentlane.springai.SpringAiToolGuard;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * Spring Boot auto-configuration for agentlane and Spring AI, active when Spring AI's {@code ToolCallback}
 * and agentlane's engine are on the class path:
 *
 * <ul>
 *   <li>a {@link PolicyEngine} bean, unless the application defines one (needs {@code agentlane-policy}):
 *       the policy from {@code agentlane.policy} (the shipped default policy if unset), the workspace
 *       from {@code agentlane.workspace}, and the application's {@link ApprovalHandler},
 *       {@link DecisionListener} and {@link AuditSink} beans, if any;
 *   <li>a {@link SpringAiToolGuard} bean over the engine, unless the application defines one: the
 *       application's {@link Escalation}, {@link ToolInterceptor} and {@link ActionMapper} beans if any,
 *       otherwise the default mapping with {@code agentlane.agent} and {@code agentlane.workflow};
 *   <li>while {@code agentlane.guard-tools} is true (the default), every {@code ToolCallback} and
 *       {@code ToolCallbackProvider} bean guarded ({@link ToolGuardingPostProcessor}).
 * </ul>
 *
 * <p>Stateless; Spring creates it once per context.
 */
@AutoConfiguration
@ConditionalOnClass(name = {"org.springframework.ai.tool.ToolCallback", "dev.agentlane.PolicyEngine"})
@EnableConfigurationProperties(AgentLaneProperties.class)
public class AgentLaneSpringAiAutoConfiguration {

  /** Creates the auto-configuration; Spring calls it. */
  public AgentLaneSpringAiAutoConfiguration() {}

  /** The guard over the engine. */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBean(PolicyEngine.class)
  SpringAiToolGuard agentLaneToolGuard(PolicyEngine engine, AgentLaneProperties properties,
      ObjectProvider<Escalation> escalation, ObjectProvider<ToolInterceptor> interceptors,
      ObjectProvider<ActionMapper> actions) {
    ToolGuard.Builder tools = ToolGuard.builder(engine);
    escalation.ifAvailable(tools::escalation);
    interceptors.orderedStream().forEach(tools::interceptor);
    SpringAiToolGuard.Builder guard = SpringAiToolGuard.builder(tools.build());
    ActionMapper mapper = actions.getIfAvailable();
    if (mapper != null) {
      guard.actions(mapper);
    } else {
      guard.agent(properties.agent()).workflow(properties.workflow());
    }
    return guard.build();
  }

  /** Wraps the tool beans; static, so that it is registered before the beans it processes. */
  @Bean
  @ConditionalOnProperty(prefix = "agentlane", name = "guard-tools", havingValue = "true", matchIfMissing = true)
  static ToolGuardingPostProcessor agentLaneToolGuardingPostProcessor(ObjectProvider<SpringAiToolGuard> guard) {
    return new ToolGuardingPostProcessor(guard);
  }

  /** The engine from a policy file, with agentlane-policy on the class path. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "dev.agentlane.policyfile.PolicyFiles")
  static class PolicyEngineConfiguration {

    @Bean
    @ConditionalOnMissingBean
    PolicyEngine agentLanePolicyEngine(AgentLaneProperties properties, ResourceLoader resources,
        ObjectProvider<ApprovalHandler> approvals, ObjectProvider<DecisionListener> listeners,
        ObjectProvider<AuditSink> audit) {
      PolicyEngine.Builder engine = PolicyEngine.builder().policy(policy(properties.policy(), resources));
      if (properties.workspace() != null && !properties.workspace().isBlank()) {
        engine.workspace(properties.workspace());
      }
      approvals.ifAvailable(engine::approvalHandler);
      listeners.orderedStream().forEach(engine::listener);
      audit.ifAvailable(engine::auditSink);
      return engine.build();
    }

    /**
     * The policy at {@code location}: a file is loaded as a file (so {@code extends} resolves next to it),
     * anything else (a resource inside a jar) is read and parsed.
     */
    static Policy policy(@Nullable String location, ResourceLoader resources) {
      if (location == null || location.isBlank() || location.strip().equals(PolicyFiles.DEFAULT)) {
        return PolicyFiles.defaultPolicy();
      }
      Resource resource = resources.getResource(location.strip());
      if (!resource.exists()) {
        throw new IllegalStateException("agentlane.policy is " + location + ", which does not exist");
      }
      try {
        if (resource.isFile()) {
          return PolicyFiles.load(resource.getFile().toPath());
        }
        try (InputStream in = resource.getInputStream()) {
          byte[] bytes = in.readNBytes(PolicyFiles.MAX_FILE_BYTES + 1);
          return PolicyFiles.parse(new String(bytes, StandardCharsets.UTF_8), resource.getDescription());
        }
      } catch (IOException e) {
        throw new IllegalStateException("agentlane.policy is " + location + ", which cannot be read: " + e, e);
      } catch (PolicyException e) {
        throw new IllegalStateException("agentlane.policy is " + location + ", which is not a valid policy:\n"
            + e.getMessage(), e);
      }
    }
  }
}
