package dev.agentlane.policy;

import java.util.Objects;

/**
 * Takes one argument of a tool call, by JSON pointer, as a resource of the action. A pointer that
 * resolves to an array takes each element. Values must be strings; anything else, or a missing
 * required argument, denies the action.
 *
 * <p>Immutable.
 *
 * @param pointer an RFC 6901 JSON pointer such as {@code /path} or {@code /files/0}
 * @param kind what the value is
 * @param required whether the argument must be present
 */
public record ArgumentBinding(String pointer, Kind kind, boolean required) {

  /** What an argument is. */
  public enum Kind {
    /** A path the tool reads. */
    READ_PATH("read-path"),
    /** A path the tool writes. */
    WRITE_PATH("write-path"),
    /** A shell command line. */
    COMMAND("command"),
    /** A URL or host. */
    URL("url"),
    /** A deployment environment. */
    ENVIRONMENT("environment"),
    /** A branch. */
    BRANCH("branch"),
    /** A service. */
    SERVICE("service");

    private final String code;

    Kind(String code) {
      this.code = code;
    }

    /** The stable code, as used in policy files. */
    public String code() {
      return code;
    }
  }

  /** Checks for null. */
  public ArgumentBinding {
    Objects.requireNonNull(pointer, "pointer");
    Objects.requireNonNull(kind, "kind");
  }
}
