package dev.agentlane;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What an agent attaches to an action so that a reviewer, and the engine, can judge it: tests run,
 * files touched, assumptions made, confidence limits, a rollback plan and validation links.
 *
 * <p>Immutable; lists are defensive copies. Absent fields are empty lists or {@code null}. The
 * engine checks required fields and consistency (confidence within 0..1, non-negative test counts,
 * written files listed in {@link #filesTouched()}).
 *
 * @param tests test runs
 * @param filesTouched files the change touches, as paths relative to the workspace
 * @param assumptions assumptions the agent made
 * @param confidence the agent's confidence in the change, 0..1, or {@code null} if not stated
 * @param rollbackPlan how to undo the change, or {@code null}
 * @param validationLinks links to CI runs, reports or dashboards that validate the change
 */
public record Evidence(
    List<TestRun> tests,
    List<String> filesTouched,
    List<String> assumptions,
    @Nullable Double confidence,
    @Nullable String rollbackPlan,
    List<String> validationLinks) {

  private static final Evidence NONE = new Evidence(List.of(), List.of(), List.of(), null, null, List.of());

  /** Copies the lists. */
  public Evidence {
    tests = List.copyOf(tests);
    filesTouched = List.copyOf(filesTouched);
    assumptions = List.copyOf(assumptions);
    validationLinks = List.copyOf(validationLinks);
  }

  /** Evidence with nothing in it. */
  public static Evidence none() {
    return NONE;
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Whether nothing at all is attached. */
  public boolean isEmpty() {
    return equals(NONE);
  }

  /** Builds {@link Evidence}. Not thread-safe. */
  public static final class Builder {
    private final List<TestRun> tests = new ArrayList<>();
    private final List<String> filesTouched = new ArrayList<>();
    private final List<String> assumptions = new ArrayList<>();
    private @Nullable Double confidence;
    private @Nullable String rollbackPlan;
    private final List<String> validationLinks = new ArrayList<>();

    private Builder() {}

    /** Adds a test run. */
    public Builder test(TestRun run) {
      tests.add(Objects.requireNonNull(run, "run"));
      return this;
    }

    /** Adds a test run with passed and failed counts. */
    public Builder test(String name, int passed, int failed) {
      return test(TestRun.of(name, passed, failed));
    }

    /** Adds files touched. */
    public Builder filesTouched(String... paths) {
      for (String p : paths) {
        filesTouched.add(Objects.requireNonNull(p, "path"));
      }
      return this;
    }

    /** Adds an assumption. */
    public Builder assumption(String assumption) {
      assumptions.add(Objects.requireNonNull(assumption, "assumption"));
      return this;
    }

    /** Sets the stated confidence (the engine checks the 0..1 range). */
    public Builder confidence(double confidence) {
      this.confidence = confidence;
      return this;
    }

    /** Sets the rollback plan. */
    public Builder rollbackPlan(String plan) {
      this.rollbackPlan = Objects.requireNonNull(plan, "plan");
      return this;
    }

    /** Adds a validation link. */
    public Builder validationLink(String link) {
      validationLinks.add(Objects.requireNonNull(link, "link"));
      return this;
    }

    /** The evidence; the builder stays usable. */
    public Evidence build() {
      return new Evidence(tests, filesTouched, assumptions, confidence, rollbackPlan, validationLinks);
    }
  }
}
