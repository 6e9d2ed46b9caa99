package dev.agentlane.mcp;

import dev.agentlane.Decision;
import dev.agentlane.PolicyEngine;
import dev.agentlane.guard.Escalation;
import dev.agentlane.guard.ToolExecution;
import dev.agentlane.guard.ToolGuard;
import dev.agentlane.guard.ToolInterceptor;
import dev.agentlane.guard.ToolOutcome;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What the server guard and the guarded client share: map the call, decide it through a {@link ToolGuard},
 * and turn the outcome into a {@code CallToolResult}. Immutable and thread-safe.
 */
final class CallGuard {
  /** {@code _meta} key of a guarded call's result: the decision id. */
  static final String META_DECISION = "dev.agentlane/decision";
  /** {@code _meta} key: the verdict's code. */
  static final String META_VERDICT = "dev.agentlane/verdict";
  /** {@code _meta} key: the lane the pair stood in, when known. */
  static final String META_LANE = "dev.agentlane/lane";
  /** {@code _meta} key: who approved the call, when a human did. */
  static final String META_APPROVER = "dev.agentlane/approver";

  /** An escalation that can say, after it was asked, why nobody approved. */
  interface Noted {
    /** Why the call was not approved, as a sentence for the model, or null. */
    @Nullable String note();
  }

  private final PolicyEngine engine;
  private final McpActionMapper actions;
  private final McpEscalation escalation;
  private final List<ToolInterceptor> interceptors;
  private final Function<Decision, String> refusalText;

  CallGuard(PolicyEngine engine, McpActionMapper actions, McpEscalation escalation, List<ToolInterceptor> interceptors,
      Function<Decision, String> refusalText) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.actions = Objects.requireNonNull(actions, "actions");
    this.escalation = Objects.requireNonNull(escalation, "escalation");
    this.interceptors = List.copyOf(interceptors);
    this.refusalText = Objects.requireNonNull(refusalText, "refusalText");
  }

  PolicyEngine engine() {
    return engine;
  }

  /**
   * Decides the call and runs {@code execution} only if permitted.
   *
   * @return the tool's result with the decision in its {@code _meta}, or an {@code isError} result whose text
   *     says why the call was refused
   */
  McpSchema.CallToolResult call(McpToolCall call, ToolExecution<McpSchema.CallToolResult> execution) {
    Escalation asked = askNobody();
    try {
      asked = escalation.forCall(call);
    } catch (RuntimeException e) {
      // nobody to ask: an ESCALATE refuses
    }
    ToolGuard.Builder b = ToolGuard.builder(engine).refusalText(refusalText).escalation(asked);
    interceptors.forEach(b::interceptor);
    // ToolGuard fails closed on its own: a mapping or an engine that throws refuses the call.
    ToolOutcome<McpSchema.CallToolResult> outcome = b.build().call(() -> actions.toAction(call), execution);
    if (outcome instanceof ToolOutcome.Executed<McpSchema.CallToolResult> executed) {
      return withDecision(executed.result(), executed.decision());
    }
    if (outcome instanceof ToolOutcome.Failed<McpSchema.CallToolResult> failed) {
      Exception failure = failed.failure();
      if (failure instanceof RuntimeException re) {
        throw re; // as the SDK would have seen it without the guard; the guard has recorded it
      }
      throw new IllegalStateException("tool '" + call.name() + "' failed: " + failure, failure);
    }
    ToolOutcome.Refused<McpSchema.CallToolResult> refused = (ToolOutcome.Refused<McpSchema.CallToolResult>) outcome;
    String note = asked instanceof Noted n ? n.note() : null;
    return error(note == null ? refused.message() : refused.message() + "\n" + note, refused.decision());
  }

  private static Escalation askNobody() {
    return (action, decision) -> Optional.empty();
  }

  /** A refusal: an ordinary tool result, {@code isError: true}, with the text for the model. */
  static McpSchema.CallToolResult error(String text, @Nullable Decision decision) {
    McpSchema.CallToolResult.Builder b = McpSchema.CallToolResult.builder().addTextContent(text).isError(true);
    if (decision != null) {
      b.meta(meta(null, decision));
    }
    return b.build();
  }

  /** {@code result} with the decision added to its {@code _meta}; null stays null. */
  static McpSchema.@Nullable CallToolResult withDecision(McpSchema.@Nullable CallToolResult result, Decision decision) {
    if (result == null) {
      return null;
    }
    return new McpSchema.CallToolResult(result.content(), result.isError(), result.structuredContent(),
        meta(result.meta(), decision));
  }

  private static Map<String, Object> meta(@Nullable Map<String, Object> existing, Decision decision) {
    Map<String, Object> meta = existing == null ? new LinkedHashMap<>() : new LinkedHashMap<>(existing);
    meta.put(META_DECISION, decision.id());
    meta.put(META_VERDICT, decision.verdict().code());
    if (decision.lane() != null) {
      meta.put(META_LANE, decision.lane().name());
    }
    if (decision.approver() != null) {
      meta.put(META_APPROVER, decision.approver());
    }
    return meta;
  }
}
