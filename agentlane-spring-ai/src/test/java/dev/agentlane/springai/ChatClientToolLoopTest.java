package dev.agentlane.springai;

import static dev.agentlane.springai.ScriptedChatModel.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentlane.Action;
import dev.agentlane.AgentKey;
import dev.agentlane.Lane;
import dev.agentlane.PolicyEngine;
import dev.agentlane.Verdict;
import dev.agentlane.guard.Escalation;
import dev.agentlane.guard.ToolGuard;
import dev.agentlane.policyfile.PolicyFiles;
import dev.agentlane.spi.Approval;
import dev.agentlane.testkit.AgentLaneFixture;
import dev.agentlane.testkit.DecisionRecorder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.ToolCallAdvisor;
import org.springframework.ai.tool.method.MethodToolCallbackProvider;

/** The whole tool-calling loop of a real {@link ChatClient}, with a scripted model asking for the calls. */
class ChatClientToolLoopTest {
  private final AgentLaneFixture fixture = AgentLaneFixture.ofDefaults();
  private final DecisionRecorder recorder = fixture.recorder();
  private final RepoTools repo = new RepoTools();
  private final ScriptedChatModel model = new ScriptedChatModel();

  @AfterEach
  void close() {
    fixture.close();
  }

  /**
   * One chat. ToolCallAdvisor runs the tool loop in the ChatClient; it is the advisor Spring AI 1.1 and 2.0
   * both have (2.0 deprecates it for ToolCallingAdvisor), and the suite runs on both.
   */
  @SuppressWarnings("removal")
  private String chat(SpringAiToolGuard guard, Map<String, Object> toolContext) {
    ChatClient client = ChatClient.builder(model).defaultAdvisors(ToolCallAdvisor.builder().build()).build();
    return client.prompt().user("make the build green")
        .toolCallbacks(guard.wrap(MethodToolCallbackProvider.builder().toolObjects(repo).build()).getToolCallbacks())
        .toolContext(toolContext)
        .call().content();
  }

  @Test
  void aRefusedCallComesBackToTheModelAsTheToolResultAndTheChatGoesOn() {
    fixture.ledger().assign(AgentKey.of("build-bot", "ci-fixes"), Lane.SANDBOX, "test", "runs tests");
    model.thenCall(call("read_file", "{\"path\": \"pom.xml\"}"), call("bash", "{\"command\": \"npm test && cat .env\"}"))
        .thenCall(call("read_file", "{\"path\": \"src/Main.java\"}"));
    SpringAiToolGuard guard = SpringAiToolGuard.builder(fixture.engine()).agent("build-bot").workflow("ci-fixes").build();

    String answer = chat(guard, Map.of("chat_memory_conversation_id", "conv-42"));

    assertThat(repo.ran).as("only the permitted call ran; the pair halted after the secret")
        .containsExactly("read_file pom.xml");
    assertThat(model.calls()).isEqualTo(3);
    assertThat(model.toolResults()).hasSize(3);
    assertThat(model.toolResults().get(0)).startsWith("read_file: ").contains("contents of pom.xml");
    assertThat(model.toolResults().get(1)).startsWith("bash: agentlane refused this tool call")
        .contains("HALT").contains("stop.secrets");
    assertThat(model.toolResults().get(2)).as("a halted pair stays halted")
        .startsWith("read_file: agentlane refused this tool call").contains("halted");
    assertThat(answer).startsWith("done; the tools said: read_file: agentlane refused");
    assertThat(recorder.events(DecisionRecorder.Decided.class)).extracting(d -> d.action().runId())
        .as("the conversation is the run").containsOnly("conv-42");
    assertThat(recorder.events(DecisionRecorder.Decided.class)).extracting(d -> d.decision().verdict())
        .containsExactly(Verdict.ALLOW, Verdict.HALT, Verdict.HALT);
    assertThat(recorder.events(DecisionRecorder.Executed.class)).hasSize(1);
  }

  @Test
  void aToolCallWithoutAToolContextStillRunsThroughTheGuard() {
    model.thenCall(call("write_file", "{\"path\": \"src/Main.java\", \"content\": \"class Main {}\"}"));

    chat(SpringAiToolGuard.of(fixture.engine()), Map.of());

    assertThat(repo.ran).isEmpty();
    assertThat(model.toolResults()).singleElement().asString().startsWith("write_file: agentlane refused this tool call")
        .contains("DENY at lane draft");
    Action action = recorder.events(DecisionRecorder.Decided.class).get(0).action();
    assertThat(action.agent()).isEqualTo(SpringAiToolGuard.DEFAULT_AGENT);
    assertThat(action.runId()).isNull();
  }

  @Test
  void anEscalationWaitsOnTheEnginesApprovalHandlerAndAnApprovalLetsTheCallRun() {
    List<String> asked = new CopyOnWriteArrayList<>();
    try (PolicyEngine engine = PolicyEngine.builder().policy(PolicyFiles.defaultPolicy()).workspace("/workspace")
        .approvalHandler(request -> {
          asked.add(request.action().tool() + " " + request.reasons().get(0).ruleId());
          return Approval.approveOnce("alice", "reviewed the terraform change");
        }).build()) {
      engine.lanes().assign(AgentKey.of("infra-bot", "chat"), Lane.SANDBOX, "test", "writes files");
      model.thenCall(call("write_file", "{\"path\": \"infra/main.tf\", \"content\": \"resource {}\"}"));

      chat(SpringAiToolGuard.builder(engine).agent("infra-bot").build(), Map.of());
    }

    assertThat(asked).containsExactly("write_file stop.infra-and-ci");
    assertThat(repo.ran).containsExactly("write_file infra/main.tf");
    assertThat(model.toolResults()).singleElement().asString().contains("wrote 11 characters to infra/main.tf");
  }

  @Test
  void anEscalationNobodyApprovesIsRefusedAndTheIntegrationsEscalationIsAskedOnce() {
    fixture.ledger().assign(AgentKey.of("infra-bot", "chat"), Lane.SANDBOX, "test", "writes files");
    List<Verdict> asked = new CopyOnWriteArrayList<>();
    ToolGuard tools = ToolGuard.builder(fixture.engine()).escalation((action, decision) -> {
      asked.add(decision.verdict());
      return Optional.<Escalation.Approved>empty();
    }).build();
    model.thenCall(call("write_file", "{\"path\": \"infra/main.tf\", \"content\": \"resource {}\"}"));

    chat(SpringAiToolGuard.builder(tools).agent("infra-bot").build(), Map.of());

    assertThat(asked).containsExactly(Verdict.ESCALATE);
    assertThat(repo.ran).isEmpty();
    assertThat(model.toolResults()).singleElement().asString().startsWith("write_file: agentlane refused this tool call")
        .contains("ESCALATE");
  }
}
