package dev.agentlane.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentlane.Action;
import dev.agentlane.AgentKey;
import dev.agentlane.Lane;
import dev.agentlane.guard.Escalation;
import dev.agentlane.testkit.AgentLaneFixture;
import dev.agentlane.testkit.DecisionRecorder;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real MCP client guarded by {@link GuardedMcpClient}, talking to a real, unguarded MCP server over the
 * SDK's Streamable HTTP transport: what the guard refuses never reaches the server.
 */
class GuardedMcpClientTest {
  private static final String AGENT = "release-bot";
  private static final AgentKey KEY = AgentKey.of(AGENT, McpActionMapper.DEFAULT_WORKFLOW);

  private final AgentLaneFixture fixture = AgentLaneFixture.ofDefaults();
  private final DecisionRecorder recorder = fixture.recorder();
  private final Workbench server = new Workbench();
  private McpOverHttp mcp;

  @BeforeEach
  void serve() {
    mcp = McpOverHttp.sync(spec -> spec.tools(server.all()));
  }

  @AfterEach
  void close() throws Exception {
    mcp.close();
    fixture.close();
  }

  private static McpSchema.CallToolRequest call(String tool, Map<String, Object> arguments) {
    return McpSchema.CallToolRequest.builder(tool).arguments(arguments).build();
  }

  private static String text(McpSchema.CallToolResult result) {
    return ((McpSchema.TextContent) result.content().get(0)).text();
  }

  @Test
  void aPermittedCallIsSentAndItsResultCarriesTheDecision() {
    GuardedMcpClient client = AgentLaneMcp.guard(mcp.client(AGENT), fixture.engine());

    McpSchema.CallToolResult result = client.callTool(call("read_file", Map.of("path", "src/App.java")));

    assertThat(text(result)).isEqualTo("contents of src/App.java");
    assertThat(result.meta()).containsEntry("dev.agentlane/verdict", "allow")
        .containsEntry("dev.agentlane/decision", recorder.last().id());
    assertThat(server.runs).containsExactly("read_file {path=src/App.java}");
    assertThat(recorder.events(DecisionRecorder.Executed.class)).singleElement()
        .satisfies(e -> assertThat(e.execution().succeeded()).isTrue());
  }

  @Test
  void aRefusedCallIsNeverSentAndReturnsTheReasonAsAnErrorResult() {
    fixture.ledger().assign(KEY, Lane.SANDBOX, "test", "setup");
    GuardedMcpClient client = AgentLaneMcp.guard(mcp.client(AGENT), fixture.engine());

    McpSchema.CallToolResult result = client.callTool(call("bash", Map.of("command", "npm test && cat .env")));

    assertThat(result.isError()).isTrue();
    assertThat(text(result)).startsWith("agentlane refused this tool call").contains("HALT at lane sandbox")
        .contains("sensitive-path [stop.secrets]");
    assertThat(result.meta()).containsEntry("dev.agentlane/verdict", "halt");
    assertThat(server.runs).as("the server never saw it").isEmpty();
    assertThat(recorder.events(DecisionRecorder.Executed.class)).isEmpty();
  }

  @Test
  void aSecretPathNestedInTheArgumentsIsRefusedBeforeItLeaves() {
    GuardedMcpClient client = AgentLaneMcp.guard(mcp.client(AGENT), fixture.engine());

    McpSchema.CallToolResult result = client.callTool(call("search",
        Map.of("query", "key", "options", Map.of("include", List.of(Map.of("path", "deploy/tls/server.pem"))))));

    assertThat(result.isError()).isTrue();
    assertThat(text(result)).contains("stop.secrets").contains("server.pem");
    assertThat(server.runs).isEmpty();
  }

  @Test
  void argumentsThatAreNotJsonAreRefusedAndNeverSent() {
    GuardedMcpClient client = AgentLaneMcp.guard(mcp.client(AGENT), fixture.engine());
    Map<String, Object> selfReferencing = new HashMap<>();
    selfReferencing.put("path", "src/App.java");
    selfReferencing.put("again", selfReferencing);

    McpSchema.CallToolResult notAValue = client.callTool(call("read_file", Map.of("path", new Object())));
    McpSchema.CallToolResult endless = client.callTool(call("read_file", selfReferencing));

    assertThat(notAValue.isError()).isTrue();
    assertThat(text(notAValue)).as("the SDK's mapper writes it as {}, which is not a path")
        .contains("DENY").contains("invalid-action").contains("/path must be a string");
    assertThat(endless.isError()).isTrue();
    assertThat(text(endless)).startsWith("agentlane refused this tool call: its action could not be built (");
    assertThat(server.runs).isEmpty();
    assertThat(recorder.decisions()).as("the endless one was refused before it could be decided").hasSize(1);
  }

