package dev.agentlane.cli;

import dev.agentlane.PolicyException;
import dev.agentlane.PolicyProblem;
import dev.agentlane.policy.Policy;
import dev.agentlane.policyfile.PolicyFiles;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads the policy a command names: a YAML or JSON file, or {@code default} for the shipped policy. */
final class Policies {
  private Policies() {}

  /** The name that means the shipped default policy. */
  static final String DEFAULT = "default";

  /**
   * The policy at {@code ref}.
   *
   * @throws CliException (exit {@link ExitCode#REFUSED}) listing every problem with file, line and column
   *     if the policy is invalid, or (exit {@link ExitCode#ERROR}) if the file does not exist
   */
  static Policy load(String ref) {
    if (ref.equals(DEFAULT)) {
      return PolicyFiles.defaultPolicy();
    }
    Path file = Path.of(ref);
    if (!Files.isRegularFile(file)) {
      throw new CliException("policy file '" + ref + "' does not exist (use '" + DEFAULT
          + "' for the shipped default policy)");
    }
    try {
      return PolicyFiles.load(file);
    } catch (PolicyException e) {
      StringBuilder sb = new StringBuilder("the policy '" + ref + "' is invalid (" + e.problems().size()
          + (e.problems().size() == 1 ? " problem):" : " problems):"));
      for (PolicyProblem p : e.problems()) {
        sb.append("\n  ").append(p);
      }
      throw new CliException(sb.toString(), ExitCode.REFUSED, e);
    }
  }
}
