package dev.agentlane.policy;

import dev.agentlane.policy.ArgumentBinding.Kind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How calls of one tool become capabilities and resources: the capabilities every call needs, and
 * which arguments (by JSON pointer) are paths, command lines, URLs, environments, branches or
 * services. A tool with a {@link Kind#COMMAND} binding is a shell tool: each command on the line is
 * further mapped by the policy's {@link CommandRule}s.
 *
 * <p>Immutable.
 *
 * <pre>{@code
 * ToolMapping.tool("write_file").capability("patch.write").writePath("/path").onlyArguments("path", "content").build()
 * ToolMapping.tool("bash").command("/command").build()
 * }</pre>
 *
 * @param tool the tool name, exactly as agents call it
 * @param capabilities capabilities every call needs (a shell tool may need none of its own)
 * @param bindings arguments taken as resources
 * @param allowedArguments if non-null, the only top-level argument names allowed; any other denies
 *     the call (so nothing can hide in an argument the policy does not look at)
 * @param id the rule id, {@code tool.<name>} by default
 */
public record ToolMapping(
    String tool,
    List<String> capabilities,
    List<ArgumentBinding> bindings,
    @Nullable Set<String> allowedArguments,
    String id) {

  /** Copies the collections. */
  public ToolMapping {
    Objects.requireNonNull(tool, "tool");
    capabilities = List.copyOf(capabilities);
    bindings = List.copyOf(bindings);
    allowedArguments = allowedArguments == null ? null : OrderedSets.of(allowedArguments);
    Objects.requireNonNull(id, "id");
  }

  /** A builder for the tool of this name. */
  public static Builder tool(String name) {
    return new Builder(name);
  }

  /** Whether this is a shell tool (it has a command binding). */
  public boolean isShell() {
    return bindings.stream().anyMatch(b -> b.kind() == Kind.COMMAND);
  }

  /** Builds a {@link ToolMapping}. Not thread-safe; {@link #build()} leaves it reusable. */
  public static final class Builder {
    private final String tool;
    private final Set<String> capabilities = new LinkedHashSet<>();
    private final List<ArgumentBinding> bindings = new ArrayList<>();
    private @Nullable Set<String> allowedArguments;
    private @Nullable String id;

    private Builder(String tool) {
      this.tool = Objects.requireNonNull(tool, "tool");
    }

    /** Adds capabilities every call needs. */
    public Builder capability(String... names) {
      for (String n : names) {
        capabilities.add(Objects.requireNonNull(n, "capability"));
      }
      return this;
    }

    /** Takes a required argument of the given kind. */
    public Builder bind(String pointer, Kind kind, boolean required) {
      bindings.add(new ArgumentBinding(pointer, kind, required));
      return this;
    }

    /** A required path argument the tool reads. */
    public Builder readPath(String pointer) {
      return bind(pointer, Kind.READ_PATH, true);
    }

    /** A required path argument the tool writes. */
    public Builder writePath(String pointer) {
      return bind(pointer, Kind.WRITE_PATH, true);
    }

    /** A required command-line argument: this makes the tool a shell tool. */
    public Builder command(String pointer) {
      return bind(pointer, Kind.COMMAND, true);
    }

    /** A required URL argument. */
    public Builder url(String pointer) {
      return bind(pointer, Kind.URL, true);
    }

    /** A required environment argument. */
    public Builder environment(String pointer) {
      return bind(pointer, Kind.ENVIRONMENT, true);
    }

    /** A required branch argument. */
    public Builder branch(String pointer) {
      return bind(pointer, Kind.BRANCH, true);
    }

    /** A required service argument. */
    public Builder service(String pointer) {
      return bind(pointer, Kind.SERVICE, true);
    }

    /** Makes the last binding optional. */
    public Builder optional() {
      if (bindings.isEmpty()) {
        throw new IllegalStateException("optional() applies to the last binding, but there is none");
      }
      ArgumentBinding last = bindings.remove(bindings.size() - 1);
      bindings.add(new ArgumentBinding(last.pointer(), last.kind(), false));
      return this;
    }

    /** Restricts the top-level argument names; any other argument denies the call. */
    public Builder onlyArguments(String... names) {
      this.allowedArguments = Set.of(names);
      return this;
    }

    /** Overrides the rule id. */
    public Builder id(String id) {
      this.id = Objects.requireNonNull(id, "id");
      return this;
    }

    /** The mapping. */
    public ToolMapping build() {
      return new ToolMapping(tool, new ArrayList<>(capabilities), bindings, allowedArguments,
          id != null ? id : "tool." + tool);
    }
  }
}
