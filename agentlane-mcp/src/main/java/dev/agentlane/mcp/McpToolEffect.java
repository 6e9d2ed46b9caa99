package dev.agentlane.mcp;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What an MCP tool declares it does to its environment, read from its annotations the way the MCP
 * specification defines their defaults: {@code readOnlyHint} (default false), then {@code destructiveHint}
 * (default true, meaningful only when the tool is not read-only).
 *
 * <p>Immutable. The annotations are hints written by the server's author: trust them as far as you trust
 * that author. On a server they are your own code's declarations; on a client they come from whichever
 * server you connected to.
 */
public enum McpToolEffect {
  /** {@code readOnlyHint: true}: the tool does not modify its environment. */
  READ_ONLY,
  /** Not read-only, and {@code destructiveHint: false}: the tool only adds (creates, appends). */
  ADDITIVE,
  /** Not read-only, and {@code destructiveHint} true or unset: the tool may delete or overwrite. */
  DESTRUCTIVE,
  /** The tool has no annotations, so it declared nothing. */
  UNDECLARED;

  /**
   * The effect a tool with these annotations declares.
   *
   * @param annotations the tool's annotations, or null if it has none
   */
  public static McpToolEffect of(McpSchema.@Nullable ToolAnnotations annotations) {
    if (annotations == null) {
      return UNDECLARED;
    }
    if (Boolean.TRUE.equals(annotations.readOnlyHint())) {
      return READ_ONLY;
    }
    return Boolean.FALSE.equals(annotations.destructiveHint()) ? ADDITIVE : DESTRUCTIVE;
  }

  /** The stable code put on the action's context: {@code read-only}, {@code additive}, {@code destructive}, {@code undeclared}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * The effect of this code.
   *
   * @throws IllegalArgumentException if the code is none of {@link #code()}'s
   */
  public static McpToolEffect ofCode(String code) {
    for (McpToolEffect e : values()) {
      if (e.code().equals(code)) {
        return e;
      }
    }
    throw new IllegalArgumentException("MCP tool effect must be read-only, additive, destructive or undeclared but was '"
        + code + "'");
  }
}
