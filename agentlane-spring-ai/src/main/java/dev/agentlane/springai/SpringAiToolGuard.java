package dev.agentlane.springai;

import dev.agentlane.Action;
import dev.agentlane.PolicyEngine;
import dev.agentlane.guard.ToolGuard;
import dev.agentlane.guard.ToolOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.ToolCallbackProvider;
import org.springframework.ai.tool.execution.ToolExecutionException;

/**
 * Puts Spring AI tools behind a {@link ToolGuard}: every call of a wrapped {@link ToolCallback} is mapped
 * to an {@link Action} ({@link ActionMapper}), decided, and run only if the decision permits it.
 *
 * <pre>{@code
 * SpringAiToolGuard guard = SpringAiToolGuard.builder(engine).agent("support-bot").workflow("tickets").build();
 * String answer = chatClient.prompt(question)
 *     .tools(guard.wrap(MethodToolCallbackProvider.builder().toolObjects(new RepoTools()).build()))
 *     .toolContext(Map.of(SpringAiToolCall.CONVERSATION_ID, conversationId))
 *     .call().content();
 * }</pre>
 *
 * <p>(On Spring AI 1.1, pass the guarded provider to {@code toolCallbacks(...)}: its {@code tools(...)}
 * takes only {@code @Tool} objects.)
 *
 * <ul>
 *   <li>A refused call (DENY, HALT, or an ESCALATE nobody approved) does not run; its refusal text (why,
 *       and what would make it allowed) is returned as the tool's result, so the model reads it and the
 *       chat goes on. Nothing is thrown.
 *   <li>An ESCALATE waits on the engine's {@code ApprovalHandler} inside {@code decide()}, then on the
 *       {@link ToolGuard}'s {@code Escalation}, if either is configured.
 *   <li>A permitted call runs the wrapped callback, through the same method Spring AI called
 *       ({@code call(String)} or {@code call(String, ToolContext)}); the engine hears of it
 *       ({@code PolicyEngine.executed}). What the callback throws is rethrown unchanged (a checked
 *       exception as a {@link ToolExecutionException}), so Spring AI handles tool failures as it would
 *       without agentlane.
 *   <li>Fails closed: if the action cannot be built or decided, the call is refused with a text that says
 *       so, and the tool does not run.
 *   <li>The wrapped callback keeps its {@code ToolDefinition} and {@code ToolMetadata} (including
 *       {@code returnDirect}: a refused {@code returnDirect} tool's refusal goes straight to the caller).
 * </ul>
 *
 * <p>Thread-safe and immutable; share one instance.
 */
public final class SpringAiToolGuard {
  /** The agent an action names when neither the builder nor the tool context names one. */
  public static final String DEFAULT_AGENT = "spring-ai";
  /** The workflow an action names when neither the builder nor the tool context names one. */
  public static final String DEFAULT_WORKFLOW = "chat";

  private final ToolGuard guard;
  private final ActionMapper actions;

  private SpringAiToolGuard(ToolGuard guard, ActionMapper actions) {
    this.guard = guard;
    this.actions = actions;
  }

  /** A guard over {@code engine} with the default mapping and {@link #DEFAULT_AGENT}/{@link #DEFAULT_WORKFLOW}. */
  public static SpringAiToolGuard of(PolicyEngine engine) {
    return builder(engine).build();
  }

  /** A builder over {@code engine}, through {@code ToolGuard.of(engine)}. */
  public static Builder builder(PolicyEngine engine) {
    return new Builder(ToolGuard.of(Objects.requireNonNull(engine, "engine")));
  }

  /** A builder over a configured {@link ToolGuard} (interceptors, an {@code Escalation}, the refusal text). */
  public static Builder builder(ToolGuard guard) {
    return new Builder(Objects.requireNonNull(guard, "guard"));
  }

  /** The tool guard calls go through. */
  public ToolGuard toolGuard() {
    return guard;
  }

  /** How calls become actions. */
  public ActionMapper actions() {
    return actions;
  }

  /**
   * {@code callback}, guarded. A callback this guard already guards ({@link GuardedTool}) is returned as it is.
   *
   * @return a {@link GuardedToolCallback} with the same definition and metadata
   */
  public ToolCallback wrap(ToolCallback callback) {
    Objects.requireNonNull(callback, "callback");
    if (callback instanceof GuardedTool g && g.guard() == this) {
      return callback;
    }
    return new GuardedToolCallback(this, callback);
  }

