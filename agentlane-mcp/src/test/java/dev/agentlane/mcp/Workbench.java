package dev.agentlane.mcp;

import io.modelcontextprotocol.server.McpServerFeatures.AsyncToolSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * MCP tools for the tests, named as the shipped default policy names them. None touches the file system or
 * runs a command: each records that it ran, with its arguments, and answers with a text.
 */
final class Workbench {
  /** Every tool run, as {@code name arguments}, in order. */
  final List<String> runs = new CopyOnWriteArrayList<>();

  static McpSchema.ToolAnnotations readOnly() {
    return McpSchema.ToolAnnotations.builder().readOnlyHint(true).build();
  }

  static McpSchema.ToolAnnotations destructive() {
    return McpSchema.ToolAnnotations.builder().readOnlyHint(false).destructiveHint(true).build();
  }

  static McpSchema.ToolAnnotations additive() {
    return McpSchema.ToolAnnotations.builder().readOnlyHint(false).destructiveHint(false).idempotentHint(true).build();
  }

  static McpSchema.Tool declaration(String name, McpSchema.@Nullable ToolAnnotations annotations) {
    McpSchema.Tool.Builder b = McpSchema.Tool.builder(name, Map.of("type", "object"))
        .description("the " + name + " tool");
    if (annotations != null) {
      b.annotations(annotations);
    }
    return b.build();
  }

  SyncToolSpecification tool(String name, McpSchema.@Nullable ToolAnnotations annotations,
      Function<Map<String, Object>, String> body) {
    return SyncToolSpecification.builder().tool(declaration(name, annotations)).callHandler((exchange, request) -> {
      runs.add(name + " " + request.arguments());
      return McpSchema.CallToolResult.builder().addTextContent(body.apply(request.arguments())).build();
    }).build();
  }

  AsyncToolSpecification asyncTool(String name, Function<Map<String, Object>, String> body) {
    return AsyncToolSpecification.builder().tool(declaration(name, null)).callHandler((exchange, request) ->
        Mono.fromSupplier(() -> {
          runs.add(name + " " + request.arguments());
          return McpSchema.CallToolResult.builder().addTextContent(body.apply(request.arguments())).build();
        })).build();
  }

  SyncToolSpecification readFile() {
    return tool("read_file", readOnly(), args -> "contents of " + args.get("path"));
  }

  SyncToolSpecification bash() {
    return tool("bash", destructive(), args -> "ran " + args.get("command"));
  }

  SyncToolSpecification search() {
    return tool("search", readOnly(), args -> "found nothing for " + args.get("query"));
  }

  SyncToolSpecification writeFile() {
    return tool("write_file", destructive(), args -> "wrote " + args.get("path"));
  }

  SyncToolSpecification deployProduction() {
    return tool("deploy_production", destructive(), args -> "deployed " + args.get("service"));
  }

  /** The five tools above. */
  List<SyncToolSpecification> all() {
    return List.of(readFile(), bash(), search(), writeFile(), deployProduction());
  }
}
