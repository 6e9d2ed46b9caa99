package dev.agentlane.cli;

import picocli.CommandLine.Option;

/**
 * The {@code --format text|json} option of the commands whose output is data, as a picocli mixin:
 * {@code @Mixin FormatOption output}. Text is the default; {@code decide}, whose output is JSON by default,
 * declares its own. Not thread-safe; one per command run.
 */
final class FormatOption {
  @Option(names = "--format", paramLabel = "FORMAT", converter = OutputFormat.Converter.class,
      completionCandidates = OutputFormat.Names.class,
      description = "Output format: ${COMPLETION-CANDIDATES} (default: text).")
  private OutputFormat format = OutputFormat.TEXT;

  /** The format asked for. */
  OutputFormat format() {
    return format;
  }

  /** Whether JSON was asked for. */
  boolean json() {
    return format == OutputFormat.JSON;
  }
}
