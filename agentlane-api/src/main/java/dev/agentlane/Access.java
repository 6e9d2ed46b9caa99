package dev.agentlane;

/** Whether an action reads or changes a resource. Immutable. */
public enum Access {
  /** Reads the resource. */
  READ("read"),
  /** Creates, changes or deletes the resource. */
  WRITE("write");

  private final String code;

  Access(String code) {
    this.code = code;
  }

  /** The stable code: {@code read} or {@code write}. */
  public String code() {
    return code;
  }
}
