package dev.agentlane.mcp;

import dev.agentlane.Verdict;
import dev.agentlane.policy.Policy;
import dev.agentlane.policy.StopConditionSpec;
import dev.agentlane.policy.ToolMapping;
import dev.agentlane.spi.StopCondition;
import dev.agentlane.spi.StopContext;
import dev.agentlane.spi.StopResult;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns MCP tool annotations into policy: capabilities for the tools a policy does not list, by what each
 * declares it does ({@link McpToolEffect}), and stop conditions on those declarations.
 *
 * <pre>{@code
 * Policy policy = McpToolHints.builder()
 *     .capability(McpToolEffect.READ_ONLY, "code.read")        // an unlisted read-only tool needs code.read
 *     .capability(McpToolEffect.ADDITIVE, "workspace.write")
 *     .stop(McpToolEffect.DESTRUCTIVE, Verdict.ESCALATE)      // any call of a destructive tool needs a human
 *     .build()
 *     .extend(PolicyFiles.defaultPolicy(), tools);            // tools: the server's McpSchema.Tool list
 * }</pre>
 *
 * <p>What it does not do: a tool the policy already lists keeps its mapping (the policy's author knows
 * better than a hint); a tool whose effect has no capability here stays unlisted, so its calls are denied
 * as before ({@code unknown-tool}); and a mapping made here binds no argument as a path, URL or command (the
 * hints do not say which arguments are which), so only the sensitive-path check sees the arguments, as it
 * sees every string of every call. List tools that take paths or commands in the policy itself.
 *
 * <p>The stop conditions read {@value McpActionMapper#EFFECT} from the action's context, which the guards
 * set from the tool's declaration, never from the model.
 *
 * <p>Annotations are the claims of the server's author: on a server they are your own code's; on a client
 * they come from the server you connected to, so extend a client's policy this way only for servers you
 * trust.
 *
 * <p>Immutable and thread-safe.
 */
public final class McpToolHints {
  private final Map<McpToolEffect, List<String>> capabilities;
  private final Map<McpToolEffect, Verdict> stops;

  private McpToolHints(Builder b) {
    EnumMap<McpToolEffect, List<String>> caps = new EnumMap<>(McpToolEffect.class);
    b.capabilities.forEach((effect, names) -> caps.put(effect, List.copyOf(names)));
    this.capabilities = caps;
    this.stops = new EnumMap<>(b.stops);
  }

  /** A builder with no capabilities and no stop conditions. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@code policy} with a tool mapping for each of {@code tools} it does not list and whose declared effect
   * has capabilities here, and with the stop conditions configured here.
   *
   * @throws dev.agentlane.PolicyException if the result does not build (a capability the policy does not
   *     define, a tool name the policy cannot take)
   */
  public Policy extend(Policy policy, Collection<McpSchema.Tool> tools) {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(tools, "tools");
    Policy.Builder b = policy.toBuilder();
    mappings(policy, tools).forEach(b::tool);
    stops.forEach((effect, verdict) -> b.stopCondition(StopConditionSpec.custom(stopCondition(effect, verdict))));
    return b.build();
  }

  /** The tool mappings {@link #extend} would add to {@code policy}. */
  public List<ToolMapping> mappings(Policy policy, Collection<McpSchema.Tool> tools) {
    Set<String> listed = new HashSet<>();
    policy.tools().forEach(t -> listed.add(t.tool()));
    List<ToolMapping> out = new ArrayList<>();
    for (McpSchema.Tool tool : tools) {
      Objects.requireNonNull(tool, "tool");
      List<String> caps = capabilities.get(McpToolEffect.of(tool.annotations()));
      if (caps != null && listed.add(tool.name())) {
        out.add(ToolMapping.tool(tool.name()).capability(caps.toArray(String[]::new)).build());
      }
    }
    return List.copyOf(out);
  }

  /**
   * A stop condition, with id {@code mcp.effect.<code>}, that fires with {@code verdict} on every call of a
   * tool declared with {@code effect}.
   *
   * @throws IllegalArgumentException if {@code verdict} is {@code ALLOW}
   */
  public static StopCondition stopCondition(McpToolEffect effect, Verdict verdict) {
    return new EffectCondition(Objects.requireNonNull(effect, "effect"), stopVerdict(verdict));
  }

  private static Verdict stopVerdict(Verdict verdict) {
    Objects.requireNonNull(verdict, "verdict");
    if (verdict == Verdict.ALLOW) {
      throw new IllegalArgumentException("a stop condition's verdict must be ESCALATE, DENY or HALT but was ALLOW");
    }
    return verdict;
  }

  private static final class EffectCondition implements StopCondition {
    private final McpToolEffect effect;
    private final Verdict verdict;

    EffectCondition(McpToolEffect effect, Verdict verdict) {
      this.effect = effect;
      this.verdict = verdict;
    }

    @Override
    public String id() {
      return "mcp.effect." + effect.code();
    }

    @Override
    public StopResult check(StopContext context) {
      String declared = context.action().context().get(McpActionMapper.EFFECT);
      return effect.code().equals(declared)
          ? StopResult.hit(verdict, "MCP tool '" + context.action().context().getOrDefault(McpActionMapper.TOOL,
              context.action().tool()) + "' is declared " + effect.code())
          : StopResult.pass();
    }

    @Override
    public String toString() {
      return id() + " -> " + verdict.code();
    }
  }

  /** Configures {@link McpToolHints}. Not thread-safe; {@link #build()} leaves it reusable. */
  public static final class Builder {
    private final Map<McpToolEffect, Set<String>> capabilities = new EnumMap<>(McpToolEffect.class);
    private final Map<McpToolEffect, Verdict> stops = new EnumMap<>(McpToolEffect.class);

    private Builder() {}

    /**
     * Unlisted tools declared with {@code effect} need these capabilities (added to any given before).
     *
     * @throws IllegalArgumentException if no capability is given, or one is blank
     */
    public Builder capability(McpToolEffect effect, String... capabilities) {
      Objects.requireNonNull(effect, "effect");
      if (capabilities.length == 0) {
        throw new IllegalArgumentException("capability(" + effect + ", ...) needs at least one capability");
      }
      Set<String> names = this.capabilities.computeIfAbsent(effect, e -> new LinkedHashSet<>());
      for (String c : capabilities) {
        Objects.requireNonNull(c, "capability");
        if (c.isBlank()) {
          throw new IllegalArgumentException("a capability name must not be blank but was '" + c + "'");
        }
        names.add(c);
      }
      return this;
    }

    /**
     * Every call of a tool declared with {@code effect} meets a stop condition with {@code verdict} (see
     * {@link McpToolHints#stopCondition}). A second call for the same effect replaces the verdict.
     *
     * @throws IllegalArgumentException if {@code verdict} is {@code ALLOW}
     */
    public Builder stop(McpToolEffect effect, Verdict verdict) {
      stops.put(Objects.requireNonNull(effect, "effect"), stopVerdict(verdict));
      return this;
    }

    /** The hints. */
    public McpToolHints build() {
      return new McpToolHints(this);
    }
  }
}
