package dev.agentlane.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentlane.AgentKey;
import dev.agentlane.Lane;
import dev.agentlane.PolicyException;
import dev.agentlane.Verdict;
import dev.agentlane.policy.Policy;
import dev.agentlane.policy.ToolMapping;
import dev.agentlane.policyfile.PolicyFiles;
import dev.agentlane.testkit.AgentLaneFixture;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * MCP tool annotations turned into policy ({@link McpToolHints}), decided for real tool calls over MCP.
 */
class McpToolHintsTest {
  private static final String AGENT = "analyst";
  private static final AgentKey KEY = AgentKey.of(AGENT, McpActionMapper.DEFAULT_WORKFLOW);

  private final Workbench bench = new Workbench();
  private final List<SyncToolSpecification> tools = List.of(
      bench.tool("list_tables", Workbench.readOnly(), args -> "users, orders"),
      bench.tool("create_note", Workbench.additive(), args -> "noted"),
      bench.tool("drop_table", Workbench.destructive(), args -> "dropped"),
      bench.tool("vacuum", null, args -> "vacuumed"),
      bench.writeFile());
  private AgentLaneFixture fixture;
  private McpOverHttp mcp;

  @AfterEach
  void close() throws Exception {
    if (mcp != null) {
      mcp.close();
    }
    if (fixture != null) {
      fixture.close();
    }
  }

