package dev.agentlane.policy;

/** A field of {@link dev.agentlane.Evidence} a rule can require. Immutable; stable {@link #code()}. */
public enum EvidenceField {
  /** At least one test run, with at least one test. */
  TESTS("tests"),
  /** A non-empty list of files touched, covering every path the action writes. */
  FILES_TOUCHED("files-touched"),
  /** At least one stated assumption. */
  ASSUMPTIONS("assumptions"),
  /** A stated confidence within 0..1. */
  CONFIDENCE("confidence"),
  /** A non-blank rollback plan. */
  ROLLBACK_PLAN("rollback-plan"),
  /** At least one validation link. */
  VALIDATION_LINKS("validation-links");

  private final String code;

  EvidenceField(String code) {
    this.code = code;
  }

  /** The stable code, such as {@code rollback-plan}. */
  public String code() {
    return code;
  }
}
