package dev.agentlane.policyfile;

import dev.agentlane.PolicyProblem;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What one {@link PolicyReloader#reload()} did.
 *
 * <p>Immutable and therefore thread-safe.
 *
 * @param outcome applied, unchanged or rejected
 * @param file the absolute, normalized policy file
 * @param previousVersion the version of the engine's policy before the reload
 * @param version the version of the engine's policy after the reload: the new one if applied, otherwise
 *     the same as {@code previousVersion}
 * @param problems every problem found, located by file, line and column where known; empty unless
 *     rejected
 */
public record ReloadResult(Outcome outcome, Path file, String previousVersion, String version,
    List<PolicyProblem> problems) {

  /**
   * Checks for null, copies {@code problems}, and checks that only a rejection carries problems.
   *
   * @throws IllegalArgumentException if {@code problems} is empty for a rejection or not empty otherwise
   */
  public ReloadResult {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(previousVersion, "previousVersion");
    Objects.requireNonNull(version, "version");
    problems = List.copyOf(problems);
    if ((outcome == Outcome.REJECTED) == problems.isEmpty()) {
      throw new IllegalArgumentException("a " + outcome.code() + " reload must "
          + (outcome == Outcome.REJECTED ? "list at least one problem" : "list no problems") + " but had "
          + problems.size());
    }
  }

  /** Whether the engine switched to the policy in the file. */
  public boolean applied() {
    return outcome == Outcome.APPLIED;
  }

  /** Whether the file was refused (the engine kept its policy). */
  public boolean rejected() {
    return outcome == Outcome.REJECTED;
  }

  /** What a reload did. Immutable; printed and persisted through {@link #code()}, never the ordinal. */
  public enum Outcome {
    /** The file was loaded and the engine switched to it. */
    APPLIED("applied"),
    /**
     * The file has the same content as the last one applied and the engine still runs that policy, so
     * nothing was loaded and the engine was not updated.
     */
    UNCHANGED("unchanged"),
    /** The file could not be read, did not load or did not compile; the engine kept its policy. */
    REJECTED("rejected");

    private final String code;

    Outcome(String code) {
      this.code = code;
    }

    /** The stable code: {@code applied}, {@code unchanged} or {@code rejected}. */
    public String code() {
      return code;
    }
  }
}
