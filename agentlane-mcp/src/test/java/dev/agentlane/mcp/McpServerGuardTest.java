package dev.agentlane.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentlane.Action;
import dev.agentlane.AgentKey;
import dev.agentlane.Decision;
import dev.agentlane.Lane;
import dev.agentlane.ReasonCode;
import dev.agentlane.ToolArguments;
import dev.agentlane.Verdict;
import dev.agentlane.testkit.AgentLaneFixture;
import dev.agentlane.testkit.DecisionRecorder;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A real MCP server, its tools guarded by {@link McpServerGuard} on the shipped default policy, called by real
 * MCP clients over the SDK's Streamable HTTP transport.
 */
class McpServerGuardTest {
  private static final String AGENT = "claude-code";
  private static final AgentKey KEY = AgentKey.of(AGENT, McpActionMapper.DEFAULT_WORKFLOW);

  private final AgentLaneFixture fixture = AgentLaneFixture.ofDefaults();
  private final DecisionRecorder recorder = fixture.recorder();
  private final Workbench bench = new Workbench();
  private McpOverHttp mcp;

  @AfterEach
  void close() throws Exception {
    if (mcp != null) {
      mcp.close();
    }
    fixture.close();
  }

  private McpSyncClient serve(McpServerGuard guard, List<SyncToolSpecification> tools) {
    mcp = McpOverHttp.sync(spec -> spec.tools(guard.tools(tools)));
    return mcp.client(AGENT);
  }

  private McpSyncClient serveWithElicitation(Function<McpSchema.ElicitFormRequest, McpSchema.ElicitResult> human) {
    mcp = McpOverHttp.sync(spec -> spec.tools(AgentLaneMcp.guard(fixture.engine()).tools(bench.all())));
    return mcp.client(AGENT, human);
  }

  private void standIn(Lane lane) {
    fixture.ledger().assign(KEY, lane, "test", "setup");
  }

  private static McpSchema.CallToolRequest call(String tool, Map<String, Object> arguments) {
    return McpSchema.CallToolRequest.builder(tool).arguments(arguments).build();
  }

  private static String text(McpSchema.CallToolResult result) {
    assertThat(result.content()).singleElement().isInstanceOf(McpSchema.TextContent.class);
    return ((McpSchema.TextContent) result.content().get(0)).text();
  }

