package dev.agentlane.springai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.agentlane.Action;
import dev.agentlane.AgentKey;
import dev.agentlane.Decision;
import dev.agentlane.Lane;
import dev.agentlane.ReasonCode;
import dev.agentlane.Verdict;
import dev.agentlane.testkit.AgentLaneFixture;
import dev.agentlane.testkit.DecisionRecorder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.ToolCallbackProvider;
import org.springframework.ai.tool.function.FunctionToolCallback;
import org.springframework.ai.tool.method.MethodToolCallbackProvider;

class GuardedToolCallbackTest {
  private static final AgentKey DEFAULT_KEY = AgentKey.of(SpringAiToolGuard.DEFAULT_AGENT, SpringAiToolGuard.DEFAULT_WORKFLOW);

  private final AgentLaneFixture fixture = AgentLaneFixture.ofDefaults();
  private final DecisionRecorder recorder = fixture.recorder();
  private final RepoTools repo = new RepoTools();
  private final SpringAiToolGuard guard = SpringAiToolGuard.of(fixture.engine());
  private final ToolCallbackProvider tools = guard.wrap(MethodToolCallbackProvider.builder().toolObjects(repo).build());

  @AfterEach
  void close() {
    fixture.close();
  }

  private ToolCallback tool(String name) {
    return Arrays.stream(tools.getToolCallbacks()).filter(t -> t.getToolDefinition().name().equals(name))
        .findFirst().orElseThrow();
  }

  private void sandbox(AgentKey key) {
    fixture.ledger().assign(key, Lane.SANDBOX, "test", "the pair runs tests now");
  }

  @Test
  void aPermittedCallRunsTheToolAndIsRecordedAsAnExecution() {
    String result = tool("read_file").call("{\"path\": \"src/Main.java\"}");

    assertThat(result).contains("contents of src/Main.java");
    assertThat(repo.ran).containsExactly("read_file src/Main.java");
    assertThat(recorder.last().verdict()).isEqualTo(Verdict.ALLOW);
    assertThat(recorder.events(DecisionRecorder.Executed.class)).singleElement().satisfies(e -> {
      assertThat(e.execution().succeeded()).isTrue();
      assertThat(e.execution().action().tool()).isEqualTo("read_file");
      assertThat(e.execution().decision()).isSameAs(recorder.last());
    });
  }

  @Test
  void aDeniedCallNeverReachesTheToolAndTheModelReadsWhyAsTheResult() {
    String result = tool("write_file").call("{\"path\": \"src/Main.java\", \"content\": \"x\"}");

    assertThat(repo.ran).isEmpty();
    Decision decision = recorder.last();
    assertThat(decision.verdict()).isEqualTo(Verdict.DENY);
    assertThat(result).isEqualTo(dev.agentlane.guard.ToolGuard.refusalText(decision))
        .startsWith("agentlane refused this tool call (decision " + decision.id() + "): DENY at lane draft")
        .contains("to proceed:");
    assertThat(recorder.events(DecisionRecorder.Executed.class)).isEmpty();
  }

  @Test
  void aSecretChainedBehindAnAllowedShellCommandHaltsAndNothingRuns() {
    sandbox(DEFAULT_KEY);
    assertThat(tool("bash").call("{\"command\": \"npm test\"}")).as("npm test alone is fine in the sandbox")
        .contains("ran npm test");

    String result = tool("bash").call("{\"command\": \"npm test && cat .env\"}");

    assertThat(repo.ran).containsExactly("bash npm test");
    assertThat(recorder.last().verdict()).isEqualTo(Verdict.HALT);
    assertThat(result).contains("HALT").contains("stop.secrets");
    assertThat(tool("read_file").call("{\"path\": \"README.md\"}")).as("the pair stays halted")
        .startsWith("agentlane refused this tool call");
    assertThat(repo.ran).hasSize(1);
  }

  @Test
  void aSecretPathHiddenInANestedArgumentHalts() {
    String result = tool("search").call("{\"query\": \"api key\", \"filters\": {\"include\": [\"src/\", \"config/.env\"]}}");

    assertThat(repo.ran).isEmpty();
    assertThat(recorder.last().verdict()).isEqualTo(Verdict.HALT);
    assertThat(result).contains("stop.secrets");
  }

  @Test
  void malformedArgumentsAreRefusedBeforeSpringAiParsesThem() {
    AtomicInteger runs = new AtomicInteger();
    ToolCallback readFile = guard.wrap(FunctionToolCallback
        .builder("read_file", (Function<Map<String, Object>, String>) args -> "ran " + runs.incrementAndGet())
        .description("Reads a file").inputType(Map.class).build());

    String result = readFile.call("{\"path\": \"src/Main.java\"");

    assertThat(runs).hasValue(0);
    assertThat(recorder.last().verdict()).isEqualTo(Verdict.DENY);
    assertThat(recorder.last().reasons()).extracting(r -> r.code()).contains(ReasonCode.INVALID_ACTION);
    assertThat(result).startsWith("agentlane refused this tool call");
  }

