package dev.agentlane.springai.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentlane.AgentKey;
import dev.agentlane.Lane;
import dev.agentlane.PolicyEngine;
import dev.agentlane.policyfile.PolicyFiles;
import dev.agentlane.spi.Approval;
import dev.agentlane.spi.ApprovalHandler;
import dev.agentlane.springai.ActionMapper;
import dev.agentlane.springai.GuardedTool;
import dev.agentlane.springai.GuardedToolCallbackProvider;
import dev.agentlane.springai.RepoTools;
import dev.agentlane.springai.SpringAiToolGuard;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.ai.mcp.SyncMcpToolCallbackProvider;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.ToolCallbackProvider;
import org.springframework.ai.tool.function.FunctionToolCallback;
import org.springframework.ai.tool.method.MethodToolCallbackProvider;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class AgentLaneSpringAiAutoConfigurationTest {
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(AgentLaneSpringAiAutoConfiguration.class))
      .withPropertyValues("agentlane.workspace=/workspace");

  @Configuration(proxyBeanMethods = false)
  static class Tools {
    static final AtomicInteger WEATHER_RUNS = new AtomicInteger();

    @Bean
    RepoTools repoTools() {
      return new RepoTools();
    }

    // docs:spring-ai-boot-tools:begin
    @Bean
    ToolCallbackProvider repoToolCallbacks(RepoTools repo) {
      return MethodToolCallbackProvider.builder().toolObjects(repo).build(); // guarded once it is a bean
    }
    // docs:spring-ai-boot-tools:end

    @Bean
    FunctionToolCallback<Map<String, Object>, String> weather() {
      return FunctionToolCallback.builder("weather", (Function<Map<String, Object>, String>) args -> {
        WEATHER_RUNS.incrementAndGet();
        return "sunny in " + args.get("city");
      }).description("The weather in a city").inputType(Map.class).build();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnEngine {
    @Bean(destroyMethod = "close")
    PolicyEngine myEngine() {
      return PolicyEngine.builder().policy(PolicyFiles.defaultPolicy()).shadowMode(true).build();
    }
  }

  private static ToolCallback named(ToolCallbackProvider provider, String name) {
    return Arrays.stream(provider.getToolCallbacks()).filter(t -> t.getToolDefinition().name().equals(name))
        .findFirst().orElseThrow();
  }

  @Test
  void thePolicyPropertyBuildsTheEngineAndEveryToolBeanIsGuarded() {
    runner.withUserConfiguration(Tools.class)
        .withPropertyValues("agentlane.policy=classpath:agentlane/test-policy.yaml", "agentlane.workspace=/srv/repo")
        .run(context -> {
          assertThat(context).hasNotFailed().hasSingleBean(PolicyEngine.class).hasSingleBean(SpringAiToolGuard.class);
          assertThat(context.getBean(PolicyEngine.class).policy().name()).isEqualTo("spring-ai-test");
          ToolCallbackProvider provider = context.getBean(ToolCallbackProvider.class);
          ToolCallback weather = context.getBean("weather", ToolCallback.class);
          assertThat(provider).as("MethodToolCallbackProvider is final: wrapped")
              .isInstanceOf(GuardedToolCallbackProvider.class);
          assertThat(weather).as("FunctionToolCallback is not final: proxied, and keeps its type")
              .isInstanceOf(FunctionToolCallback.class).isInstanceOf(GuardedTool.class);

          int before = Tools.WEATHER_RUNS.get();
          assertThat(weather.call("{\"city\": \"Lyon\"}")).contains("sunny in Lyon");
          assertThat(weather.call("{\"city\": \"Lyon\", \"cwd\": \"/\"}")).as("only-arguments from the file")
              .startsWith("agentlane refused this tool call");
          assertThat(Tools.WEATHER_RUNS.get() - before).isEqualTo(1);

          RepoTools repo = context.getBean(RepoTools.class);
          assertThat(named(provider, "read_file").call("{\"path\": \"/srv/repo/src/A.java\"}"))
              .as("inside the configured workspace").contains("contents of /srv/repo/src/A.java");
          assertThat(named(provider, "read_file").call("{\"path\": \"/etc/passwd\"}")).startsWith("agentlane refused");
          assertThat(repo.ran).containsExactly("read_file /srv/repo/src/A.java");
        });
  }

  @Test
  void withoutThePolicyPropertyTheShippedDefaultPolicyDecidesAndUnknownToolsAreRefused() {
    runner.withUserConfiguration(Tools.class).run(context -> {
      assertThat(context.getBean(PolicyEngine.class).policy().name()).isEqualTo("default");
      int before = Tools.WEATHER_RUNS.get();
      assertThat(context.getBean("weather", ToolCallback.class).call("{\"city\": \"Lyon\"}"))
          .startsWith("agentlane refused this tool call").contains("DENY");
      assertThat(Tools.WEATHER_RUNS.get()).isEqualTo(before);
    });
  }

  @Test
  void anEngineTheApplicationDefinesWins() {
    runner.withUserConfiguration(OwnEngine.class, Tools.class)
        .withPropertyValues("agentlane.policy=classpath:agentlane/test-policy.yaml")
        .run(context -> {
          assertThat(context).hasSingleBean(PolicyEngine.class).hasBean("myEngine")
              .doesNotHaveBean("agentLanePolicyEngine");
          SpringAiToolGuard guard = context.getBean(SpringAiToolGuard.class);
          assertThat(guard.toolGuard().engine()).isSameAs(context.getBean("myEngine"));
          RepoTools repo = context.getBean(RepoTools.class);
          named(context.getBean(ToolCallbackProvider.class), "write_file").call("{\"path\": \"a.txt\", \"content\": \"x\"}");
          assertThat(repo.ran).as("the application's engine is in shadow mode").containsExactly("write_file a.txt");
        });
  }

  @Test
  void guardToolsFalseLeavesTheToolBeansAsTheyAre() {
    runner.withUserConfiguration(Tools.class).withPropertyValues("agentlane.guard-tools=false").run(context -> {
      assertThat(context).hasNotFailed().hasSingleBean(SpringAiToolGuard.class);
      assertThat(context.getBean(ToolCallbackProvider.class)).isInstanceOf(MethodToolCallbackProvider.class);
      assertThat(context.getBean("weather", ToolCallback.class)).isNotInstanceOf(GuardedTool.class);
      assertThat(context.getBean("weather", ToolCallback.class).call("{\"city\": \"Lyon\"}")).contains("sunny in Lyon");
    });
  }

  @Test
  void theApplicationsBeansConfigureTheEngineAndTheGuard() {
    runner.withUserConfiguration(Tools.class)
        .withBean(ApprovalHandler.class, () -> request -> Approval.approveOnce("alice", "fine"))
        .withBean(ActionMapper.class, () -> ActionMapper.fromToolContext("infra-bot", "ops"))
        .run(context -> {
          PolicyEngine engine = context.getBean(PolicyEngine.class);
          engine.lanes().assign(AgentKey.of("infra-bot", "ops"), Lane.SANDBOX, "test", "writes files");
          RepoTools repo = context.getBean(RepoTools.class);
          String result = named(context.getBean(ToolCallbackProvider.class), "write_file")
              .call("{\"path\": \"infra/main.tf\", \"content\": \"x\"}");
          assertThat(result).as("escalated, then approved by the handler").contains("wrote 1 characters");
          assertThat(repo.ran).containsExactly("write_file infra/main.tf");
          assertThat(engine.lanes().status(AgentKey.of("infra-bot", "ops")).lane()).isEqualTo(Lane.SANDBOX);
        });
  }

  @Test
  void theIdentityPropertiesNameTheAgentAndWorkflow() {
    runner.withUserConfiguration(Tools.class)
        .withPropertyValues("agentlane.agent=release-bot", "agentlane.workflow=bumps")
        .run(context -> {
          PolicyEngine engine = context.getBean(PolicyEngine.class);
          engine.lanes().halt(AgentKey.of("release-bot", "bumps"), "test", "ops");
          String result = named(context.getBean(ToolCallbackProvider.class), "read_file").call("{\"path\": \"README.md\"}");
          assertThat(result).as("the halted pair is the configured one").startsWith("agentlane refused").contains("HALT");
        });
  }

  @Test
  void aPolicyThatIsMissingOrInvalidStopsTheContextWithTheProperty() {
    runner.withUserConfiguration(Tools.class).withPropertyValues("agentlane.policy=classpath:agentlane/missing.yaml")
        .run(context -> assertThat(context).hasFailed().getFailure()
            .rootCause().hasMessageContaining("agentlane.policy is classpath:agentlane/missing.yaml, which does not exist"));
    runner.withUserConfiguration(Tools.class).withPropertyValues("agentlane.policy=classpath:agentlane/broken-policy.yaml")
        .run(context -> assertThat(context).hasFailed().getFailure()
            .hasStackTraceContaining("which is not a valid policy").hasStackTraceContaining("no.such.capability"));
    runner.withPropertyValues("agentlane.agent= ")
        .run(context -> assertThat(context).hasFailed().getFailure()
            .hasStackTraceContaining("agentlane.agent must not be blank"));
  }

  @Test
  void toolBeansWithoutAnEngineStopTheContextRatherThanRunUnguarded() {
    runner.withUserConfiguration(Tools.class)
        .withClassLoader(new FilteredClassLoader(PolicyFiles.class))
        .run(context -> assertThat(context).hasFailed().getFailure()
            .hasStackTraceContaining("agentlane.guard-tools is true but there is no PolicyEngine"));
  }

  @Test
  void withoutSpringAiNothingIsConfigured() {
    runner.withClassLoader(new FilteredClassLoader(ToolCallback.class))
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(PolicyEngine.class)
            .doesNotHaveBean(SpringAiToolGuard.class).doesNotHaveBean(ToolGuardingPostProcessor.class));
  }

  @Test
  void aHaltedVerdictIsNeverTurnedIntoAnExceptionForSpring() {
    runner.withUserConfiguration(Tools.class).run(context -> {
      ToolCallback bash = named(context.getBean(ToolCallbackProvider.class), "bash");
      String result = bash.call("{\"command\": \"npm test && cat .env\"}");
      assertThat(result).startsWith("agentlane refused this tool call");
      PolicyEngine engine = context.getBean(PolicyEngine.class);
      assertThat(engine.lanes().status(AgentKey.of(SpringAiToolGuard.DEFAULT_AGENT, SpringAiToolGuard.DEFAULT_WORKFLOW))
          .halted()).isTrue();
      assertThat(context.getBean(RepoTools.class).ran).isEmpty();
    });
  }
  /** A provider that, like Spring AI's SyncMcpToolCallbackProvider, listens for tool changes. */
  public static class ChangingToolsProvider implements ToolCallbackProvider, ApplicationListener<ToolsChanged> {
    private final RepoTools repo;
    private volatile boolean announced;

    public ChangingToolsProvider(RepoTools repo) {
      this.repo = repo;
    }

    @Override
    public ToolCallback[] getToolCallbacks() {
      return announced ? MethodToolCallbackProvider.builder().toolObjects(repo).build().getToolCallbacks()
          : new ToolCallback[0];
    }

    @Override
    public void onApplicationEvent(ToolsChanged event) {
      announced = true;
    }
  }

  /** The event a changing provider listens for. */
  public static class ToolsChanged extends ApplicationEvent {
    private static final long serialVersionUID = 1L;

    public ToolsChanged(Object source) {
      super(source);
    }
  }

  /** Injects the providers by their classes, as applications do with SyncMcpToolCallbackProvider. */
  static class ByClass {
    final ChangingToolsProvider changing;
    final SyncMcpToolCallbackProvider mcp;

    ByClass(ChangingToolsProvider changing, SyncMcpToolCallbackProvider mcp) {
      this.changing = changing;
      this.mcp = mcp;
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class ProvidersByClass {
    @Bean
    RepoTools repoTools() {
      return new RepoTools();
    }

    @Bean
    ChangingToolsProvider changingTools(RepoTools repo) {
      return new ChangingToolsProvider(repo);
    }

    @Bean
    SyncMcpToolCallbackProvider mcpToolCallbacks() {
      return SyncMcpToolCallbackProvider.builder().mcpClients(List.of()).build();
    }

    @Bean
    ByClass byClass(ChangingToolsProvider changing, SyncMcpToolCallbackProvider mcp) {
      return new ByClass(changing, mcp);
    }
  }

  @Test
  void aProviderBeanKeepsItsClassAndItsEventsAndItsToolsAreGuarded() {
    runner.withUserConfiguration(ProvidersByClass.class).run(context -> {
      assertThat(context).hasNotFailed();
      ByClass byClass = context.getBean(ByClass.class);
      assertThat(byClass.mcp).as("Spring AI's MCP provider, injected by its class, is guarded")
          .isInstanceOf(GuardedTool.class).isInstanceOf(ApplicationListener.class);
      assertThat(byClass.mcp.getToolCallbacks()).isEmpty();
      ChangingToolsProvider changing = byClass.changing;
      assertThat(changing).isInstanceOf(GuardedTool.class);
      assertThat(changing.getToolCallbacks()).isEmpty();

      context.publishEvent(new ToolsChanged(this));

      ToolCallback[] announced = changing.getToolCallbacks();
      assertThat(announced).as("the event reached the provider through the proxy").isNotEmpty()
          .allSatisfy(t -> assertThat(t).isInstanceOf(GuardedTool.class));
      RepoTools repo = context.getBean(RepoTools.class);
      assertThat(Arrays.stream(announced).filter(t -> t.getToolDefinition().name().equals("bash")).findFirst()
          .orElseThrow().call("{\"command\": \"cat .env\"}")).startsWith("agentlane refused this tool call");
      assertThat(Arrays.stream(announced).filter(t -> t.getToolDefinition().name().equals("read_file")).findFirst()
          .orElseThrow().call("{\"path\": \"README.md\"}")).as("the pair was halted by the secret")
          .startsWith("agentlane refused this tool call");
      assertThat(repo.ran).isEmpty();
    });
  }

  @Test
  void aToolBeanIsDecidedOnceEvenWhenItIsAlsoListedByAGuardedProvider() {
    runner.withUserConfiguration(Tools.class).run(context -> {
      ToolCallback weather = context.getBean("weather", ToolCallback.class);
      SpringAiToolGuard guard = context.getBean(SpringAiToolGuard.class);
      assertThat(guard.wrap(weather)).isSameAs(weather);
      assertThat(guard.wrap(ToolCallbackProvider.from(weather)).getToolCallbacks()).containsExactly(weather);
    });
  }
}
