package dev.agentlane.springai;

import dev.agentlane.Action;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Turns a Spring AI tool call into the agentlane {@link Action} the engine decides.
 *
 * <p>{@link #fromToolContext(String, String)} is the default mapping:
 *
 * <table>
 *   <caption>How a tool call becomes an action</caption>
 *   <tr><th>Action</th><th>From</th></tr>
 *   <tr><td>{@code agent}</td><td>tool context {@value #AGENT}, else the configured agent</td></tr>
 *   <tr><td>{@code workflow}</td><td>tool context {@value #WORKFLOW}, else the configured workflow</td></tr>
 *   <tr><td>{@code runId}</td><td>tool context {@value #RUN_ID}, else the conversation id
 *       ({@value SpringAiToolCall#CONVERSATION_ID}), else none</td></tr>
 *   <tr><td>{@code tool}</td><td>the tool definition's name</td></tr>
 *   <tr><td>{@code arguments}</td><td>the model's JSON text, unchanged (the engine parses it and denies
 *       malformed JSON)</td></tr>
 *   <tr><td>{@code workspace}</td><td>tool context {@value #WORKSPACE}, else the engine's</td></tr>
 *   <tr><td>{@code context}</td><td>{@code conversation-id}, when there is one</td></tr>
 * </table>
 *
 * <p>Tool context values count only as text (strings, numbers, UUIDs); other values and blank ones are
 * ignored. {@link #refine(BiConsumer)} adds to a mapping, for instance evidence or a ticket id.
 *
 * <p>Implementations must be thread-safe. One that throws, or returns null, refuses the call: the tool
 * does not run.
 */
@FunctionalInterface
public interface ActionMapper {
  /** Tool context key naming the agent, overriding the configured one. */
  String AGENT = "agentlane.agent";
  /** Tool context key naming the workflow, overriding the configured one. */
  String WORKFLOW = "agentlane.workflow";
  /** Tool context key naming the run, ahead of the conversation id. */
  String RUN_ID = "agentlane.run-id";
  /** Tool context key naming the workspace root of this call (an absolute path). */
  String WORKSPACE = "agentlane.workspace";

  /**
   * The action for {@code call}.
   *
   * @throws Exception anything; the call is then refused
   */
  Action toAction(SpringAiToolCall call) throws Exception;

  /**
   * The default mapping (see the table above), with {@code agent} and {@code workflow} where the tool
   * context names none.
   *
   * @throws IllegalArgumentException if either is blank
   */
  static ActionMapper fromToolContext(String agent, String workflow) {
    return new ToolContextActionMapper(agent, workflow);
  }

  /** This mapping, then {@code step} on a builder holding its action: add evidence, context, resources. */
  default ActionMapper refine(BiConsumer<SpringAiToolCall, Action.Builder> step) {
    Objects.requireNonNull(step, "step");
    return call -> {
      Action.Builder builder = Objects.requireNonNull(toAction(call), "the action mapper returned null").toBuilder();
      step.accept(call, builder);
      return builder.build();
    };
  }
}