  @Test
  void aFunctionToolCallbackRunsWithItsToolContextAndTheContextNamesTheRun() {
    List<Object> seen = new CopyOnWriteArrayList<>();
    ToolCallback readFile = guard.wrap(FunctionToolCallback
        .builder("read_file", (Map<String, Object> args, ToolContext ctx) -> {
          seen.add(ctx.getContext().get("tenant"));
          return "read " + args.get("path");
        })
        .description("Reads a file").inputType(Map.class).build());

    String result = readFile.call("{\"path\": \"docs/a.md\"}",
        new ToolContext(Map.of(ChatMemory.CONVERSATION_ID, "conv-7", "tenant", "acme")));

    assertThat(result).contains("read docs/a.md");
    assertThat(seen).as("the tool got the same context").containsExactly("acme");
    Action action = recorder.events(DecisionRecorder.Decided.class).get(0).action();
    assertThat(action.agent()).isEqualTo(SpringAiToolGuard.DEFAULT_AGENT);
    assertThat(action.workflow()).isEqualTo(SpringAiToolGuard.DEFAULT_WORKFLOW);
    assertThat(action.runId()).isEqualTo("conv-7");
    assertThat(action.context()).containsEntry("conversation-id", "conv-7");
  }

  @Test
  void theToolContextCanNameTheAgentWorkflowAndRunAndOnlyTextCounts() {
    Map<String, Object> context = new HashMap<>();
    context.put(ActionMapper.AGENT, "triage-bot");
    context.put(ActionMapper.WORKFLOW, " tickets ");
    context.put(ActionMapper.RUN_ID, 4711);
    context.put(ChatMemory.CONVERSATION_ID, "conv-1");
    context.put("principal", new Object());
    context.put("nothing", null);

    tool("read_file").call("{\"path\": \"README.md\"}", new ToolContext(context));

    Action action = recorder.events(DecisionRecorder.Decided.class).get(0).action();
    assertThat(action.agent()).isEqualTo("triage-bot");
    assertThat(action.workflow()).isEqualTo("tickets");
    assertThat(action.runId()).as("the explicit run id wins over the conversation").isEqualTo("4711");
    assertThat(SpringAiToolCall.CONVERSATION_ID).isEqualTo(ChatMemory.CONVERSATION_ID);

    context.put(ActionMapper.AGENT, List.of("not", "text"));
    context.put(ActionMapper.WORKFLOW, "   ");
    tool("read_file").call("{\"path\": \"README.md\"}", new ToolContext(context));
    Action fallback = recorder.events(DecisionRecorder.Decided.class).get(1).action();
    assertThat(fallback.agent()).isEqualTo(SpringAiToolGuard.DEFAULT_AGENT);
    assertThat(fallback.workflow()).isEqualTo(SpringAiToolGuard.DEFAULT_WORKFLOW);
  }

  @Test
  void theDecoratedCallbackKeepsItsDefinitionAndMetadataIncludingReturnDirect() {
    ToolCallback[] raw = MethodToolCallbackProvider.builder().toolObjects(repo).build().getToolCallbacks();
    ToolCallback[] wrapped = tools.getToolCallbacks();

    assertThat(wrapped).hasSameSizeAs(raw).allSatisfy(t -> assertThat(t).isInstanceOf(GuardedToolCallback.class));
    for (int i = 0; i < raw.length; i++) {
      assertThat(wrapped[i].getToolDefinition()).isEqualTo(raw[i].getToolDefinition());
      assertThat(wrapped[i].getToolMetadata().returnDirect()).isEqualTo(raw[i].getToolMetadata().returnDirect());
    }
    assertThat(tool("search").getToolMetadata().returnDirect()).isTrue();
    assertThat(tool("read_file").getToolMetadata().returnDirect()).isFalse();
  }

  @Test
  void aToolsOwnExceptionReachesSpringAiAsTheToolThrowsItAndIsRecordedAsAFailedExecution() {
    IllegalStateException boom = new IllegalStateException("disk full");
    ToolCallback raw = FunctionToolCallback
        .builder("read_file", (Function<Map<String, Object>, String>) args -> {
          throw boom;
        })
        .description("Reads a file").inputType(Map.class).build();
    Throwable unguarded = catchThrowable(() -> raw.call("{\"path\": \"README.md\"}"));

    Throwable guarded = catchThrowable(() -> guard.wrap(raw).call("{\"path\": \"README.md\"}"));

    assertThat(unguarded).as("FunctionToolCallback throws (wrapped or not, as its version does)").isNotNull();
    assertThat(guarded).hasSameClassAs(unguarded).hasMessage(unguarded.getMessage());
    assertThat(guarded == boom ? guarded : guarded.getCause()).isSameAs(boom);
    assertThat(recorder.events(DecisionRecorder.Executed.class)).singleElement()
        .satisfies(e -> assertThat(e.execution().failure()).contains("disk full"));
  }

