package dev.agentlane.springai.mcp;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

/**
 * A real MCP server over stdio, started as a process by {@link McpToolsTest}: one tool, {@code read_file},
 * which appends every call it serves to a file, so the test sees from outside what the server ran. It
 * exits on its own after a minute, whatever happens to the test.
 */
public final class RepoMcpServer {
  private RepoMcpServer() {}

  /** Serves until the client goes away; {@code args[0]} is the file that records the calls. */
  public static void main(String[] args) throws Exception {
    Path served = Path.of(args[0]);
    McpJsonMapper json = McpJsonDefaults.getMapper();
    McpServerFeatures.SyncToolSpecification readFile = McpServerFeatures.SyncToolSpecification.builder()
        .tool(new McpSchema.Tool("read_file", null, "Reads a file of the repository",
            Map.of("type", "object", "properties", Map.of("path", Map.of("type", "string")), "required", List.of("path")),
            null, null, null, null))
        .callHandler((exchange, request) -> {
          String path = String.valueOf(request.arguments().get("path"));
          try {
            Files.writeString(served, path + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          return McpSchema.CallToolResult.builder().addTextContent("contents of " + path).build();
        })
        .build();
    McpServer.sync(new StdioServerTransportProvider(json))
        .serverInfo("repo", "1.0")
        .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
        .tools(readFile)
        .build();
    Thread.sleep(60_000);
    System.exit(0);
  }
}
