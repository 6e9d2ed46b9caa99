package dev.agentlane;

import java.util.Objects;

/**
 * One problem in a policy: where it is, which rule it breaks, and what to do.
 *
 * <p>Immutable.
 *
 * @param source the file, or {@code builder} for a policy built in Java
 * @param line 1-based line, or 0 if unknown
 * @param column 1-based column, or 0 if unknown
 * @param path where in the document, such as {@code capabilities[3].lane} or a rule id
 * @param message what is wrong, what was expected, and a suggestion where one is obvious
 */
public record PolicyProblem(String source, int line, int column, String path, String message) {
  /** Checks for null. */
  public PolicyProblem {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  /** A problem in a policy built in Java, located by its path. */
  public static PolicyProblem inBuilder(String path, String message) {
    return new PolicyProblem("builder", 0, 0, path, message);
  }

  @Override
  public String toString() {
    String where = line > 0 ? source + ":" + line + ":" + column : source;
    return where + ": " + path + ": " + message;
  }
}
