package dev.agentlane.cli;

import dev.agentlane.AgentKey;
import picocli.CommandLine;

/**
 * Reads an {@code AGENT/WORKFLOW} argument, such as {@code release-bot/dependency-bumps}, into an
 * {@link AgentKey}: the agent is what comes before the first {@code /}, the workflow everything after it.
 * Stateless and thread-safe.
 */
final class PairArgument implements CommandLine.ITypeConverter<AgentKey> {
  /** The parameter label for help texts. */
  static final String LABEL = "AGENT/WORKFLOW";

  @Override
  public AgentKey convert(String value) {
    int slash = value.indexOf('/');
    if (slash <= 0 || slash == value.length() - 1) {
      throw new CommandLine.TypeConversionException("expected AGENT/WORKFLOW, such as release-bot/dependency-bumps, "
          + "but was '" + value + "'");
    }
    try {
      return AgentKey.of(value.substring(0, slash), value.substring(slash + 1));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }
}