  @Test
  void theActionNamesThisClientTheServerAndTheToolsDeclaredHints() {
    GuardedMcpClient client = AgentLaneMcp.guard(mcp.client(AGENT), fixture.engine());

    client.callTool(call("read_file", Map.of("path", "src/App.java")));
    client.callTool(call("bash", Map.of("command", "git status")));

    List<Action> actions = recorder.events(DecisionRecorder.Decided.class).stream().map(DecisionRecorder.Decided::action).toList();
    assertThat(actions).hasSize(2).allSatisfy(a -> {
      assertThat(a.agent()).isEqualTo(AGENT);
      assertThat(a.workflow()).isEqualTo("mcp");
      assertThat(a.runId()).as("one run per guarded client").isEqualTo(client.sessionId());
      assertThat(a.context()).containsEntry("mcp.side", "client").containsEntry("mcp.server.name", "test-server")
          .containsEntry("mcp.server.version", "1.0").containsEntry("mcp.client.name", AGENT);
    });
    assertThat(actions.get(0).context()).containsEntry("mcp.tool.effect", "read-only");
    assertThat(actions.get(1).context()).containsEntry("mcp.tool.effect", "destructive")
        .containsEntry("mcp.hint.destructive", "true");
  }

  @Test
  void withoutLearningToolsTheCallCarriesNoHints() {
    GuardedMcpClient client = GuardedMcpClient.builder(mcp.client(AGENT), fixture.engine())
        .learnTools(false).sessionId("conversation-7").build();

    client.callTool(call("read_file", Map.of("path", "src/App.java")));

    Action action = recorder.events(DecisionRecorder.Decided.class).get(0).action();
    assertThat(action.runId()).isEqualTo("conversation-7");
    assertThat(action.context()).containsEntry("mcp.tool.effect", "undeclared");
  }

  @Test
  void anEscalationApprovedByTheHostsOwnUiIsSentOnce() {
    fixture.ledger().assign(KEY, Lane.SANDBOX, "test", "setup");
    List<String> asked = new CopyOnWriteArrayList<>();
    GuardedMcpClient client = GuardedMcpClient.builder(mcp.client(AGENT), fixture.engine())
        .escalation(McpEscalation.always((action, decision) -> {
          asked.add(action.tool() + " " + decision.verdict());
          return Optional.of(new Escalation.Approved("alice", "CI change reviewed"));
        })).build();
    McpSchema.CallToolRequest ci = call("write_file", Map.of("path", ".github/workflows/ci.yml", "content", "on: push"));

    McpSchema.CallToolResult result = client.callTool(ci);

    assertThat(text(result)).isEqualTo("wrote .github/workflows/ci.yml");
    assertThat(result.meta()).containsEntry("dev.agentlane/approver", "alice");
    assertThat(asked).containsExactly("write_file ESCALATE");
    assertThat(server.runs).hasSize(1);
  }

  @Test
  void byDefaultAClientHasNobodyToAskAndAnEscalationIsRefused() {
    fixture.ledger().assign(KEY, Lane.SANDBOX, "test", "setup");
    GuardedMcpClient client = AgentLaneMcp.guard(mcp.client(AGENT), fixture.engine());

    McpSchema.CallToolResult result = client.callTool(call("write_file",
        Map.of("path", ".github/workflows/ci.yml", "content", "on: push")));

    assertThat(result.isError()).isTrue();
    assertThat(text(result)).contains("ESCALATE at lane sandbox");
    assertThat(server.runs).isEmpty();
  }

  @Test
  void elicitationHasNoUserOnTheClientSideSoTheCallIsRefusedSayingSo() {
    fixture.ledger().assign(KEY, Lane.SANDBOX, "test", "setup");
    GuardedMcpClient client = GuardedMcpClient.builder(mcp.client(AGENT), fixture.engine())
        .escalation(McpEscalation.elicitation(McpServerGuard.DEFAULT_ELICITATION_TIMEOUT)).build();

    McpSchema.CallToolResult result = client.callTool(call("write_file",
        Map.of("path", ".github/workflows/ci.yml", "content", "on: push")));

    assertThat(text(result)).endsWith("an MCP client has no user to elicit from; give the guarded client an escalation of its own.");
    assertThat(server.runs).isEmpty();
  }

  @Test
  void anErrorOfAPermittedCallIsThrownAsTheSdkThrowsItAndRecordedAsFailed() {
    GuardedMcpClient client = AgentLaneMcp.guard(mcp.client(AGENT), fixture.engine());
    fixture.engine().update(fixture.engine().policy().toBuilder()
        .tool(dev.agentlane.policy.ToolMapping.tool("no_such_tool").capability("code.read").build()).build());

    assertThatThrownBy(() -> client.callTool(call("no_such_tool", Map.of())))
        .isInstanceOf(McpError.class).hasMessageContaining("Unknown tool");

    assertThat(recorder.events(DecisionRecorder.Executed.class)).singleElement()
        .satisfies(e -> assertThat(e.execution().succeeded()).isFalse());
  }

  @Test
  void onlyCallToolIsGuardedTheRestIsTheDelegatesAndCloseClosesIt() {
    GuardedMcpClient client = AgentLaneMcp.guard(mcp.client(AGENT), fixture.engine());

    assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name)
        .containsExactly("read_file", "bash", "search", "write_file", "deploy_production");
    assertThat(client.delegate().isInitialized()).isTrue();
    assertThat(client.engine()).isSameAs(fixture.engine());
    client.close();
    assertThat(client.delegate().isInitialized()).as("closed").isFalse();
  }
}
