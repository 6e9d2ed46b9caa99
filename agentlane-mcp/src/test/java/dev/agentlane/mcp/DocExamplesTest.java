package dev.agentlane.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentlane.Action;
import dev.agentlane.PolicyEngine;
import dev.agentlane.Verdict;
import dev.agentlane.guard.Escalation;
import dev.agentlane.policy.Policy;
import dev.agentlane.policyfile.PolicyFiles;
import dev.agentlane.testkit.AgentLaneFixture;
import dev.agentlane.testkit.DecisionRecorder;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The examples of docs/integrations/mcp.md, compiled and run against a real server and client (the page
 * shows the lines between the {@code docs:NAME} markers; {@code DocSnippetsTest} checks they match).
 */
class DocExamplesTest {
  private final AgentLaneFixture fixture = AgentLaneFixture.ofDefaults();
  private final Workbench bench = new Workbench();
  private McpOverHttp mcp;

  @AfterEach
  void close() throws Exception {
    if (mcp != null) {
      mcp.close();
    }
    fixture.close();
  }

  /** The user an authenticating HTTP server's transport context extractor put on the request, if any. */
  private static String principalOr(McpTransportContext context, String fallback) {
    Object user = context.get("principal");
    return user == null ? fallback : user.toString();
  }

  @Test
  void theMappingExample() {
    PolicyEngine engine = fixture.engine();
    List<SyncToolSpecification> tools = bench.all();
    // docs:mcp-mapping:begin
    McpActionMapper actions = McpActionMapper.builder()
        .agent(call -> principalOr(call.transportContext(), call.clientName()))
        .workflow("repo-maintenance")
        .tool(call -> call.name().replaceFirst("^repo_", ""))      // repo_read_file -> read_file
        .customize((call, action) -> action.workspace("/srv/checkouts/" + call.sessionId()))
        .build();
    McpServerGuard guard = McpServerGuard.builder(engine)
        .actions(actions)
        .escalation(McpEscalation.elicitation(Duration.ofMinutes(5)))
        .build();
    // docs:mcp-mapping:end
    mcp = McpOverHttp.sync(spec -> spec.tools(guard.tools(tools)));
    McpSyncClient client = mcp.client("cursor");

    client.callTool(McpSchema.CallToolRequest.builder("read_file").arguments(Map.of("path", "src/App.java")).build());

    Action action = fixture.recorder().events(DecisionRecorder.Decided.class).get(0).action();
    assertThat(action.agent()).isEqualTo("cursor");
    assertThat(action.workflow()).isEqualTo("repo-maintenance");
    assertThat(action.workspace()).isEqualTo("/srv/checkouts/" + action.runId());
    assertThat(bench.runs).hasSize(1);
  }

  @Test
  void theClientExample() {
    PolicyEngine engine = fixture.engine();
    mcp = McpOverHttp.sync(spec -> spec.tools(bench.all()));
    McpSyncClient mcpClient = mcp.client("release-bot");
    String conversationId = "conversation-42";
    Escalation askTheUserInTheIde = (action, decision) -> Optional.empty();
    // docs:mcp-client:begin
    GuardedMcpClient tools = GuardedMcpClient.builder(mcpClient, engine)
        .sessionId(conversationId)                        // the run id of every action
        .escalation(McpEscalation.always(askTheUserInTheIde))
        .build();
    McpSchema.CallToolResult result = tools.callTool(McpSchema.CallToolRequest.builder("bash")
        .arguments(Map.of("command", "npm test && cat .env")).build());
    // result.isError() is true, the text says why; the server never saw the call
    // docs:mcp-client:end

    assertThat(result.isError()).isTrue();
    assertThat(bench.runs).isEmpty();
    assertThat(fixture.recorder().last().verdict()).isEqualTo(Verdict.HALT);
    assertThat(fixture.recorder().events(DecisionRecorder.Decided.class).get(0).action().runId())
        .isEqualTo(conversationId);
  }

  @Test
  void theHintsExample() {
    List<McpSchema.Tool> tools = List.of(Workbench.declaration("list_tables", Workbench.readOnly()),
        Workbench.declaration("drop_table", Workbench.destructive()));
    // docs:mcp-hints:begin
    Policy policy = McpToolHints.builder()
        .capability(McpToolEffect.READ_ONLY, "code.read")     // unlisted read-only tools: like read_file
        .stop(McpToolEffect.DESTRUCTIVE, Verdict.ESCALATE)    // any destructive tool: a human approves
        .build()
        .extend(PolicyFiles.defaultPolicy(), tools);
    // docs:mcp-hints:end

    assertThat(policy.tools()).anySatisfy(t -> assertThat(t.tool()).isEqualTo("list_tables"));
    assertThat(policy.tools()).noneSatisfy(t -> assertThat(t.tool()).isEqualTo("drop_table"));
  }
}
