package dev.agentlane.springai;

import dev.agentlane.Action;
import java.util.Objects;
import java.util.Optional;

/** The default {@link ActionMapper}. Immutable. */
final class ToolContextActionMapper implements ActionMapper {
  private final String agent;
  private final String workflow;

  ToolContextActionMapper(String agent, String workflow) {
    this.agent = requireText(agent, "agent");
    this.workflow = requireText(workflow, "workflow");
  }

  static String requireText(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank but was \"" + value + "\"");
    }
    return value;
  }

  @Override
  public Action toAction(SpringAiToolCall call) {
    Optional<String> conversation = call.conversationId();
    Action.Builder b = Action.builder()
        .agent(call.contextText(AGENT).orElse(agent))
        .workflow(call.contextText(WORKFLOW).orElse(workflow))
        .runId(call.contextText(RUN_ID).or(() -> conversation).orElse(null))
        .tool(call.toolName())
        .argumentsJson(call.arguments());
    call.contextText(WORKSPACE).ifPresent(b::workspace);
    conversation.ifPresent(id -> b.context("conversation-id", id));
    return b.build();
  }

  @Override
  public String toString() {
    return "ActionMapper.fromToolContext(" + agent + ", " + workflow + ")";
  }
}
