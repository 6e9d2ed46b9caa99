package dev.agentlane.langchain4j;

import dev.agentlane.Action;
import dev.agentlane.PolicyEngine;
import dev.agentlane.guard.ToolGuard;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.agent.tool.ToolSpecifications;
import dev.langchain4j.service.tool.AiServiceTool;
import dev.langchain4j.service.tool.DefaultToolExecutor;
import dev.langchain4j.service.tool.ToolExecutor;
import dev.langchain4j.service.tool.ToolProvider;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Puts an agentlane {@link PolicyEngine} in front of LangChain4j tools. Thread-safe and immutable; share
 * one instance per agent/workflow pair. The executors, lists, maps and providers it returns are
 * thread-safe as the wrapped ones are.
 *
 * <p>Every tool call an AI service makes is decided first, runs only if the decision permits it, and is
 * reported to the engine (listeners and the audit trail) through a {@link ToolGuard}. A refusal (DENY,
 * HALT, or an ESCALATE nobody approved) goes back to the model as the tool's result, with the reason and
 * what would make the call allowed; it never aborts the AI service call.
 *
 * <pre>{@code
 * AgentLaneTools guarded = AgentLaneTools.builder(engine).agent("coder").workflow("bugfix").build();
 * Assistant assistant = AiServices.builder(Assistant.class)
 *     .chatModel(model)
 *     .tools(guarded.tools(new CodingTools()))             // @Tool objects
 *     .tools(guarded.wrap(specificationsToExecutors))       // Map<ToolSpecification, ToolExecutor>
 *     .toolProvider(guarded.wrap(toolProvider))             // any ToolProvider
 *     .build();
 * McpToolProvider mcp = McpToolProvider.builder().mcpClients(client)
 *     .toolWrapper(guarded.toolWrapper())                   // MCP tools
 *     .build();
 * }</pre>
 *
 * <p>Each call becomes an {@link Action}: the agent and workflow are the builder's (fixed names, or
 * functions of the {@link ToolCall}), the run id is the chat memory id, the tool is the name the model
 * called, and the arguments are the model's JSON text verbatim ({@code "{}"} when it sent none), which the
 * engine parses strictly: malformed or duplicated-key JSON is denied, never repaired. Anything that goes
 * wrong while building the action or deciding it refuses the call.
 */
public final class AgentLaneTools {
  /** The agent name used unless the builder sets one. */
  public static final String DEFAULT_AGENT = "langchain4j";

  /** The workflow name used unless the builder sets one. */
  public static final String DEFAULT_WORKFLOW = "default";

  private final ToolGuard guard;
  private final Function<ToolCall, String> agent;
  private final Function<ToolCall, String> workflow;
  private final Function<ToolCall, @Nullable String> runId;
  private final List<BiConsumer<ToolCall, Action.Builder>> enrichers;

  private AgentLaneTools(Builder b) {
    this.guard = b.guard;
    this.agent = b.agent;
    this.workflow = b.workflow;
    this.runId = b.runId;
    this.enrichers = List.copyOf(b.enrichers);
  }

  /**
   * Guards tools with {@code engine}, every call as agent {@value #DEFAULT_AGENT} in workflow {@value
   * #DEFAULT_WORKFLOW}. Lanes belong to agent/workflow pairs, so name yours with {@link #builder}.
   */
  public static AgentLaneTools of(PolicyEngine engine) {
    return builder(engine).build();
  }

  /** A builder over a plain {@link ToolGuard} of {@code engine}. */
  public static Builder builder(PolicyEngine engine) {
    return new Builder(ToolGuard.of(Objects.requireNonNull(engine, "engine")));
  }

  /** A builder over {@code guard}: its interceptors, escalation and refusal text apply to every call. */
  public static Builder builder(ToolGuard guard) {
    return new Builder(Objects.requireNonNull(guard, "guard"));
  }

  /** The guard every call goes through. */
  public ToolGuard guard() {
    return guard;
  }

  /**
   * The executor, guarded: both {@code execute} and {@code executeWithContext} decide the call first and
   * call the same method of {@code executor} only if permitted. An executor this instance already
   * guards is returned as it is.
   */
  public ToolExecutor wrap(ToolExecutor executor) {
    Objects.requireNonNull(executor, "executor");
    if (executor instanceof GuardedToolExecutor g && g.tools() == this) {
      return g;
    }
    return new GuardedToolExecutor(this, executor);
  }

  /**
   * The same specifications, in the same order, each with its executor guarded: for {@code
   * AiServices.builder(...).tools(Map<ToolSpecification, ToolExecutor>)}.
   */
  public Map<ToolSpecification, ToolExecutor> wrap(Map<ToolSpecification, ToolExecutor> tools) {
    Objects.requireNonNull(tools, "tools");
    Map<ToolSpecification, ToolExecutor> out = new LinkedHashMap<>();
    tools.forEach((spec, executor) -> out.put(Objects.requireNonNull(spec, "specification"), wrap(executor)));
    return out;
  }