  private static McpSchema.ElicitResult approve(String reason) {
    return new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.ACCEPT, Map.of("approve", true, "reason", reason));
  }

  @Test
  void aPermittedToolRunsAndTheClientGetsItsResultWithTheDecision() {
    McpSyncClient client = serve(AgentLaneMcp.guard(fixture.engine()), bench.all());

    McpSchema.CallToolResult result = client.callTool(call("read_file", Map.of("path", "src/App.java")));

    assertThat(result.isError()).isNotEqualTo(Boolean.TRUE);
    assertThat(text(result)).isEqualTo("contents of src/App.java");
    assertThat(bench.runs).containsExactly("read_file {path=src/App.java}");
    Decision decision = recorder.last();
    assertThat(decision.verdict()).isEqualTo(Verdict.ALLOW);
    assertThat(result.meta()).containsEntry("dev.agentlane/decision", decision.id())
        .containsEntry("dev.agentlane/verdict", "allow").containsEntry("dev.agentlane/lane", "draft");
    assertThat(recorder.events(DecisionRecorder.Executed.class)).singleElement().satisfies(e -> {
      assertThat(e.execution().succeeded()).isTrue();
      assertThat(e.execution().decision().id()).isEqualTo(decision.id());
    });
  }

  @Test
  void aRefusedToolNeverRunsAndTheClientReadsWhyAsAnErrorResult() {
    McpSyncClient client = serve(AgentLaneMcp.guard(fixture.engine()), bench.all());

    McpSchema.CallToolResult result = client.callTool(call("bash", Map.of("command", "npm test")));

    assertThat(result.isError()).isTrue();
    assertThat(text(result)).startsWith("agentlane refused this tool call (decision ")
        .contains("DENY at lane draft").contains("lane-too-low").contains("to proceed:");
    assertThat(result.meta()).containsEntry("dev.agentlane/verdict", "deny");
    assertThat(bench.runs).isEmpty();
    assertThat(recorder.events(DecisionRecorder.Executed.class)).isEmpty();
    assertThat(client.callTool(call("read_file", Map.of("path", "README.md"))).isError())
        .as("the session goes on after a refusal").isNotEqualTo(Boolean.TRUE);
  }

  @Test
  void aSecretPathHiddenInANestedArgumentObjectHaltsAndNothingRuns() {
    McpSyncClient client = serve(AgentLaneMcp.guard(fixture.engine()), bench.all());
    Map<String, Object> arguments = Map.of("query", "password",
        "options", Map.of("scope", Map.of("paths", List.of("src", "config/.env.production"))));

    McpSchema.CallToolResult result = client.callTool(call("search", arguments));

    assertThat(result.isError()).isTrue();
    assertThat(text(result)).contains("HALT").contains("sensitive-path [stop.secrets]").contains(".env.production");
    assertThat(bench.runs).isEmpty();
    assertThat(fixture.engine().lanes().status(KEY).halted()).as("a secret halts the pair").isTrue();
    assertThat(client.callTool(call("read_file", Map.of("path", "src/App.java"))).isError())
        .as("until a human resets it, even harmless calls are refused").isTrue();
    assertThat(bench.runs).isEmpty();
  }

  @Test
  void aShellLineThatAlsoReadsASecretHaltsEvenInTheSandbox() {
    standIn(Lane.SANDBOX);
    McpSyncClient client = serve(AgentLaneMcp.guard(fixture.engine()), bench.all());

    assertThat(client.callTool(call("bash", Map.of("command", "npm test"))).isError()).isNotEqualTo(Boolean.TRUE);
    McpSchema.CallToolResult result = client.callTool(call("bash", Map.of("command", "npm test && cat .env")));

    assertThat(result.isError()).isTrue();
    assertThat(text(result)).contains("HALT at lane sandbox").contains("sensitive-path [stop.secrets]");
    assertThat(bench.runs).containsExactly("bash {command=npm test}");
  }

  @Test
  void argumentsNestedDeeperThanTheEngineReadsAreRefused() {
    McpSyncClient client = serve(AgentLaneMcp.guard(fixture.engine()), bench.all());
    Map<String, Object> deep = new HashMap<>(Map.of("leaf", "x"));
    for (int i = 0; i < 70; i++) {
      deep = new HashMap<>(Map.of("nested", deep));
    }
    deep.put("query", "x");

    McpSchema.CallToolResult result = client.callTool(call("search", deep));

    assertThat(result.isError()).isTrue();
    assertThat(text(result)).contains("DENY").contains(ReasonCode.INVALID_ACTION.code());
    assertThat(bench.runs).isEmpty();
  }

  @Test
  void aDuplicateKeySmugglingASecretPathIsJudgedAsTheToolWouldReadIt() throws Exception {
    mcp = McpOverHttp.sync(spec -> spec.tools(AgentLaneMcp.guard(fixture.engine()).tools(bench.all())));
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> init = post(http, null, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
        + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}");
    String session = init.headers().firstValue("mcp-session-id").orElseThrow();
    post(http, session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");

    // the raw JSON a hostile client sends: the first "path" looks harmless, the second is what the tool reads
    HttpResponse<String> response = post(http, session, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":"
        + "{\"name\":\"read_file\",\"arguments\":{\"path\":\"src/App.java\",\"path\":\"config/.env\"}}}");

    assertThat(response.body()).contains("\"isError\":true").contains("stop.secrets");
    assertThat(recorder.events(DecisionRecorder.Decided.class).get(0).action().arguments())
        .as("the map the handler would have received").isEqualTo(ToolArguments.json("{\"path\":\"config/.env\"}"));
    assertThat(bench.runs).isEmpty();
  }

  private HttpResponse<String> post(HttpClient http, String session, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(mcp.endpoint()))
        .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (session != null) {
      b.header("mcp-session-id", session).header("mcp-protocol-version", "2025-06-18");
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void unexpectedTopLevelArgumentsAreRefused() {
    McpSyncClient client = serve(AgentLaneMcp.guard(fixture.engine()), bench.all());

    McpSchema.CallToolResult result = client.callTool(call("read_file", Map.of("path", "src/App.java", "root", "/")));

    assertThat(result.isError()).isTrue();
    assertThat(text(result)).contains("DENY");
    assertThat(bench.runs).isEmpty();
  }

  @Test
  void theSessionClientAndToolAreMappedOntoTheAction() {
    McpSyncClient client = serve(AgentLaneMcp.guard(fixture.engine()), bench.all());

    client.callTool(call("read_file", Map.of("path", "src/App.java")));

    Action action = recorder.events(DecisionRecorder.Decided.class).get(0).action();
    assertThat(action.agent()).isEqualTo(AGENT);
    assertThat(action.workflow()).isEqualTo("mcp");
    assertThat(action.runId()).isNotBlank();
    assertThat(action.tool()).isEqualTo("read_file");
    assertThat(action.arguments()).isEqualTo(ToolArguments.json("{\"path\":\"src/App.java\"}"));
    assertThat(action.context())
        .containsEntry("mcp.side", "server")
        .containsEntry("mcp.session", action.runId())
        .containsEntry("mcp.client.name", AGENT)
        .containsEntry("mcp.client.version", "1.2.3")
        .containsEntry("mcp.tool", "read_file")
        .containsEntry("mcp.tool.effect", "read-only")
        .containsEntry("mcp.hint.readOnly", "true")
        .doesNotContainKey("mcp.hint.destructive");
  }

  @Test
  void theMappingIsConfigurable() {
    McpActionMapper actions = McpActionMapper.builder()
        .agent("repo-bot").workflow(call -> "bugfix")
        .runId(call -> "run-" + call.clientInfo().name())
        .tool(call -> call.name().replaceFirst("^fs_", ""))
        .customize((call, action) -> action.context("ticket", "OPS-42"))
        .build();
    McpServerGuard guard = McpServerGuard.builder(fixture.engine()).actions(actions).build();
    McpSyncClient client = serve(guard, List.of(bench.tool("fs_read_file", null, args -> "ok")));

    McpSchema.CallToolResult result = client.callTool(call("fs_read_file", Map.of("path", "src/App.java")));

    assertThat(text(result)).isEqualTo("ok");
    Action action = recorder.events(DecisionRecorder.Decided.class).get(0).action();
    assertThat(action.agent()).isEqualTo("repo-bot");
    assertThat(action.workflow()).isEqualTo("bugfix");
    assertThat(action.runId()).isEqualTo("run-" + AGENT);
    assertThat(action.tool()).as("the policy knows it as read_file").isEqualTo("read_file");
    assertThat(action.context()).containsEntry("mcp.tool", "fs_read_file").containsEntry("ticket", "OPS-42")
        .containsEntry("mcp.tool.effect", "undeclared");
  }

  @Test
  void aMappingThatFailsRefusesTheCallWithoutDecidingOrRunningIt() {
    McpActionMapper broken = McpActionMapper.builder().agent(call -> {
      throw new IllegalStateException("no principal on this request");
    }).build();
    McpSyncClient client = serve(McpServerGuard.builder(fixture.engine()).actions(broken).build(), bench.all());

    McpSchema.CallToolResult result = client.callTool(call("read_file", Map.of("path", "src/App.java")));

    assertThat(result.isError()).isTrue();
    assertThat(text(result)).startsWith("agentlane refused this tool call: its action could not be built (")
        .contains("no principal on this request");
    assertThat(bench.runs).isEmpty();
    assertThat(recorder.decisions()).isEmpty();
  }

  @Test
  void anEscalationTheUserApprovesThroughElicitationRunsOnce() {
    standIn(Lane.SANDBOX);
    List<McpSchema.ElicitFormRequest> asked = new CopyOnWriteArrayList<>();
    McpSyncClient client = serveWithElicitation(request -> {
      asked.add(request);
      return approve("reviewed the workflow change");
    });
    McpSchema.CallToolRequest ci = call("write_file", Map.of("path", ".github/workflows/ci.yml", "content", "on: push"));

    McpSchema.CallToolResult result = client.callTool(ci);

    assertThat(result.isError()).isNotEqualTo(Boolean.TRUE);
    assertThat(text(result)).isEqualTo("wrote .github/workflows/ci.yml");
    assertThat(result.meta()).containsEntry("dev.agentlane/verdict", "allow")
        .containsEntry("dev.agentlane/approver", "elicitation:" + AGENT);
    assertThat(asked).singleElement().satisfies(r -> {
      assertThat(r.message()).contains("write_file").contains(".github/workflows/ci.yml")
          .contains("ESCALATE").contains("stop.infra-and-ci");
      assertThat(r.requestedSchema()).containsKey("properties");
    });
    assertThat(recorder.events(DecisionRecorder.GrantIssued.class)).singleElement().satisfies(g -> {
      assertThat(g.grant().approver()).isEqualTo("elicitation:" + AGENT);
      assertThat(g.grant().reason()).isEqualTo("reviewed the workflow change");
    });
    assertThat(client.callTool(ci).isError()).as("the approval was for one call: the next one asks again")
        .isNotEqualTo(Boolean.TRUE);
    assertThat(asked).hasSize(2);
    assertThat(bench.runs).hasSize(2);
  }

  @Test
  void anEscalationTheUserDeclinesIsRefusedAndSaysSo() {
    standIn(Lane.SANDBOX);
    McpSyncClient client = serveWithElicitation(
        request -> new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.DECLINE, null));

    McpSchema.CallToolResult result = client.callTool(call("write_file",
        Map.of("path", ".github/workflows/ci.yml", "content", "on: push")));

    assertThat(result.isError()).isTrue();
    assertThat(text(result)).contains("ESCALATE at lane sandbox").endsWith("The user declined the approval request.");
    assertThat(bench.runs).isEmpty();
    assertThat(recorder.events(DecisionRecorder.GrantIssued.class)).isEmpty();
  }

  @Test
  void anAcceptedFormThatDoesNotTickApproveIsNotAnApproval() {
    standIn(Lane.SANDBOX);
    McpSyncClient client = serveWithElicitation(request -> new McpSchema.ElicitResult(
        McpSchema.ElicitResult.Action.ACCEPT, Map.of("approve", false, "reason", "not today")));

    McpSchema.CallToolResult result = client.callTool(call("write_file",
        Map.of("path", ".github/workflows/ci.yml", "content", "on: push")));

    assertThat(result.isError()).isTrue();
    assertThat(text(result)).endsWith("The user answered the approval request without approving the call.");
    assertThat(bench.runs).isEmpty();
  }

  @Test
  void anApprovalRequestNobodyAnswersInTimeIsRefused() throws InterruptedException {
    standIn(Lane.SANDBOX);
    CountDownLatch answered = new CountDownLatch(1);
    McpServerGuard guard = McpServerGuard.builder(fixture.engine())
        .escalation(McpEscalation.elicitation(Duration.ofMillis(300))).build();
    mcp = McpOverHttp.sync(spec -> spec.tools(guard.tools(bench.all())));
    McpSyncClient client = mcp.client(AGENT, request -> {
      try {
        answered.await(30, TimeUnit.SECONDS); // a human who has gone to lunch
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return approve("too late");
    });

    McpSchema.CallToolResult result = client.callTool(call("write_file",
        Map.of("path", ".github/workflows/ci.yml", "content", "on: push")));
    answered.countDown();

    assertThat(result.isError()).isTrue();
    assertThat(text(result)).endsWith("Nobody answered the approval request within 300 ms.");
    assertThat(bench.runs).isEmpty();
    assertThat(recorder.events(DecisionRecorder.GrantIssued.class)).isEmpty();
  }

  @Test
  void aClientWithoutElicitationIsNotAskedAndTheCallIsRefusedWithTheReason() {
    standIn(Lane.SANDBOX);
    McpSyncClient client = serve(AgentLaneMcp.guard(fixture.engine()), bench.all());

    McpSchema.CallToolResult result = client.callTool(call("write_file",
        Map.of("path", ".github/workflows/ci.yml", "content", "on: push")));

    assertThat(result.isError()).isTrue();
    assertThat(text(result)).contains("ESCALATE").endsWith("Nobody could be asked to approve it: the MCP client '"
        + AGENT + "' did not declare the elicitation capability.");
    assertThat(bench.runs).isEmpty();
  }

  @Test
  void aDenyIsNeverEscalatedToTheUser() {
    List<McpSchema.ElicitFormRequest> asked = new CopyOnWriteArrayList<>();
    McpSyncClient client = serveWithElicitation(request -> {
      asked.add(request);
      return approve("yes to everything");
    });

    McpSchema.CallToolResult result = client.callTool(call("deploy_production",
        Map.of("service", "web", "environment", "production", "version", "1.4.2")));

    assertThat(result.isError()).isTrue();
    assertThat(text(result)).contains("DENY at lane draft");
    assertThat(asked).isEmpty();
    assertThat(bench.runs).isEmpty();
  }

  @Test
  void aToolThatThrowsIsRecordedAsAFailedExecution() {
    SyncToolSpecification failing = SyncToolSpecification.builder()
        .tool(Workbench.declaration("read_file", Workbench.readOnly()))
        .callHandler((exchange, request) -> {
          throw new IllegalStateException("disk full");
        }).build();
    McpSyncClient client = serve(AgentLaneMcp.guard(fixture.engine()), List.of(failing));

    assertThatThrownBy(() -> client.callTool(call("read_file", Map.of("path", "src/App.java"))))
        .as("as the SDK answers a failing handler without the guard: a JSON-RPC error")
        .isInstanceOf(McpError.class).hasMessageContaining("disk full");
    assertThat(recorder.events(DecisionRecorder.Executed.class)).singleElement().satisfies(e -> {
      assertThat(e.execution().succeeded()).isFalse();
      assertThat(e.execution().failure()).contains("disk full");
    });
  }

  @Test
  void aSpecificationIsGuardedOnlyOnce() {
    McpServerGuard guard = AgentLaneMcp.guard(fixture.engine());
    SyncToolSpecification once = guard.tool(bench.readFile());

    assertThatThrownBy(() -> guard.tool(once)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'read_file' is already guarded");
  }

  @Test
  void asynchronousToolsAreGuardedToo() {
    mcp = McpOverHttp.async(spec -> spec.tools(AgentLaneMcp.guard(fixture.engine()).tools(
        bench.asyncTool("read_file", args -> "contents of " + args.get("path")),
        bench.asyncTool("bash", args -> "ran " + args.get("command")))));
    McpSyncClient client = mcp.client(AGENT);

    McpSchema.CallToolResult read = client.callTool(call("read_file", Map.of("path", "src/App.java")));
    McpSchema.CallToolResult shell = client.callTool(call("bash", Map.of("command", "npm test && cat .env")));

    assertThat(text(read)).isEqualTo("contents of src/App.java");
    assertThat(read.meta()).containsEntry("dev.agentlane/verdict", "allow");
    assertThat(shell.isError()).isTrue();
    assertThat(text(shell)).contains("HALT");
    assertThat(bench.runs).containsExactly("read_file {path=src/App.java}");
    assertThat(recorder.events(DecisionRecorder.Executed.class)).hasSize(1);
  }
}
