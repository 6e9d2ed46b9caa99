package dev.agentlane.promotion;

import java.util.Objects;

/**
 * Something measured about a pair's work in its lane: the evidence promotion is judged on.
 *
 * <p>Immutable values of a closed set; {@link #kind()} names the kind for persistence and printing.
 */
public sealed interface Outcome
    permits Outcome.Review, Outcome.Rework, Outcome.Revert, Outcome.Incident, Outcome.StopConditionHit,
        Outcome.ReleaseCycle {

  /**
   * The stable machine code of the kind of outcome, such as {@code review} or
   * {@code stop-condition-hit} (named {@code kind}, not {@code code}, because a stop-condition hit
   * carries its own reason {@link StopConditionHit#code() code}).
   */
  String kind();

  /** A review that ended with {@code result}. */
  static Review review(ReviewResult result) {
    return new Review(result);
  }

  /** A clean review. */
  static Review clean() {
    return new Review(ReviewResult.CLEAN);
  }

  /** A follow-up fix to work that had passed review (hidden rework). */
  static Rework rework() {
    return new Rework();
  }

  /** A revert of the pair's work. */
  static Revert revert() {
    return new Revert();
  }

  /** An incident. */
  static Incident incident(Severity severity, String description) {
    return new Incident(severity, description);
  }

  /** A stop condition fired. */
  static StopConditionHit stopConditionHit(String code, String ruleId) {
    return new StopConditionHit(code, ruleId);
  }

  /** A release-cycle boundary passed. */
  static ReleaseCycle releaseCycle(String name) {
    return new ReleaseCycle(name);
  }

  /**
   * A human review of the pair's work.
   *
   * @param result how it ended
   */
  record Review(ReviewResult result) implements Outcome {
    /** Checks for null. */
    public Review {
      Objects.requireNonNull(result, "result");
    }

    @Override
    public String kind() {
      return "review";
    }
  }

  /** A follow-up fix, within the rework window, to work that had passed review. */
  record Rework() implements Outcome {
    @Override
    public String kind() {
      return "rework";
    }
  }

  /** The pair's work was reverted. */
  record Revert() implements Outcome {
    @Override
    public String kind() {
      return "revert";
    }
  }

  /**
   * An incident attributed to the pair's work; a {@link Severity#isSevere() severe} one demotes.
   *
   * @param severity how bad
   * @param description what happened, for people
   */
  record Incident(Severity severity, String description) implements Outcome {
    /** Checks for null. */
    public Incident {
      Objects.requireNonNull(severity, "severity");
      Objects.requireNonNull(description, "description");
    }

    @Override
    public String kind() {
      return "incident";
    }
  }

  /**
   * A stop condition fired for the pair.
   *
   * @param code the stop condition's reason code, such as {@code blast-radius}
   * @param ruleId the rule that fired
   */
  record StopConditionHit(String code, String ruleId) implements Outcome {
    /** Checks that both are non-blank. */
    public StopConditionHit {
      requireNonBlank(code, "code");
      requireNonBlank(ruleId, "ruleId");
    }

    @Override
    public String kind() {
      return "stop-condition-hit";
    }
  }

  /**
   * A release-cycle boundary: promotion asks for evidence over several cycles.
   *
   * @param name the release, such as {@code 2024.06}
   */
  record ReleaseCycle(String name) implements Outcome {
    /** Checks that the name is non-blank. */
    public ReleaseCycle {
      requireNonBlank(name, "name");
    }

    @Override
    public String kind() {
      return "release-cycle";
    }
  }

  private static void requireNonBlank(String value, String what) {
    Objects.requireNonNull(value, what);
    if (value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
  }
}
