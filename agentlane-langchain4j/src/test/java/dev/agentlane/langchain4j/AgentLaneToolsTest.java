package dev.agentlane.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentlane.AgentKey;
import dev.agentlane.Lane;
import dev.agentlane.testkit.AgentLaneFixture;
import dev.agentlane.testkit.DecisionRecorder;
import dev.langchain4j.agent.tool.ReturnBehavior;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.service.tool.AiServiceTool;
import dev.langchain4j.service.tool.ToolExecutionResult;
import dev.langchain4j.service.tool.ToolExecutor;
import dev.langchain4j.service.tool.ToolService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The parts of {@link AgentLaneTools} an AI service does not show: the builder, wrapping, finding tools. */
class AgentLaneToolsTest {
  private final AgentLaneFixture fixture = AgentLaneFixture.ofDefaults();
  private final AgentLaneTools guarded = AgentLaneTools.builder(fixture.engine()).agent("coder").workflow("bugfix").build();
  private final List<String> ran = new CopyOnWriteArrayList<>();

  AgentLaneToolsTest() {
    fixture.ledger().assign(AgentKey.of("coder", "bugfix"), Lane.SANDBOX, "test", "sandbox");
  }

  @AfterEach
  void close() {
    fixture.close();
  }

  private ToolExecutor recording() {
    return (request, memoryId) -> {
      ran.add(request.name() + " " + request.arguments() + " memory " + memoryId);
      return "ok";
    };
  }

  private static ToolExecutionRequest request(String tool, String arguments) {
    return ToolExecutionRequest.builder().id("1").name(tool).arguments(arguments).build();
  }

