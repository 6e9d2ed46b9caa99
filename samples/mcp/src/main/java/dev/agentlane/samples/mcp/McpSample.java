package dev.agentlane.samples.mcp;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real MCP client calling a real MCP server ({@link McpSampleServer}, started as a child process) over
 * the SDK's stdio transport. The server's tools are guarded by agentlane on the shipped default policy; the
 * client prints each call, the decision the server attached to the result, and what it got back. When the
 * server escalates, it asks this client's user through MCP elicitation, and the sample's "user" approves.
 *
 * <p>Run it: {@code mvn -q -B -ntp install -DskipTests} once, then
 * {@code mvn -q -B -ntp -f samples/mcp/pom.xml exec:java}. No network, no API key.
 */
public final class McpSample {
  private McpSample() {}

  /** Runs the sample, printing to standard output. */
  public static void main(String[] args) throws IOException {
    run(System.out);
  }

  /** Runs the sample, printing to {@code out}. */
  static void run(PrintStream out) throws IOException {
    McpJsonMapper json = McpJsonDefaults.getMapper();
    ServerParameters server = ServerParameters.builder(Path.of(System.getProperty("java.home"), "bin", "java").toString())
        .args("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", classPath(), McpSampleServer.class.getName())
        .build();
    out.println("agentlane MCP sample: a real MCP client calls a real MCP server over stdio. The server's tools");
    out.println("are guarded by agentlane on the shipped default policy; the agent '" + McpSampleServer.AGENT
        + "' stands in lane sandbox.");
    try (McpSyncClient client = McpClient.sync(new StdioClientTransport(server, json))
        .clientInfo(McpSchema.Implementation.builder(McpSampleServer.AGENT, "1.0").build())
        .capabilities(McpSchema.ClientCapabilities.builder().elicitation().build())
        .elicitation(request -> {
          out.println("  the server asks this client's user to approve (MCP elicitation):");
          request.message().lines().forEach(line -> out.println("    | " + line));
          out.println("  the user approves");
          return new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.ACCEPT,
              Map.of("approve", true, "reason", "the CI change was reviewed"));
        })
        .requestTimeout(Duration.ofMinutes(2))
        .initializationTimeout(Duration.ofMinutes(1))
        .build()) {
      client.initialize();
      out.println("tools offered: " + client.listTools().tools().stream().map(McpSchema.Tool::name).toList());

      call(out, json, client, "read_file", Map.of("path", "src/main/App.java"));
      call(out, json, client, "bash", Map.of("command", "npm test"));
      call(out, json, client, "write_file", args("path", ".github/workflows/ci.yml", "content", "on: [push]"));
      call(out, json, client, "deploy_production", args("service", "web", "environment", "production", "version", "1.4.2"));
      call(out, json, client, "bash", Map.of("command", "npm test && cat .env"));
      call(out, json, client, "read_file", Map.of("path", "src/main/App.java"));
    }
  }

  private static void call(PrintStream out, McpJsonMapper json, McpSyncClient client, String tool,
      Map<String, Object> arguments) throws IOException {
    out.println();
    out.println("-> " + tool + " " + json.writeValueAsString(arguments));
    McpSchema.CallToolResult result = client.callTool(McpSchema.CallToolRequest.builder(tool).arguments(arguments).build());
    Map<String, Object> meta = result.meta() == null ? Map.of() : result.meta();
    String verdict = String.valueOf(meta.getOrDefault("dev.agentlane/verdict", "none")).toUpperCase(java.util.Locale.ROOT);
    out.println("  decision: " + verdict + " at lane " + meta.get("dev.agentlane/lane")
        + (meta.containsKey("dev.agentlane/approver") ? ", approved by " + meta.get("dev.agentlane/approver") : "")
        + " (" + meta.get("dev.agentlane/decision") + ")");
    out.println(Boolean.TRUE.equals(result.isError()) ? "  the client got an error result (isError: true):"
        : "  the client got:");
    for (McpSchema.Content c : result.content()) {
      if (c instanceof McpSchema.TextContent text) {
        text.text().lines().forEach(line -> out.println("    | " + line));
      }
    }
  }

  private static Map<String, Object> args(String... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  /**
   * The class path of this sample, for the server's JVM: the URLs of the loader that loaded it (as under
   * {@code exec:java}), or else this JVM's class path (as under a test runner).
   */
  static String classPath() {
    if (McpSample.class.getClassLoader() instanceof URLClassLoader loader) {
      List<String> entries = new ArrayList<>();
      for (URL url : loader.getURLs()) {
        try {
          entries.add(Path.of(url.toURI()).toString());
        } catch (URISyntaxException | IllegalArgumentException e) {
          // not a file: nothing a child JVM could load from
        }
      }
      if (!entries.isEmpty()) {
        return String.join(File.pathSeparator, entries);
      }
    }
    return System.getProperty("java.class.path");
  }
}
