package dev.agentlane.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One narrow, pre-approved production action. An action that needs a capability of effect class
 * {@code production} must match an entry, else it is denied ({@code not-in-catalogue}).
 *
 * <p>An action matches when it calls {@link #tool()}, every argument constraint holds (the string
 * value at each JSON pointer matches its glob; numbers and booleans are compared as their JSON
 * text), every environment it targets is listed (when environments are given), and, for a shell
 * tool, every command on the line matches one of {@link #commands()} (globs over the command's words
 * joined by single spaces).
 *
 * <p>Immutable.
 *
 * @param id the rule id
 * @param tool the tool
 * @param arguments JSON pointer to glob
 * @param commands globs over commands, for shell tools
 * @param environments allowed environments; empty means any
 * @param requiresApproval whether matching actions still escalate to a human
 * @param description what the entry is for
 */
public record CatalogueEntry(
    String id,
    String tool,
    Map<String, String> arguments,
    List<String> commands,
    Set<String> environments,
    boolean requiresApproval,
    String description) {

  /** Copies the collections. */
  public CatalogueEntry {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tool, "tool");
    arguments = Map.copyOf(arguments);
    commands = List.copyOf(commands);
    environments = OrderedSets.of(environments);
    Objects.requireNonNull(description, "description");
  }

  /** A builder. */
  public static Builder builder(String id, String tool) {
    return new Builder(id, tool);
  }

  /** Builds a {@link CatalogueEntry}. Not thread-safe. */
  public static final class Builder {
    private final String id;
    private final String tool;
    private final Map<String, String> arguments = new LinkedHashMap<>();
    private final List<String> commands = new ArrayList<>();
    private final Set<String> environments = new LinkedHashSet<>();
    private boolean requiresApproval;
    private String description = "";

    private Builder(String id, String tool) {
      this.id = Objects.requireNonNull(id, "id");
      this.tool = Objects.requireNonNull(tool, "tool");
    }

    /** Requires the argument at {@code pointer} to match {@code glob}. */
    public Builder argument(String pointer, String glob) {
      arguments.put(Objects.requireNonNull(pointer, "pointer"), Objects.requireNonNull(glob, "glob"));
      return this;
    }

    /** Allows shell commands matching {@code glob}. */
    public Builder command(String glob) {
      commands.add(Objects.requireNonNull(glob, "glob"));
      return this;
    }

    /** Allows these environments. */
    public Builder environments(String... names) {
      environments.addAll(List.of(names));
      return this;
    }

    /** Matching actions still escalate to a human. */
    public Builder requiresApproval() {
      this.requiresApproval = true;
      return this;
    }

    /** Describes the entry. */
    public Builder description(String description) {
      this.description = Objects.requireNonNull(description, "description");
      return this;
    }

    /** The entry. */
    public CatalogueEntry build() {
      return new CatalogueEntry(id, tool, arguments, commands, environments, requiresApproval, description);
    }
  }
}