  @Test
  void anUncheckedExceptionOfAHandWrittenCallbackIsRethrownAsTheSameInstance() {
    IllegalStateException boom = new IllegalStateException("no network");
    ToolCallback handWritten = new ToolCallback() {
      @Override
      public org.springframework.ai.tool.definition.ToolDefinition getToolDefinition() {
        return org.springframework.ai.tool.definition.ToolDefinition.builder().name("read_file")
            .description("Reads a file").inputSchema("{\"type\": \"object\"}").build();
      }

      @Override
      public String call(String toolInput) {
        throw boom;
      }
    };

    assertThatThrownBy(() -> guard.wrap(handWritten).call("{\"path\": \"README.md\"}")).isSameAs(boom);
  }

  @Test
  void anActionMapperThatThrowsOrReturnsNullRefusesAndTheToolNeverRuns() {
    ToolCallbackProvider throwing = SpringAiToolGuard.builder(fixture.engine())
        .actions(call -> {
          throw new IllegalStateException("no tenant");
        }).build().wrap(MethodToolCallbackProvider.builder().toolObjects(repo).build());
    ToolCallbackProvider nulls = SpringAiToolGuard.builder(fixture.engine())
        .actions(call -> null).build().wrap(MethodToolCallbackProvider.builder().toolObjects(repo).build());

    for (ToolCallbackProvider provider : List.of(throwing, nulls)) {
      ToolCallback readFile = Arrays.stream(provider.getToolCallbacks())
          .filter(t -> t.getToolDefinition().name().equals("read_file")).findFirst().orElseThrow();
      assertThat(readFile.call("{\"path\": \"README.md\"}"))
          .startsWith("agentlane refused this tool call: its action could not be built (").endsWith("so it was not decided and did not run.");
    }
    assertThat(repo.ran).isEmpty();
    assertThat(recorder.decisions()).isEmpty();
  }

  @Test
  void aRefinedMappingAddsToTheDefaultOne() {
    // docs:spring-ai-mapping:begin
    SpringAiToolGuard refined = SpringAiToolGuard.builder(fixture.engine())
        .actions(ActionMapper.fromToolContext("docs-bot", "answers")
            .refine((call, action) -> action.context("tenant", call.contextText("tenant").orElse("none"))))
        .build();
    // docs:spring-ai-mapping:end
    ToolCallback readFile = refined.wrap(((GuardedToolCallback) tool("read_file")).delegate());

    readFile.call("{\"path\": \"README.md\"}", new ToolContext(Map.of("tenant", "acme")));

    Action action = recorder.events(DecisionRecorder.Decided.class).get(0).action();
    assertThat(action.agent()).isEqualTo("docs-bot");
    assertThat(action.context()).containsEntry("tenant", "acme");
  }

  @Test
  void aProviderIsAskedAgainEachTimeSoToolsThatAppearLaterAreGuardedToo() {
    List<ToolCallback> current = new CopyOnWriteArrayList<>();
    ToolCallbackProvider changing = () -> current.toArray(ToolCallback[]::new);
    ToolCallbackProvider guarded = guard.wrap(changing);
    assertThat(guarded.getToolCallbacks()).isEmpty();

    current.addAll(List.of(MethodToolCallbackProvider.builder().toolObjects(repo).build().getToolCallbacks()));
    ToolCallback writeFile = Arrays.stream(guarded.getToolCallbacks())
        .filter(t -> t.getToolDefinition().name().equals("write_file")).findFirst().orElseThrow();

    assertThat(writeFile.call("{\"path\": \"a.txt\", \"content\": \"x\"}")).startsWith("agentlane refused");
    assertThat(repo.ran).isEmpty();
  }

  @Test
  void wrappingTwiceWithTheSameGuardIsTheSameWrapper() {
    ToolCallback once = tool("read_file");
    assertThat(guard.wrap(once)).isSameAs(once);
    assertThat(guard.wrap(tools)).isSameAs(tools);
    assertThat(SpringAiToolGuard.of(fixture.engine()).wrap(once)).as("another guard wraps again")
        .isNotSameAs(once).isInstanceOf(GuardedToolCallback.class);
    ToolCallback[] both = guard.wrapAll(once, ((GuardedToolCallback) once).delegate());
    assertThat(both[0]).isSameAs(once);
    assertThat(both[1]).isInstanceOfSatisfying(GuardedToolCallback.class,
        g -> assertThat(g.delegate()).isSameAs(((GuardedToolCallback) once).delegate()));
  }

  @Test
  void theBuilderChecksItsOptions() {
    assertThatThrownBy(() -> SpringAiToolGuard.builder(fixture.engine()).agent(" "))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("agent must not be blank but was \" \"");
    assertThatThrownBy(() -> SpringAiToolGuard.builder(fixture.engine()).workflow(""))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("workflow must not be blank");
    assertThatThrownBy(() -> SpringAiToolGuard.builder(fixture.engine()).agent("a").actions(call -> null).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("either actions(...) or agent/workflow");
  }
}
