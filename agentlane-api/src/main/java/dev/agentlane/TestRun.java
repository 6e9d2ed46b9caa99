package dev.agentlane;

import java.util.Objects;

/**
 * One test run attached as evidence: which suite ran and how many tests passed, failed and were
 * skipped.
 *
 * <p>Immutable. Counts are taken as reported; the engine judges their consistency (a run with no
 * test at all is not evidence that tests pass, and negative counts are inconsistent evidence).
 *
 * @param name the suite or command, such as {@code mvn test}
 * @param passed tests that passed
 * @param failed tests that failed
 * @param skipped tests that were skipped
 */
public record TestRun(String name, int passed, int failed, int skipped) {
  /** Checks for null. */
  public TestRun {
    Objects.requireNonNull(name, "name");
  }

  /** A run with passed and failed counts and no skipped test. */
  public static TestRun of(String name, int passed, int failed) {
    return new TestRun(name, passed, failed, 0);
  }

  /** Total number of tests in the run. */
  public long total() {
    return (long) passed + failed + skipped;
  }
}
