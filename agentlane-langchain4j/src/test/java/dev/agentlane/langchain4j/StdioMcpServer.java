package dev.agentlane.langchain4j;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A minimal MCP server over stdio (newline-delimited JSON-RPC 2.0), run by the tests as a separate JVM
 * that LangChain4j's {@code StdioMcpTransport} starts, so the MCP client under test is the real one. It
 * offers two tools, {@code read_file} and {@code bash}, runs nothing, and appends every {@code
 * tools/call} it receives to the file named by its first argument: what the server really saw.
 */
public final class StdioMcpServer {
  private static final ObjectMapper JSON = new ObjectMapper();

  private StdioMcpServer() {}

  public static void main(String[] args) throws IOException {
    Path calls = Path.of(args[0]);
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode message = JSON.readTree(line);
      JsonNode id = message.get("id");
      if (id == null) {
        continue; // a notification: nothing to answer
      }
      ObjectNode response = JSON.createObjectNode().put("jsonrpc", "2.0").set("id", id);
      String method = message.path("method").asText();
      switch (method) {
        case "initialize" -> response.set("result", JSON.readTree("""
            {"protocolVersion": "%s", "capabilities": {"tools": {}},
             "serverInfo": {"name": "agentlane-test-server", "version": "1"}}
            """.formatted(message.path("params").path("protocolVersion").asText("2025-06-18"))));
        case "ping" -> response.set("result", JSON.createObjectNode());
        case "tools/list" -> response.set("result", JSON.readTree("""
            {"tools": [
              {"name": "read_file", "description": "Reads a file",
               "inputSchema": {"type": "object", "properties": {"path": {"type": "string"}}, "required": ["path"]}},
              {"name": "bash", "description": "Runs a shell command",
               "inputSchema": {"type": "object", "properties": {"command": {"type": "string"}}, "required": ["command"]}}
            ]}
            """));
        case "tools/call" -> {
          JsonNode params = message.path("params");
          String tool = params.path("name").asText();
          String arguments = JSON.writeValueAsString(params.path("arguments"));
          Files.writeString(calls, tool + " " + arguments + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
              StandardOpenOption.APPEND);
          ObjectNode result = JSON.createObjectNode().put("isError", false);
          result.putArray("content").addObject().put("type", "text").put("text", "server ran " + tool + " " + arguments);
          response.set("result", result);
        }
        default -> response.set("error", JSON.createObjectNode().put("code", -32601).put("message", "no method " + method));
      }
      out.println(JSON.writeValueAsString(response));
    }
  }
}
