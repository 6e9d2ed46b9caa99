package dev.agentlane.mcp;

import dev.agentlane.Action;
import dev.agentlane.Decision;
import dev.agentlane.ToolArguments;
import dev.agentlane.guard.Escalation;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Asks the connected client's user, through MCP elicitation, to approve one escalated call. One instance
 * per call, confined to the thread that runs it; after {@link #ask} it holds a note on why nobody approved.
 */
final class ElicitationEscalation implements Escalation, CallGuard.Noted {
  /** The form field that approves. */
  static final String APPROVE = "approve";
  /** The optional form field with the approver's reason. */
  static final String REASON = "reason";
  private static final int MAX_ARGUMENTS_SHOWN = 2_000;

  private final McpToolCall call;
  private final Duration timeout;
  private @Nullable String note;

  ElicitationEscalation(McpToolCall call, Duration timeout) {
    this.call = call;
    this.timeout = timeout;
  }

  @Override
  public Optional<Approved> ask(Action action, Decision decision) {
    McpToolCall.Elicitor elicitor = call.elicitor();
    if (elicitor == null) {
      note = "Nobody could be asked to approve it: an MCP client has no user to elicit from; give the guarded "
          + "client an escalation of its own.";
      return Optional.empty();
    }
    if (!call.clientCanElicit()) {
      note = "Nobody could be asked to approve it: the MCP client '" + call.clientName()
          + "' did not declare the elicitation capability.";
      return Optional.empty();
    }
    McpSchema.ElicitResult answer;
    try {
      answer = elicitor.elicit(request(action, decision), timeout);
    } catch (RuntimeException e) {
      if (e instanceof TimedOut) {
        note = "Nobody answered the approval request within " + describe(timeout) + ".";
      } else if (causedByTimeout(e)) {
        note = "Nobody answered the approval request before the server's request timeout.";
      } else {
        note = "The approval request to the MCP client failed: " + e.getMessage();
      }
      return Optional.empty();
    }
    if (answer == null || answer.action() == null) {
      note = "The MCP client returned no answer to the approval request.";
      return Optional.empty();
    }
    switch (answer.action()) {
      case ACCEPT -> {
        Map<String, Object> content = answer.content() == null ? Map.of() : answer.content();
        if (Boolean.TRUE.equals(content.get(APPROVE))) {
          Object reason = content.get(REASON);
          String why = reason instanceof String s && !s.isBlank() ? s : "approved through MCP elicitation";
          return Optional.of(new Approved("elicitation:" + call.clientName(), why));
        }
        note = "The user answered the approval request without approving the call.";
      }
      case DECLINE -> note = "The user declined the approval request.";
      case CANCEL -> note = "The user dismissed the approval request.";
    }
    return Optional.empty();
  }

  /** Thrown by an elicitor when nobody answered within the guard's timeout. */
  static final class TimedOut extends RuntimeException {
    TimedOut() {
      super("nobody answered the approval request in time", null, false, false);
    }
  }

  @Override
  public @Nullable String note() {
    return note;
  }

  private McpSchema.ElicitFormRequest request(Action action, Decision decision) {
    String arguments = action.arguments() instanceof ToolArguments.Json json ? json.text() : action.arguments().toString();
    if (arguments.length() > MAX_ARGUMENTS_SHOWN) {
      arguments = arguments.substring(0, MAX_ARGUMENTS_SHOWN) + "... (" + arguments.length() + " characters)";
    }
    String message = "An AI agent (" + action.agent() + ", workflow " + action.workflow() + ") asks to call the tool '"
        + call.name() + "' with " + arguments + ". agentlane needs a human to approve this one call: "
        + decision.explain();
    Map<String, Object> approve = new LinkedHashMap<>();
    approve.put("type", "boolean");
    approve.put("title", "Approve this call");
    approve.put("description", "Run this exact call once");
    approve.put("default", false);
    Map<String, Object> reason = new LinkedHashMap<>();
    reason.put("type", "string");
    reason.put("title", "Reason");
    reason.put("description", "Why, for the audit trail");
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put(APPROVE, approve);
    properties.put(REASON, reason);
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("properties", properties);
    schema.put("required", List.of(APPROVE));
    return McpSchema.ElicitFormRequest.builder(message, schema).build();
  }

  private static boolean causedByTimeout(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof TimeoutException) {
        return true;
      }
    }
    return false;
  }

  private static String describe(Duration d) {
    long s = d.toSeconds();
    if (s > 0 && s % 60 == 0) {
      return s / 60 + (s == 60 ? " minute" : " minutes");
    }
    return s > 0 && d.toMillis() % 1000 == 0 ? s + (s == 1 ? " second" : " seconds") : d.toMillis() + " ms";
  }
}