  /**
   * The same tools, each with its executor guarded and its specification and return behaviour kept: for
   * {@code AiServices.builder(...).tools(List<AiServiceTool>)}.
   */
  public List<AiServiceTool> wrap(List<AiServiceTool> tools) {
    Objects.requireNonNull(tools, "tools");
    List<AiServiceTool> out = new ArrayList<>(tools.size());
    for (AiServiceTool tool : tools) {
      Objects.requireNonNull(tool, "tool");
      out.add(tool.toBuilder().toolExecutor(wrap(tool.toolExecutor())).build());
    }
    return List.copyOf(out);
  }

  /**
   * The provider, guarded: every executor of every result it provides is guarded, specifications and
   * return behaviours are kept, and it is dynamic if {@code provider} is. Works for {@code
   * McpToolProvider} too (or give MCP {@link #toolWrapper()}).
   */
  public ToolProvider wrap(ToolProvider provider) {
    Objects.requireNonNull(provider, "provider");
    if (provider instanceof GuardedToolProvider g && g.tools() == this) {
      return g;
    }
    return new GuardedToolProvider(this, provider);
  }

  /**
   * {@link #wrap(ToolExecutor)} as a function, for {@code McpToolProvider.builder().toolWrapper(...)}
   * and any other API that takes an executor wrapper.
   */
  public Function<ToolExecutor, ToolExecutor> toolWrapper() {
    return this::wrap;
  }

  /**
   * The {@link Tool @Tool} methods of each object as guarded tools, for {@code
   * AiServices.builder(...).tools(List<AiServiceTool>)} in place of {@code tools(Object...)}. Methods are
   * found as LangChain4j finds them (the class, its superclasses, default methods of its interfaces, the
   * interfaces of a JDK proxy; an overriding method hides the one it overrides) and run by LangChain4j's
   * own {@link DefaultToolExecutor}, so arguments are converted and errors reported as without the guard.
   * ({@code @CompensateFor} methods are not supported on guarded tools.)
   *
   * @throws IllegalArgumentException if an argument is a class, a collection, or has no {@code @Tool}
   *     method
   */
  public List<AiServiceTool> tools(Object... objectsWithTools) {
    Objects.requireNonNull(objectsWithTools, "objectsWithTools");
    List<AiServiceTool> out = new ArrayList<>();
    for (Object object : objectsWithTools) {
      out.addAll(toolsOf(Objects.requireNonNull(object, "object with tools")));
    }
    return List.copyOf(out);
  }

  private List<AiServiceTool> toolsOf(Object object) {
    if (object instanceof Class<?> c) {
      throw new IllegalArgumentException("tools must be objects, not classes, but was " + c.getName());
    }
    if (object instanceof Iterable<?> || object instanceof Map<?, ?>) {
      throw new IllegalArgumentException("tools must be objects with @Tool methods, not collections, but was a "
          + object.getClass().getName());
    }
    List<AiServiceTool> out = new ArrayList<>();
    for (Method method : toolMethods(object.getClass())) {
      Tool annotation = method.getAnnotation(Tool.class);
      ToolExecutor executor = DefaultToolExecutor.builder().object(object).originalMethod(method)
          .methodToInvoke(method).wrapToolArgumentsExceptions(true).propagateToolExecutionExceptions(true).build();
      out.add(AiServiceTool.builder().toolSpecification(ToolSpecifications.toolSpecificationFrom(method))
          .toolExecutor(wrap(executor)).returnBehavior(annotation.returnBehavior()).build());
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(object.getClass().getName() + " has no method annotated with @Tool");
    }
    return out;
  }

