package dev.agentlane.samples.mcp;

import dev.agentlane.AgentKey;
import dev.agentlane.Lane;
import dev.agentlane.PolicyEngine;
import dev.agentlane.mcp.AgentLaneMcp;
import dev.agentlane.policyfile.PolicyFiles;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/**
 * An MCP server over stdio with four tools, named as the shipped default policy names them, every one of
 * them guarded by agentlane. No tool touches a file, runs a command or deploys anything: each answers with
 * a text saying what it would have done. {@link McpSample} starts it as a child process.
 *
 * <p>Standard output is the MCP channel: nothing else may be printed there.
 */
public final class McpSampleServer {
  /** The agent the sample's client says it is (its {@code clientInfo} name), and so the agent decided. */
  static final String AGENT = "sample-agent";

  private McpSampleServer() {}

  /** Serves until the client closes the connection (which ends this process). */
  public static void main(String[] args) throws InterruptedException {
    PolicyEngine engine = PolicyEngine.builder().policy(PolicyFiles.defaultPolicy()).workspace("/work/sample-repo").build();
    // The sample's agent has earned the sandbox lane: it may run tests, not push, not deploy.
    engine.lanes().assign(AgentKey.of(AGENT, "mcp"), Lane.SANDBOX, "sample", "the sample's agent earned the sandbox");

    List<SyncToolSpecification> tools = List.of(
        tool("read_file", true, a -> "package app;\n\npublic class App {}\n"),
        tool("bash", false, a -> "(the sample ran nothing) $ " + a.get("command") + "\n42 tests passed"),
        tool("write_file", false, a -> "wrote " + a.get("path")),
        tool("deploy_production", false, a -> "deployed " + a.get("service") + " " + a.get("version")));

    // docs:mcp-server:begin
    McpSyncServer server = McpServer.sync(new StdioServerTransportProvider(McpJsonDefaults.getMapper()))
        .serverInfo("sample-tools", "1.0")
        .requestTimeout(Duration.ofMinutes(2)) // an approval (elicitation) waits for a human
        .tools(AgentLaneMcp.guard(engine).tools(tools))
        .build();
    // docs:mcp-server:end
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      engine.close();
    }));
    new CountDownLatch(1).await();
  }

  private static SyncToolSpecification tool(String name, boolean readOnly, Function<Map<String, Object>, String> body) {
    McpSchema.Tool tool = McpSchema.Tool.builder(name, Map.of("type", "object"))
        .description("the sample's " + name)
        .annotations(McpSchema.ToolAnnotations.builder().readOnlyHint(readOnly).build())
        .build();
    return SyncToolSpecification.builder().tool(tool)
        .callHandler((exchange, request) -> McpSchema.CallToolResult.builder()
            .addTextContent(body.apply(request.arguments())).build())
        .build();
  }
}