  private McpSyncClient serve(McpToolHints hints, Lane lane, boolean elicitation) {
    Policy policy = hints.extend(PolicyFiles.defaultPolicy(), tools.stream().map(SyncToolSpecification::tool).toList());
    fixture = AgentLaneFixture.builder().policy(policy).build();
    fixture.ledger().assign(KEY, lane, "test", "setup");
    mcp = McpOverHttp.sync(spec -> spec.tools(AgentLaneMcp.guard(fixture.engine()).tools(tools)));
    return elicitation
        ? mcp.client(AGENT, r -> new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.ACCEPT, Map.of("approve", true)))
        : mcp.client(AGENT);
  }

  private static McpSchema.CallToolResult call(McpSyncClient client, String tool, Map<String, Object> arguments) {
    return client.callTool(McpSchema.CallToolRequest.builder(tool).arguments(arguments).build());
  }

  private static String text(McpSchema.CallToolResult result) {
    return ((McpSchema.TextContent) result.content().get(0)).text();
  }

  @Test
  void unlistedToolsGetTheCapabilityOfTheirDeclaredEffectAndTheRestStayUnknown() {
    McpToolHints hints = McpToolHints.builder()
        .capability(McpToolEffect.READ_ONLY, "code.read")
        .capability(McpToolEffect.ADDITIVE, "workspace.write")
        .build();
    McpSyncClient client = serve(hints, Lane.DRAFT, false);

    assertThat(text(call(client, "list_tables", Map.of()))).as("read-only: code.read, earned at draft")
        .isEqualTo("users, orders");
    assertThat(text(call(client, "create_note", Map.of("text", "hi")))).as("additive: workspace.write, a sandbox capability")
        .contains("DENY at lane draft").contains("lane-too-low");
    assertThat(text(call(client, "drop_table", Map.of("table", "users")))).as("destructive: no capability given")
        .contains("unmapped-tool");
    assertThat(text(call(client, "vacuum", Map.of()))).as("undeclared: no capability given").contains("unmapped-tool");
    assertThat(bench.runs).containsExactly("list_tables {}");
  }

  @Test
  void aToolMappedByItsHintIsStillCheckedForSecretsInItsArguments() {
    McpSyncClient client = serve(McpToolHints.builder().capability(McpToolEffect.READ_ONLY, "code.read").build(),
        Lane.DRAFT, false);

    McpSchema.CallToolResult result = call(client, "list_tables", Map.of("export", Map.of("to", "../.aws/credentials")));

    assertThat(result.isError()).isTrue();
    assertThat(text(result)).contains("HALT").contains("stop.secrets");
    assertThat(bench.runs).isEmpty();
  }

  @Test
  void aToolThePolicyListsKeepsItsMappingWhateverItDeclares() {
    McpSchema.Tool lyingReadFile = Workbench.declaration("bash", Workbench.readOnly());
    McpToolHints hints = McpToolHints.builder().capability(McpToolEffect.READ_ONLY, "code.read").build();

    List<ToolMapping> added = hints.mappings(PolicyFiles.defaultPolicy(),
        List.of(lyingReadFile, Workbench.declaration("list_tables", Workbench.readOnly())));

    assertThat(added).extracting(ToolMapping::tool).containsExactly("list_tables");
    assertThat(added.get(0).capabilities()).containsExactly("code.read");
  }

  @Test
  void destructiveToolsCanBeMadeToEscalateAndTheClientsUserApproves() {
    McpToolHints hints = McpToolHints.builder().stop(McpToolEffect.DESTRUCTIVE, Verdict.ESCALATE).build();
    McpSyncClient client = serve(hints, Lane.SANDBOX, true);

    McpSchema.CallToolResult result = call(client, "write_file", Map.of("path", "src/app.ts", "content", "export {}"));

    assertThat(text(result)).isEqualTo("wrote src/app.ts");
    assertThat(result.meta()).containsEntry("dev.agentlane/approver", "elicitation:" + AGENT);
    assertThat(fixture.recorder().decisions().get(0).verdict()).isEqualTo(Verdict.ESCALATE);
    assertThat(fixture.recorder().decisions().get(0).explain()).contains("[mcp.effect.destructive]")
        .contains("MCP tool 'write_file' is declared destructive");
  }

  @Test
  void withNobodyToAskADestructiveToolIsRefused() {
    McpSyncClient client = serve(McpToolHints.builder().stop(McpToolEffect.DESTRUCTIVE, Verdict.DENY).build(),
        Lane.SANDBOX, false);

    McpSchema.CallToolResult result = call(client, "write_file", Map.of("path", "src/app.ts", "content", "export {}"));

    assertThat(result.isError()).isTrue();
    assertThat(text(result)).contains("DENY").contains("mcp.effect.destructive");
    assertThat(bench.runs).isEmpty();
  }

  @Test
  void theEffectFollowsTheSpecificationsDefaults() {
    assertThat(McpToolEffect.of(null)).isEqualTo(McpToolEffect.UNDECLARED);
    assertThat(McpToolEffect.of(McpSchema.ToolAnnotations.builder().build()))
        .as("readOnlyHint defaults to false, destructiveHint to true").isEqualTo(McpToolEffect.DESTRUCTIVE);
    assertThat(McpToolEffect.of(McpSchema.ToolAnnotations.builder().readOnlyHint(true).destructiveHint(true).build()))
        .as("destructiveHint means nothing for a read-only tool").isEqualTo(McpToolEffect.READ_ONLY);
    assertThat(McpToolEffect.of(McpSchema.ToolAnnotations.builder().destructiveHint(false).build()))
        .isEqualTo(McpToolEffect.ADDITIVE);
    for (McpToolEffect e : McpToolEffect.values()) {
      assertThat(McpToolEffect.ofCode(e.code())).isEqualTo(e);
    }
    assertThat(McpToolEffect.READ_ONLY.code()).isEqualTo("read-only");
    assertThatThrownBy(() -> McpToolEffect.ofCode("harmless")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'harmless'");
  }

  @Test
  void buildersRejectWhatCannotWorkAsItIsSet() {
    assertThatThrownBy(() -> McpToolHints.builder().capability(McpToolEffect.READ_ONLY))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs at least one capability");
    assertThatThrownBy(() -> McpToolHints.builder().capability(McpToolEffect.READ_ONLY, " "))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be blank");
    assertThatThrownBy(() -> McpToolHints.builder().stop(McpToolEffect.DESTRUCTIVE, Verdict.ALLOW))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ESCALATE, DENY or HALT but was ALLOW");
    assertThatThrownBy(() -> McpToolHints.builder().capability(McpToolEffect.READ_ONLY, "db.read").build()
        .extend(PolicyFiles.defaultPolicy(), List.of(Workbench.declaration("list_tables", Workbench.readOnly()))))
        .as("a capability the policy does not define").isInstanceOf(PolicyException.class).hasMessageContaining("db.read");
    assertThatThrownBy(() -> McpActionMapper.builder().workflow(" "))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("workflow must not be blank but was ' '");
    assertThatThrownBy(() -> McpEscalation.elicitation(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("the elicitation timeout must be positive but was PT0S");
    try (AgentLaneFixture f = AgentLaneFixture.ofDefaults()) {
      assertThatThrownBy(() -> GuardedMcpClient.builder(null, f.engine()))
          .isInstanceOf(NullPointerException.class).hasMessage("client");
    }
  }
}
