package dev.agentlane.langchain4j;

import static dev.agentlane.langchain4j.ScriptedChatModel.answer;
import static dev.agentlane.langchain4j.ScriptedChatModel.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentlane.AgentKey;
import dev.agentlane.Lane;
import dev.agentlane.testkit.AgentLaneFixture;
import dev.agentlane.testkit.DecisionRecorder;
import dev.langchain4j.mcp.McpToolProvider;
import dev.langchain4j.mcp.client.DefaultMcpClient;
import dev.langchain4j.mcp.client.McpClient;
import dev.langchain4j.mcp.client.transport.stdio.StdioMcpTransport;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.tool.ToolProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MCP tools through LangChain4j's real MCP client: {@link StdioMcpServer} runs in its own JVM, started
 * by {@code StdioMcpTransport}; {@code McpToolProvider} offers its tools to a real AI service, guarded
 * with {@link AgentLaneTools#toolWrapper()} or by wrapping the provider. The server's own log says which
 * calls reached it.
 */
class McpToolWrapperTest {
  @TempDir
  static Path dir;
  private static Path serverLog;
  private static McpClient client;

  private final AgentLaneFixture fixture = AgentLaneFixture.ofDefaults();
  private final AgentLaneTools guarded = AgentLaneTools.builder(fixture.engine()).agent("coder").workflow("mcp").build();

  interface Assistant {
    String chat(String message);
  }

  @BeforeAll
  static void startServer() {
    serverLog = dir.resolve("calls.log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    StdioMcpTransport transport = new StdioMcpTransport.Builder()
        .command(List.of(java, "-cp", System.getProperty("java.class.path"), StdioMcpServer.class.getName(),
            serverLog.toString()))
        .build();
    client = new DefaultMcpClient.Builder().transport(transport).key("workspace")
        .initializationTimeout(Duration.ofSeconds(60)).toolExecutionTimeout(Duration.ofSeconds(60)).build();
  }

  @AfterAll
  static void stopServer() throws Exception {
    client.close();
  }

  McpToolWrapperTest() {
    fixture.ledger().assign(AgentKey.of("coder", "mcp"), Lane.SANDBOX, "test", "sandbox");
  }

  @AfterEach
  void close() throws IOException {
    fixture.close();
    Files.deleteIfExists(serverLog);
  }

  private List<String> serverSaw() throws IOException {
    return Files.exists(serverLog) ? Files.readAllLines(serverLog) : List.of();
  }

  private String converse(ToolProvider provider, ScriptedChatModel model) {
    return AiServices.builder(Assistant.class).chatModel(model).toolProvider(provider).build().chat("go");
  }

  @Test
  void theToolWrapperDecidesEveryMcpCallBeforeTheServerSeesIt() throws IOException {
    // docs:langchain4j-mcp:begin
    McpToolProvider provider = McpToolProvider.builder()
        .mcpClients(client)
        .toolWrapper(guarded.toolWrapper())   // every MCP tool call is decided before the server sees it
        .build();
    // docs:langchain4j-mcp:end
    ScriptedChatModel model = ScriptedChatModel.of(
        call("1", "read_file", "{\"path\": \"README.md\"}"),
        call("2", "bash", "{\"command\": \"npm test && cat .env\"}"),
        answer("done"));

    assertThat(converse(provider, model)).isEqualTo("done");

    assertThat(serverSaw()).containsExactly("read_file {\"path\":\"README.md\"}");
    assertThat(model.told("1").text()).isEqualTo("server ran read_file {\"path\":\"README.md\"}");
    assertThat(model.told("2").isError()).isTrue();
    assertThat(model.told("2").text()).startsWith("agentlane refused this tool call").contains("HALT")
        .contains("sensitive-path [stop.secrets]");
    assertThat(fixture.recorder().events(DecisionRecorder.Executed.class)).singleElement()
        .satisfies(e -> assertThat(e.execution().action().tool()).isEqualTo("read_file"));
  }

  @Test
  void aWrappedMcpToolProviderIsGuardedTheSameWay() throws IOException {
    ToolProvider provider = guarded.wrap(McpToolProvider.builder().mcpClients(client).build());
    ScriptedChatModel model = ScriptedChatModel.of(
        call("1", "bash", "{\"command\": \"npm test\"}"),
        call("2", "read_file", "{\"path\": \"src/App.java\", \"path\": \".env\"}"),
        answer("done"));

    converse(provider, model);

    assertThat(serverSaw()).containsExactly("bash {\"command\":\"npm test\"}");
    assertThat(model.told("2").text()).contains("DENY").contains("invalid-action");
  }

  @Test
  void renamedMcpToolsAreDecidedUnderTheNameTheModelCalled() throws IOException {
    McpToolProvider provider = McpToolProvider.builder().mcpClients(client)
        .toolNameMapper((c, spec) -> "workspace_" + spec.name()).toolWrapper(guarded.toolWrapper()).build();
    ScriptedChatModel model = ScriptedChatModel.of(call("1", "workspace_read_file", "{\"path\": \"README.md\"}"), answer("done"));

    converse(provider, model);

    assertThat(serverSaw()).as("the policy knows no tool workspace_read_file").isEmpty();
    assertThat(model.told("1").text()).contains("unmapped-tool");
  }
}
