package dev.agentlane;

/**
 * What kind of effect a capability has on the world. Reading is separate from changing.
 *
 * <p>Immutable. Persisted and printed through {@link #code()}, never the ordinal.
 */
public enum EffectClass {
  /** Reads only; changes nothing. */
  READ("read"),
  /** Runs or changes things inside an isolated, disposable environment. */
  SANDBOXED("sandboxed"),
  /** Changes something other people rely on: a shared branch, a pull request, configuration. */
  SHARED_CHANGE("shared-change"),
  /** Touches live systems. Actions needing such a capability must match the production catalogue. */
  PRODUCTION("production");

  private final String code;

  EffectClass(String code) {
    this.code = code;
  }

  /** The stable code, such as {@code shared-change}. */
  public String code() {
    return code;
  }

  /**
   * The effect class with the given code.
   *
   * @throws IllegalArgumentException if none has that code
   */
  public static EffectClass ofCode(String code) {
    for (EffectClass e : values()) {
      if (e.code.equals(code)) {
        return e;
      }
    }
    throw new IllegalArgumentException(
        "unknown effect class '" + code + "'; expected one of read, sandboxed, shared-change, production");
  }
}
