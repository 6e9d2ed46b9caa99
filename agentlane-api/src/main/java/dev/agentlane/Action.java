package dev.agentlane;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One concrete tool invocation an agent wants to make: who (agent, workflow class, run), which
 * tool with which arguments, the resources it declares, its size, the evidence attached and free
 * context.
 *
 * <p>Immutable; collections are defensive copies. Construction checks only for {@code null}: the
 * content of an action usually comes from a model, so it is the engine that validates it, and a
 * malformed action (blank tool name, control characters in the agent id, malformed JSON arguments)
 * is decided {@code DENY (invalid-action)} rather than thrown.
 *
 * <pre>{@code
 * Action action = Action.builder()
 *     .agent("release-bot").workflow("dependency-bumps")
 *     .tool("read_file").argumentsJson("{\"path\": \"src/Main.java\"}")
 *     .build();
 * }</pre>
 */
public final class Action {
  private final String agent;
  private final String workflow;
  private final @Nullable String runId;
  private final String tool;
  private final ToolArguments arguments;
  private final List<Resource> resources;
  private final ActionSize size;
  private final Evidence evidence;
  private final Map<String, String> context;
  private final @Nullable String workspace;

  private Action(Builder b) {
    this.agent = Objects.requireNonNull(b.agent, "agent is required");
    this.workflow = Objects.requireNonNull(b.workflow, "workflow is required");
    this.runId = b.runId;
    this.tool = Objects.requireNonNull(b.tool, "tool is required");
    this.arguments = b.arguments;
    this.resources = List.copyOf(b.resources);
    this.size = b.size;
    this.evidence = b.evidence;
    this.context = Map.copyOf(b.context);
    this.workspace = b.workspace;
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder initialised with this action's values, to derive a changed copy. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.agent = agent;
    b.workflow = workflow;
    b.runId = runId;
    b.tool = tool;
    b.arguments = arguments;
    b.resources.addAll(resources);
    b.size = size;
    b.evidence = evidence;
    b.context.putAll(context);
    b.workspace = workspace;
    return b;
  }

  /** The agent's identifier. */
  public String agent() {
    return agent;
  }

  /** The workflow class. */
  public String workflow() {
    return workflow;
  }

  /** The run, session or task id, or {@code null} if the runtime gave none. */
  public @Nullable String runId() {
    return runId;
  }

  /** The tool's name as the agent called it. */
  public String tool() {
    return tool;
  }

  /** The tool's arguments. */
  public ToolArguments arguments() {
    return arguments;
  }

  /** Resources declared by the runtime, in addition to those the tool mapping extracts. */
  public List<Resource> resources() {
    return resources;
  }

  /** The declared size of the change. */
  public ActionSize size() {
    return size;
  }

  /** The evidence attached; {@link Evidence#none()} if none. */
  public Evidence evidence() {
    return evidence;
  }

  /** Free-form context set by the runtime (ticket, repository, memory id...). */
  public Map<String, String> context() {
    return context;
  }

  /**
   * The workspace root for this action, overriding the engine's default, or {@code null}. It is
   * set by the runtime, never by the model.
   */
  public @Nullable String workspace() {
    return workspace;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Action a
        && agent.equals(a.agent) && workflow.equals(a.workflow) && Objects.equals(runId, a.runId)
        && tool.equals(a.tool) && arguments.equals(a.arguments) && resources.equals(a.resources)
        && size.equals(a.size) && evidence.equals(a.evidence) && context.equals(a.context)
        && Objects.equals(workspace, a.workspace);
  }

  @Override
  public int hashCode() {
    return Objects.hash(agent, workflow, runId, tool, arguments, resources, size, evidence, context, workspace);
  }

  @Override
  public String toString() {
    return "Action{" + agent + "/" + workflow + (runId == null ? "" : " run " + runId) + " tool " + tool + "}";
  }

  /** Builds an {@link Action}. Not thread-safe; {@link #build()} leaves it reusable. */
  public static final class Builder {
    private @Nullable String agent;
    private @Nullable String workflow;
    private @Nullable String runId;
    private @Nullable String tool;
    private ToolArguments arguments = ToolArguments.none();
    private final List<Resource> resources = new ArrayList<>();
    private ActionSize size = ActionSize.unknown();
    private Evidence evidence = Evidence.none();
    private final Map<String, String> context = new LinkedHashMap<>();
    private @Nullable String workspace;

    private Builder() {}

    /** Sets the agent's identifier. Required. */
    public Builder agent(String agent) {
      this.agent = Objects.requireNonNull(agent, "agent");
      return this;
    }

    /** Sets the workflow class. Required. */
    public Builder workflow(String workflow) {
      this.workflow = Objects.requireNonNull(workflow, "workflow");
      return this;
    }

    /** Sets agent and workflow from a key. */
    public Builder key(AgentKey key) {
      return agent(key.agent()).workflow(key.workflow());
    }

    /** Sets the run, session or task id. */
    public Builder runId(@Nullable String runId) {
      this.runId = runId;
      return this;
    }

    /** Sets the tool name. Required. */
    public Builder tool(String tool) {
      this.tool = Objects.requireNonNull(tool, "tool");
      return this;
    }

    /** Sets the arguments. */
    public Builder arguments(ToolArguments arguments) {
      this.arguments = Objects.requireNonNull(arguments, "arguments");
      return this;
    }

    /** Sets the arguments as JSON text (validated when the engine decides). */
    public Builder argumentsJson(String json) {
      return arguments(ToolArguments.json(json));
    }

    /** Sets the arguments as plain Java values. */
    public Builder arguments(Map<String, ?> values) {
      return arguments(ToolArguments.of(values));
    }

    /** Declares a resource. */
    public Builder resource(Resource resource) {
      resources.add(Objects.requireNonNull(resource, "resource"));
      return this;
    }

    /** Declares several resources. */
    public Builder resources(List<? extends Resource> resources) {
      resources.forEach(this::resource);
      return this;
    }

    /** Sets the declared size. */
    public Builder size(ActionSize size) {
      this.size = Objects.requireNonNull(size, "size");
      return this;
    }

    /** Attaches evidence. */
    public Builder evidence(Evidence evidence) {
      this.evidence = Objects.requireNonNull(evidence, "evidence");
      return this;
    }

    /** Adds a context entry. */
    public Builder context(String key, String value) {
      context.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Sets this action's workspace root. */
    public Builder workspace(@Nullable String workspace) {
      this.workspace = workspace;
      return this;
    }

    /**
     * The action.
     *
     * @throws NullPointerException if agent, workflow or tool was not set
     */
    public Action build() {
      return new Action(this);
    }
  }
}
