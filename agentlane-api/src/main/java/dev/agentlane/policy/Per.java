package dev.agentlane.policy;

/** What a rate limit or a budget counts separately. Immutable; persisted through {@link #code()}. */
public enum Per {
  /** One counter per agent and workflow class. */
  PAIR("agent-workflow"),
  /** One counter per agent, across its workflows. */
  AGENT("agent"),
  /** One counter per workflow class, across agents. */
  WORKFLOW("workflow"),
  /** One counter per run id (actions without a run id share one counter per pair). */
  RUN("run"),
  /** One counter for everything. */
  GLOBAL("global");

  private final String code;

  Per(String code) {
    this.code = code;
  }

  /** The stable code. */
  public String code() {
    return code;
  }
}