  @Test
  void theBuilderRejectsBlankNamesAsTheyAreSet() {
    AgentLaneTools.Builder builder = AgentLaneTools.builder(fixture.engine());
    assertThatThrownBy(() -> builder.agent(" ")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("agent must not be blank but was ' '");
    assertThatThrownBy(() -> builder.workflow("")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("workflow must not be blank but was ''");
    assertThatThrownBy(() -> builder.runId(null)).isInstanceOf(NullPointerException.class);
    assertThat(builder.build()).as("still usable after a rejected option").isNotNull();
  }

  @Test
  void theDefaultsNameOneAgentAndWorkflow() {
    AgentLaneTools defaults = AgentLaneTools.of(fixture.engine());
    defaults.wrap(recording()).execute(request("read_file", "{\"path\": \"src/A.java\"}"), "chat-1");

    DecisionRecorder.Decided d = fixture.recorder().events(DecisionRecorder.Decided.class).get(0);
    assertThat(d.action().agent()).isEqualTo(AgentLaneTools.DEFAULT_AGENT).isEqualTo("langchain4j");
    assertThat(d.action().workflow()).isEqualTo(AgentLaneTools.DEFAULT_WORKFLOW).isEqualTo("default");
    assertThat(d.action().runId()).isEqualTo("chat-1");
  }

  @Test
  void thePlainExecuteMethodIsGuardedToo() {
    ToolExecutor executor = guarded.wrap(recording());

    assertThat(executor.execute(request("read_file", "{\"path\": \"src/A.java\"}"), 42)).isEqualTo("ok");
    String refused = executor.execute(request("bash", "{\"command\": \"cat .env\"}"), 42);

    assertThat(ran).containsExactly("read_file {\"path\": \"src/A.java\"} memory 42");
    assertThat(refused).startsWith("agentlane refused this tool call").contains("HALT");
    assertThat(fixture.recorder().events(DecisionRecorder.Decided.class))
        .allSatisfy(d -> assertThat(d.action().runId()).isEqualTo("42"));
  }

  @Test
  void executeWithContextPassesTheContextThroughAndRefusesWithAnErrorResult() {
    List<InvocationContext> seen = new ArrayList<>();
    ToolExecutor inner = new ToolExecutor() {
      @Override
      public String execute(ToolExecutionRequest request, Object memoryId) {
        throw new AssertionError("executeWithContext must call executeWithContext");
      }

      @Override
      public ToolExecutionResult executeWithContext(ToolExecutionRequest request, InvocationContext context) {
        seen.add(context);
        return ToolExecutionResult.builder().result(7).resultText("seven").build();
      }
    };
    InvocationContext context = InvocationContext.builder().chatMemoryId("m-1").build();
    ToolExecutor executor = guarded.wrap(inner);

    ToolExecutionResult allowed = executor.executeWithContext(request("read_file", "{\"path\": \"src/A.java\"}"), context);
    ToolExecutionResult refused = executor.executeWithContext(request("read_file", "{\"path\": \"/etc/passwd\"}"), context);

    assertThat(allowed.result()).as("the tool's own result object").isEqualTo(7);
    assertThat(allowed.isError()).isFalse();
    assertThat(seen).containsExactly(context);
    assertThat(refused.isError()).isTrue();
    assertThat(refused.resultText()).contains("DENY").contains("path-outside-workspace");
  }

  @Test
  void wrappingTwiceWithTheSameToolsDecidesOnceAndOtherToolsWrapAgain() {
    ToolExecutor once = guarded.wrap(recording());
    assertThat(guarded.wrap(once)).isSameAs(once);
    assertThat(AgentLaneTools.of(fixture.engine()).wrap(once)).isNotSameAs(once);
    assertThat(guarded.toolWrapper().apply(once)).isSameAs(once);
  }

  @Test
  void aMapKeepsItsSpecificationsAndOrder() {
    Map<ToolSpecification, ToolExecutor> tools = new LinkedHashMap<>();
    for (String name : List.of("read_file", "bash", "search")) {
      tools.put(ToolSpecification.builder().name(name).build(), recording());
    }

    Map<ToolSpecification, ToolExecutor> wrapped = guarded.wrap(tools);

    assertThat(wrapped.keySet()).containsExactlyElementsOf(tools.keySet());
    assertThat(wrapped.values()).allSatisfy(e -> assertThat(e).isInstanceOf(GuardedToolExecutor.class));
  }

  @Test
  void aListOfAiServiceToolsKeepsSpecificationsAndReturnBehaviours() {
    AiServiceTool tool = AiServiceTool.builder().toolSpecification(ToolSpecification.builder().name("read_file").build())
        .toolExecutor(recording()).returnBehavior(ReturnBehavior.IMMEDIATE).build();

    AiServiceTool wrapped = guarded.wrap(List.of(tool)).get(0);

    assertThat(wrapped.toolSpecification()).isEqualTo(tool.toolSpecification());
    assertThat(wrapped.returnBehavior()).isEqualTo(ReturnBehavior.IMMEDIATE);
    assertThat(wrapped.toolExecutor()).isInstanceOf(GuardedToolExecutor.class);
  }

  interface Greeting {
    @Tool(name = "greet", value = "Greets")
    default String greet(String name) {
      return "hello " + name;
    }
  }

  static class BaseTools {
    @Tool(name = "base_tool", value = "A tool of the superclass")
    String baseTool() {
      return "base";
    }

    @Tool(name = "hidden_tool", value = "Overridden below without @Tool, so no longer a tool")
    String hidden() {
      return "hidden";
    }

    @Tool(name = "overridden", value = "Overridden below with @Tool")
    String overridden() {
      return "base";
    }
  }

  static final class DerivedTools extends BaseTools implements Greeting {
    @Override
    String hidden() {
      return "not a tool";
    }

    @Tool(name = "derived_overridden", value = "the subclass's tool")
    @Override
    String overridden() {
      return "derived";
    }

    String notATool() {
      return "";
    }
  }

  @Test
  void toolMethodsAreFoundAsLangChain4jFindsThem() {
    List<AiServiceTool> found = guarded.tools(new DerivedTools());

    assertThat(found).extracting(AiServiceTool::name)
        .containsExactlyInAnyOrder("base_tool", "derived_overridden", "greet");
    assertThat(found).allSatisfy(t -> assertThat(t.toolExecutor()).isInstanceOf(GuardedToolExecutor.class));
    assertThat(found).filteredOn(t -> t.name().equals("greet")).singleElement()
        .satisfies(t -> assertThat(t.toolSpecification().parameters().properties()).containsKey("name"));
    // The same specifications and return behaviours as LangChain4j's own discovery (internal API, read here
    // only to pin that the two agree on the version we build against).
    assertThat(found).extracting(AiServiceTool::toolSpecification, AiServiceTool::returnBehavior)
        .containsExactlyInAnyOrderElementsOf(ToolService.findTools(new DerivedTools()).stream()
            .map(t -> org.assertj.core.groups.Tuple.tuple(t.toolSpecification(), t.returnBehavior())).toList());
  }

  @Test
  void toolsRefusesWhatIsNotAnObjectWithTools() {
    assertThatThrownBy(() -> guarded.tools(DerivedTools.class)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not classes");
    assertThatThrownBy(() -> guarded.tools(List.of(new DerivedTools()))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not collections");
    assertThatThrownBy(() -> guarded.tools(new Object())).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("java.lang.Object has no method annotated with @Tool");
  }

  @Test
  void anEnricherThatThrowsRefusesAndAMappingThatReturnsNullRefusesToo() {
    AgentLaneTools throwing = AgentLaneTools.builder(fixture.engine()).enrich((call, action) -> {
      throw new IllegalArgumentException("no tenant");
    }).build();
    AgentLaneTools nullAgent = AgentLaneTools.builder(fixture.engine()).agent(call -> null).build();

    String first = throwing.wrap(recording()).execute(request("read_file", "{\"path\": \"src/A.java\"}"), "m");
    String second = nullAgent.wrap(recording()).execute(request("read_file", "{\"path\": \"src/A.java\"}"), "m");

    assertThat(ran).isEmpty();
    assertThat(first).startsWith("agentlane refused this tool call: its action could not be built").contains("no tenant");
    assertThat(second).startsWith("agentlane refused this tool call: its action could not be built")
        .contains("the agent mapping returned null");
  }

  @Test
  void aRunIdMappingMayReturnNullForNoRunId() {
    AgentLaneTools noRun = AgentLaneTools.builder(fixture.engine()).agent("coder").workflow("bugfix")
        .runId(call -> null).build();

    noRun.wrap(recording()).execute(request("read_file", "{\"path\": \"src/A.java\"}"), "m");

    assertThat(fixture.recorder().last().verdict()).isEqualTo(dev.agentlane.Verdict.ALLOW);
    assertThat(fixture.recorder().events(DecisionRecorder.Decided.class).get(0).action().runId()).isNull();
  }
}
