package dev.agentlane.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The options the promotion commands share: the state directory they act on and the policy whose lanes and
 * promotion criteria apply. A picocli mixin. Not thread-safe; one per command run.
 */
final class PromotionState {
  @Option(names = "--state", paramLabel = "DIR", required = true,
      description = "The state directory: the promotion ledger (ledger/), the audit log (audit.jsonl) and the "
          + "grants (grants.json). It must exist.")
  @Nullable Path dir;

  @Option(names = {"-p", "--policy"}, paramLabel = "POLICY", defaultValue = Policies.DEFAULT,
      description = "The policy (a YAML or JSON file, or 'default' for the shipped policy) whose lanes and "
          + "promotion criteria apply. Default: ${DEFAULT-VALUE}.")
  String policy = Policies.DEFAULT;

  /**
   * Opens the state directory, which must exist: a misspelt directory is an error, not a new empty ledger.
   *
   * @throws CliException if it does not exist, the policy is invalid, or the state cannot be read
   */
  StateDir open() {
    return open(dir, policy);
  }

  /** Opens {@code dir} (which must exist), or an in-memory state when it is null. */
  static StateDir open(@Nullable Path dir, String policy) {
    if (dir != null && !Files.isDirectory(dir)) {
      throw new CliException("the state directory '" + dir + "' does not exist (create it, or run agentlane "
          + "decide --state " + dir + " first)");
    }
    return StateDir.open(dir, Policies.load(policy), null);
  }
}