  /**
   * {@code provider}, guarded: every callback it returns, each time it is asked, is wrapped, so the
   * tools of a provider whose list changes (MCP servers announce new tools) are guarded too. A provider
   * this guard already guards ({@link GuardedTool}) is returned as it is.
   */
  public ToolCallbackProvider wrap(ToolCallbackProvider provider) {
    Objects.requireNonNull(provider, "provider");
    if (provider instanceof GuardedTool g && g.guard() == this) {
      return provider;
    }
    return new GuardedToolCallbackProvider(this, provider);
  }

  /** Each of {@code callbacks}, guarded, in order. */
  public List<ToolCallback> wrapAll(List<? extends ToolCallback> callbacks) {
    Objects.requireNonNull(callbacks, "callbacks");
    List<ToolCallback> out = new ArrayList<>(callbacks.size());
    for (ToolCallback callback : callbacks) {
      out.add(wrap(callback));
    }
    return List.copyOf(out);
  }

  /** Each of {@code callbacks}, guarded, in order. */
  public ToolCallback[] wrapAll(ToolCallback... callbacks) {
    return wrapAll(List.of(callbacks)).toArray(ToolCallback[]::new);
  }

  /** One guarded call of {@code delegate}; {@code toolContext} is null when Spring AI called {@code call(String)}. */
  String call(ToolCallback delegate, @Nullable String input, @Nullable ToolContext toolContext) {
    String arguments = input == null ? "" : input;
    // ToolGuard fails closed on its own: a mapper or an engine that throws refuses the call.
    ToolOutcome<String> outcome = guard.call(() -> {
      Map<String, Object> context = toolContext == null ? Map.of() : toolContext.getContext();
      return actions.toAction(new SpringAiToolCall(delegate.getToolDefinition(), delegate.getToolMetadata(),
          arguments, context == null ? Map.of() : context));
    }, () -> toolContext == null ? delegate.call(input) : delegate.call(input, toolContext));
    if (outcome instanceof ToolOutcome.Refused<String> refused) {
      return refused.message();
    }
    if (outcome instanceof ToolOutcome.Failed<String> failed) {
      Exception failure = failed.failure();
      if (failure instanceof RuntimeException re) {
        throw re;
      }
      throw new ToolExecutionException(delegate.getToolDefinition(), failure);
    }
    return ((ToolOutcome.Executed<String>) outcome).result();
  }

  @Override
  public String toString() {
    return "SpringAiToolGuard{" + actions + "}";
  }

  /**
   * Configures a {@link SpringAiToolGuard}. Not thread-safe; {@link #build()} leaves it reusable. Give
   * either an agent and workflow for the default mapping, or a whole {@link ActionMapper}, not both.
   */
  public static final class Builder {
    private final ToolGuard guard;
    private @Nullable String agent;
    private @Nullable String workflow;
    private @Nullable ActionMapper actions;

    private Builder(ToolGuard guard) {
      this.guard = guard;
    }

    /**
     * The agent actions name unless the tool context names one ({@value #DEFAULT_AGENT} by default).
     *
     * @throws IllegalArgumentException if blank
     */
    public Builder agent(String agent) {
      this.agent = ToolContextActionMapper.requireText(agent, "agent");
      return this;
    }

    /**
     * The workflow actions name unless the tool context names one ({@value #DEFAULT_WORKFLOW} by default).
     *
     * @throws IllegalArgumentException if blank
     */
    public Builder workflow(String workflow) {
      this.workflow = ToolContextActionMapper.requireText(workflow, "workflow");
      return this;
    }

    /** A mapping of your own, instead of {@link ActionMapper#fromToolContext(String, String)}. */
    public Builder actions(ActionMapper actions) {
      this.actions = Objects.requireNonNull(actions, "actions");
      return this;
    }

    /**
     * The guard.
     *
     * @throws IllegalStateException if both an action mapper and an agent or workflow were given
     */
    public SpringAiToolGuard build() {
      if (actions != null && (agent != null || workflow != null)) {
        throw new IllegalStateException("actions(...) replaces the default mapping, so agent(...) and workflow(...) "
            + "would be ignored: give either actions(...) or agent/workflow, not both (agent " + agent
            + ", workflow " + workflow + ")");
      }
      ActionMapper mapper = actions != null ? actions
          : ActionMapper.fromToolContext(agent == null ? DEFAULT_AGENT : agent, workflow == null ? DEFAULT_WORKFLOW : workflow);
      return new SpringAiToolGuard(guard, mapper);
    }
  }
}
