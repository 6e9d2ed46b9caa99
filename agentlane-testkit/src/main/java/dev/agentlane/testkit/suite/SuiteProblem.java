package dev.agentlane.testkit.suite;

import java.util.Objects;

/**
 * One problem in a policy test suite file: where it is and what is wrong.
 *
 * <p>Immutable, so thread-safe.
 *
 * @param source the suite file (or the policy file, for a problem in the policy it names)
 * @param line 1-based line, or 0 if unknown
 * @param column 1-based column, or 0 if unknown
 * @param message what is wrong, and a suggestion where one is obvious
 */
public record SuiteProblem(String source, int line, int column, String message) {
  /** Checks for null. */
  public SuiteProblem {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(message, "message");
  }

  /** {@code file:line:column: message}, the form editors and build tools link to. */
  @Override
  public String toString() {
    return (line > 0 ? source + ":" + line + ":" + column : source) + ": " + message;
  }
}