  /** The {@code @Tool} methods of {@code type}, the most derived declaration of each signature. */
  private static List<Method> toolMethods(Class<?> type) {
    List<Method> found = new ArrayList<>();
    Set<List<Object>> seen = new HashSet<>();
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Method m : c.getDeclaredMethods()) {
        if (m.isBridge() || m.isSynthetic() || !seen.add(signature(m))) {
          continue;
        }
        Method annotated = annotated(m);
        if (annotated != null) {
          found.add(annotated);
        }
      }
    }
    for (Class<?> i : interfaces(type)) {
      for (Method m : i.getDeclaredMethods()) {
        boolean concrete = m.isDefault() || Modifier.isStatic(m.getModifiers());
        if (concrete && !m.isSynthetic() && seen.add(signature(m)) && m.isAnnotationPresent(Tool.class)) {
          found.add(m);
        }
      }
    }
    return found;
  }

  private static @Nullable Method annotated(Method m) {
    if (m.isAnnotationPresent(Tool.class)) {
      return Modifier.isAbstract(m.getModifiers()) ? null : m;
    }
    if (Proxy.isProxyClass(m.getDeclaringClass())) {
      for (Class<?> i : m.getDeclaringClass().getInterfaces()) {
        try {
          Method declared = i.getMethod(m.getName(), m.getParameterTypes());
          if (declared.isAnnotationPresent(Tool.class)) {
            return declared;
          }
        } catch (NoSuchMethodException e) {
          // not declared by this interface: try the next one
        }
      }
    }
    return null;
  }

  private static List<Object> signature(Method m) {
    return List.of(m.getName(), Arrays.asList(m.getParameterTypes()));
  }

  private static Set<Class<?>> interfaces(Class<?> type) {
    Set<Class<?>> all = new LinkedHashSet<>();
    List<Class<?>> todo = new ArrayList<>();
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      todo.addAll(Arrays.asList(c.getInterfaces()));
    }
    while (!todo.isEmpty()) {
      Class<?> i = todo.remove(0);
      if (all.add(i)) {
        todo.addAll(Arrays.asList(i.getInterfaces()));
      }
    }
    return all;
  }

  /**
   * The action for {@code call}: agent, workflow and run id from the builder's mappings, the tool name,
   * the arguments verbatim, then each enricher.
   *
   * @throws RuntimeException whatever a mapping throws, or if one returns null or the request has no name
   */
  Action actionFor(ToolCall call) {
    String arguments = call.request().arguments();
    Action.Builder action = Action.builder()
        .agent(Objects.requireNonNull(agent.apply(call), "the agent mapping returned null"))
        .workflow(Objects.requireNonNull(workflow.apply(call), "the workflow mapping returned null"))
        .runId(runId.apply(call))
        .tool(Objects.requireNonNull(call.request().name(), "the tool call has no tool name"))
        .argumentsJson(arguments == null || arguments.isBlank() ? "{}" : arguments);
    for (BiConsumer<ToolCall, Action.Builder> enricher : enrichers) {
      enricher.accept(call, action);
    }
    return action.build();
  }

  @Override
  public String toString() {
    return "AgentLaneTools{" + guard.engine() + "}";
  }

  /** Configures {@link AgentLaneTools}. Not thread-safe; {@link #build()} leaves it reusable. */
  public static final class Builder {
    private final ToolGuard guard;
    private Function<ToolCall, String> agent = call -> DEFAULT_AGENT;
    private Function<ToolCall, String> workflow = call -> DEFAULT_WORKFLOW;
    private Function<ToolCall, @Nullable String> runId = call -> call.memoryIdText().orElse(null);
    private final List<BiConsumer<ToolCall, Action.Builder>> enrichers = new ArrayList<>();

    private Builder(ToolGuard guard) {
      this.guard = guard;
    }

    /**
     * The agent every call is made as ({@value AgentLaneTools#DEFAULT_AGENT} by default).
     *
     * @throws IllegalArgumentException if blank
     */
    public Builder agent(String agent) {
      String name = nonBlank(agent, "agent");
      this.agent = call -> name;
      return this;
    }

    /** The agent of each call, from the call (for one agent per chat memory id, say). */
    public Builder agent(Function<ToolCall, String> mapping) {
      this.agent = Objects.requireNonNull(mapping, "mapping");
      return this;
    }

    /**
     * The workflow every call belongs to ({@value AgentLaneTools#DEFAULT_WORKFLOW} by default).
     *
     * @throws IllegalArgumentException if blank
     */
    public Builder workflow(String workflow) {
      String name = nonBlank(workflow, "workflow");
      this.workflow = call -> name;
      return this;
    }

    /** The workflow of each call, from the call (for one per AI service method, say). */
    public Builder workflow(Function<ToolCall, String> mapping) {
      this.workflow = Objects.requireNonNull(mapping, "mapping");
      return this;
    }

    /**
     * The run id of each call (by default the chat memory id as text, {@code "default"} for an AI
     * service method without {@code @MemoryId}). A mapping may return null for no run id.
     */
    public Builder runId(Function<ToolCall, @Nullable String> mapping) {
      this.runId = Objects.requireNonNull(mapping, "mapping");
      return this;
    }

    /**
     * Adds a step that completes each action after the mappings: context entries, evidence, declared
     * resources, a workspace root, or a different agent, workflow or tool name. Steps run in the order
     * added; one that throws refuses the call.
     */
    public Builder enrich(BiConsumer<ToolCall, Action.Builder> step) {
      enrichers.add(Objects.requireNonNull(step, "step"));
      return this;
    }

    /** The guarded tools. */
    public AgentLaneTools build() {
      return new AgentLaneTools(this);
    }

    private static String nonBlank(String value, String name) {
      Objects.requireNonNull(value, name);
      if (value.isBlank()) {
        throw new IllegalArgumentException(name + " must not be blank but was '" + value + "'");
      }
      return value;
    }
  }
}
