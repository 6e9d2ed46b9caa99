package dev.agentlane.policyfile;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One thing {@link PolicyLinter} found in a policy: what, how serious, and where.
 *
 * <p>Immutable and therefore thread-safe.
 *
 * @param code a stable kebab-case code such as {@code lane-jump-bundle}; see the constants of
 *     {@link PolicyLinter}
 * @param severity how serious it is
 * @param path where in the policy model, with the same path strings the policy builder uses in
 *     {@link dev.agentlane.PolicyProblem}, such as {@code tools.deploy}, {@code commands.<rule id>},
 *     {@code stopConditions.<id>}, {@code catalogue.<id>} or {@code capabilities.deploy.production}
 * @param ruleId the id of the rule concerned, or {@code null} when the finding is not about one rule
 *     (a capability, or something missing from the whole policy)
 * @param message what was found, why it matters, and what to do about it
 */
public record LintFinding(String code, Severity severity, String path, @Nullable String ruleId, String message) {

  /** How serious a finding is. Immutable; printed and persisted through {@link #code()}, never the ordinal. */
  public enum Severity {
    /** The policy does not do what its author almost certainly meant, or opens a hole: fix it. */
    ERROR("error"),
    /** Part of the policy is dead or denies more than intended: check it. */
    WARNING("warning"),
    /** Worth knowing; often intended. */
    INFO("info");

    private final String code;

    Severity(String code) {
      this.code = code;
    }

    /** The stable code: {@code error}, {@code warning} or {@code info}. */
    public String code() {
      return code;
    }
  }

  /** Checks the fields. */
  public LintFinding {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
    if (code.isBlank()) {
      throw new IllegalArgumentException("code must not be blank");
    }
  }

  /** {@code severity code path: message}, on one line. */
  @Override
  public String toString() {
    return severity.code() + " " + code + " " + path + (ruleId == null ? "" : " [" + ruleId + "]") + ": " + message;
  }
}
