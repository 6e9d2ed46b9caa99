package dev.agentlane.springai.mcp;

import static dev.agentlane.springai.ScriptedChatModel.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentlane.Verdict;
import dev.agentlane.springai.GuardedTool;
import dev.agentlane.springai.ScriptedChatModel;
import dev.agentlane.springai.SpringAiToolGuard;
import dev.agentlane.testkit.AgentLaneFixture;
import dev.agentlane.testkit.DecisionRecorder;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.ToolCallingAdvisor;
import org.springframework.ai.mcp.SyncMcpToolCallbackProvider;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.ToolCallbackProvider;

/**
 * MCP tools through Spring AI's MCP client: a real MCP server ({@link RepoMcpServer}, a separate process
 * over stdio), a real {@code McpSyncClient}, Spring AI's {@code SyncMcpToolCallbackProvider}, guarded, in
 * a real {@code ChatClient} loop. Spring AI 2.0 only (the MCP SDK's API differs in 1.1).
 */
class McpToolsTest {
  @TempDir
  Path dir;

  private final AgentLaneFixture fixture = AgentLaneFixture.ofDefaults();
  private final DecisionRecorder recorder = fixture.recorder();
  private McpSyncClient client;
  private Path served;

  @BeforeEach
  void startServer() {
    served = dir.resolve("served.txt");
    ServerParameters server = ServerParameters.builder(Path.of(System.getProperty("java.home"), "bin", "java").toString())
        .args("-cp", System.getProperty("java.class.path"), RepoMcpServer.class.getName(), served.toString())
        .build();
    client = McpClient.sync(new StdioClientTransport(server, McpJsonDefaults.getMapper()))
        .requestTimeout(Duration.ofSeconds(30)).build();
    client.initialize();
  }

  @AfterEach
  void stop() {
    client.closeGracefully();
    fixture.close();
  }

  private List<String> servedPaths() throws Exception {
    return Files.exists(served) ? Files.readAllLines(served) : List.of();
  }

  @Test
  void anMcpToolIsDecidedFirstAndTheServerNeverHearsARefusedCall() throws Exception {
    ToolCallbackProvider mcp = SyncMcpToolCallbackProvider.builder().mcpClients(List.of(client)).build();
    SpringAiToolGuard guard = SpringAiToolGuard.of(fixture.engine());
    ToolCallback[] tools = guard.wrap(mcp).getToolCallbacks();
    assertThat(tools).singleElement().isInstanceOf(GuardedTool.class);
    String name = tools[0].getToolDefinition().name();
    assertThat(name).as("the name the policy sees is the one Spring AI gives the MCP tool").endsWith("read_file");

    ScriptedChatModel model = new ScriptedChatModel()
        .thenCall(call(name, "{\"path\": \"README.md\"}"))
        .thenCall(call(name, "{\"path\": \"config/.env\"}"));
    ChatClient.builder(model).defaultAdvisors(ToolCallingAdvisor.builder().build()).build()
        .prompt().user("what does the repository do?").tools(guard.wrap(mcp))
        .toolContext(Map.of("chat_memory_conversation_id", "conv-mcp"))
        .call().content();

    assertThat(servedPaths()).as("the server ran the permitted call only").containsExactly("README.md");
    assertThat(model.toolResults().get(0)).contains("contents of README.md");
    assertThat(model.toolResults().get(1)).contains("agentlane refused this tool call").contains("stop.secrets");
    assertThat(recorder.events(DecisionRecorder.Decided.class)).extracting(d -> d.decision().verdict())
        .containsExactly(Verdict.ALLOW, Verdict.HALT);
    assertThat(recorder.events(DecisionRecorder.Decided.class)).extracting(d -> d.action().runId())
        .containsOnly("conv-mcp");
  }
}
