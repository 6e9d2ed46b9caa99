package dev.agentlane;

/**
 * The stable, machine-readable code of a {@link Reason}. Codes are part of the public contract:
 * they appear in audit records, tool results and metrics, and they never change meaning.
 *
 * <p>Immutable. See {@code docs/decisions.md} for the stage of the decision procedure that emits
 * each code.
 */
public enum ReasonCode {
  /** The action is malformed: blank or oversized fields, control characters, invalid JSON arguments. */
  INVALID_ACTION("invalid-action"),
  /** The agent/workflow pair is halted until a human resets it. */
  HALTED("halted"),
  /** No tool mapping exists for the tool (default deny). */
  UNMAPPED_TOOL("unmapped-tool"),
  /** A command on a shell line has no command rule (default deny). */
  UNMAPPED_COMMAND("unmapped-command"),
  /** A shell line could not be parsed with certainty, so it is not guessed at. */
  UNPARSEABLE_COMMAND("unparseable-command"),
  /** A required argument (by JSON pointer) is absent or of the wrong type. */
  MISSING_ARGUMENT("missing-argument"),
  /** The agent's lane is lower than the lane a needed capability is earned at. */
  LANE_TOO_LOW("lane-too-low"),
  /** A path escapes the workspace, or cannot be normalized, and no rule allows it. */
  PATH_OUTSIDE_WORKSPACE("path-outside-workspace"),
  /** A path cannot be normalized (NUL byte, control character, too long...). */
  INVALID_PATH("invalid-path"),
  /** A URL or host is malformed or not allowed. */
  HOST_NOT_ALLOWED("host-not-allowed"),
  /** A stop condition on sensitive paths (secrets, infrastructure, CI configuration) fired. */
  SENSITIVE_PATH("sensitive-path"),
  /** Attached evidence reports failed tests. */
  FAILED_TESTS("failed-tests"),
  /** A required context field or argument is absent. */
  MISSING_CONTEXT("missing-context"),
  /** The action touches paths outside the workflow's normal scope, or more files than usual. */
  UNUSUAL_FILE_SCOPE("unusual-file-scope"),
  /** The change exceeds the blast-radius limits. */
  BLAST_RADIUS("blast-radius"),
  /** Too many actions in the rate window. */
  RATE_LIMITED("rate-limited"),
  /** The stated confidence is below the minimum. */
  LOW_CONFIDENCE("low-confidence"),
  /** A custom stop condition fired. */
  STOP_CONDITION("stop-condition"),
  /** Evidence the capability or lane requires is missing. */
  EVIDENCE_MISSING("evidence-missing"),
  /** Evidence is inconsistent (confidence outside 0..1, negative counts, unlisted written files...). */
  EVIDENCE_INCONSISTENT("evidence-inconsistent"),
  /** A production action matches no entry of the production catalogue. */
  NOT_IN_CATALOGUE("not-in-catalogue"),
  /** An approval rule requires a human to approve the action. */
  APPROVAL_REQUIRED("approval-required"),
  /** The approval handler refused. */
  APPROVAL_DENIED("approval-denied"),
  /** The approval handler did not answer in time, or failed. */
  APPROVAL_TIMEOUT("approval-timeout"),
  /** An approval or a grant allowed an action that would otherwise escalate. */
  APPROVED("approved"),
  /** A budget for the period is used up. */
  BUDGET_EXHAUSTED("budget-exhausted"),
  /** An exception inside evaluation: fail closed. */
  INTERNAL_ERROR("internal-error");

  private final String code;

  ReasonCode(String code) {
    this.code = code;
  }

  /** The stable kebab-case code, such as {@code lane-too-low}. */
  public String code() {
    return code;
  }

  /**
   * The reason code with the given stable code.
   *
   * @throws IllegalArgumentException if none has that code
   */
  public static ReasonCode ofCode(String code) {
    for (ReasonCode c : values()) {
      if (c.code.equals(code)) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown reason code '" + code + "'");
  }
}
