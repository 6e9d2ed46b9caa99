package dev.agentlane.policy;

import dev.agentlane.Access;
import dev.agentlane.Verdict;
import dev.agentlane.spi.StopCondition;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A hard rule checked on every action in its {@link #scope()}, with the verdict it asks for when it
 * fires ({@link #effect()}: ESCALATE, DENY, or HALT, which latches the pair until a human resets it).
 *
 * <p>Immutable. Create them with the static factories, then narrow with {@code scope}.
 */
public sealed interface StopConditionSpec {
  /** The rule id, used in reasons. */
  String id();

  /** The verdict it asks for when it fires. */
  Verdict effect();

  /** The actions it applies to. */
  Scope scope();

  /** Fires when attached evidence reports a failed test. */
  record FailedTests(String id, Verdict effect, Scope scope) implements StopConditionSpec {
    /** Validates. */
    public FailedTests {
      Checks.common(id, effect, scope);
    }
  }

  /** Fires when a required context key, or the run id, is absent. */
  record MissingContext(String id, Verdict effect, Scope scope, List<String> contextKeys, boolean requireRunId)
      implements StopConditionSpec {
    /** Validates. */
    public MissingContext {
      Checks.common(id, effect, scope);
      contextKeys = List.copyOf(contextKeys);
    }
  }

  /**
   * Fires when a path lies outside the workflow's normal paths, or when more than {@code maxFiles}
   * paths are touched ({@code 0}: no limit; empty {@code normalPaths}: no path check).
   */
  record UnusualFileScope(String id, Verdict effect, Scope scope, List<String> normalPaths, int maxFiles)
      implements StopConditionSpec {
    /** Validates. */
    public UnusualFileScope {
      Checks.common(id, effect, scope);
      normalPaths = List.copyOf(normalPaths);
      Checks.nonNegative("maxFiles", maxFiles);
    }
  }

  /**
   * Fires when any path matches one of the globs: as a tool argument, a shell-command argument or a
   * redirection target. With {@link Access#READ} it fires on any access; with {@link Access#WRITE}
   * only on writes.
   */
  record SensitivePaths(String id, Verdict effect, Scope scope, List<String> globs, Access access)
      implements StopConditionSpec {
    /** Validates. */
    public SensitivePaths {
      Checks.common(id, effect, scope);
      globs = List.copyOf(globs);
      Objects.requireNonNull(access, "access");
      if (globs.isEmpty()) {
        throw new IllegalArgumentException("sensitive-paths condition '" + id + "' needs at least one glob");
      }
    }
  }

  /** Fires when a change exceeds any limit ({@code 0}: no limit). */
  record BlastRadius(String id, Verdict effect, Scope scope, int maxFiles, int maxLines, int maxDirectories,
      int maxServices, int maxEnvironments) implements StopConditionSpec {
    /** Validates. */
    public BlastRadius {
      Checks.common(id, effect, scope);
      Checks.nonNegative("maxFiles", maxFiles);
      Checks.nonNegative("maxLines", maxLines);
      Checks.nonNegative("maxDirectories", maxDirectories);
      Checks.nonNegative("maxServices", maxServices);
      Checks.nonNegative("maxEnvironments", maxEnvironments);
    }
  }

  /** Fires when more than {@code limit} actions in scope are attempted within {@code window}. */
  record Rate(String id, Verdict effect, Scope scope, int limit, Duration window, Per per)
      implements StopConditionSpec {
    /** Validates. */
    public Rate {
      Checks.common(id, effect, scope);
      if (limit <= 0) {
        throw new IllegalArgumentException("limit must be > 0 but was " + limit);
      }
      Checks.positive("window", window);
      Objects.requireNonNull(per, "per");
    }
  }

  /** Fires when stated confidence is below {@code minimum}, or absent when {@code requireStated}. */
  record LowConfidence(String id, Verdict effect, Scope scope, double minimum, boolean requireStated)
      implements StopConditionSpec {
    /** Validates. */
    public LowConfidence {
      Checks.common(id, effect, scope);
      if (!(minimum >= 0.0 && minimum <= 1.0)) {
        throw new IllegalArgumentException("minimum must be within 0..1 but was " + minimum);
      }
    }
  }

  /** A user-supplied condition; the verdict comes from its {@link dev.agentlane.spi.StopResult}. */
  record Custom(StopCondition condition, Scope scope) implements StopConditionSpec {
    /** Checks for null. */
    public Custom {
      Objects.requireNonNull(condition, "condition");
      Objects.requireNonNull(scope, "scope");
    }

    @Override
    public String id() {
      return condition.id();
    }

    @Override
    public Verdict effect() {
      return Verdict.DENY;
    }
  }

  /** Failed tests in the evidence. */
  static FailedTests failedTests(String id, Verdict effect) {
    return new FailedTests(id, effect, Scope.all());
  }

  /** Required context keys. */
  static MissingContext missingContext(String id, Verdict effect, boolean requireRunId, String... contextKeys) {
    return new MissingContext(id, effect, Scope.all(), List.of(contextKeys), requireRunId);
  }

  /** Paths outside the normal ones, or too many files. */
  static UnusualFileScope unusualFileScope(String id, Verdict effect, int maxFiles, String... normalPaths) {
    return new UnusualFileScope(id, effect, Scope.all(), List.of(normalPaths), maxFiles);
  }

  /** Sensitive paths on any access. */
  static SensitivePaths sensitivePaths(String id, Verdict effect, String... globs) {
    return new SensitivePaths(id, effect, Scope.all(), List.of(globs), Access.READ);
  }

  /** Blast radius in files and lines. */
  static BlastRadius blastRadius(String id, Verdict effect, int maxFiles, int maxLines) {
    return new BlastRadius(id, effect, Scope.all(), maxFiles, maxLines, 0, 0, 0);
  }

  /** At most {@code limit} actions per {@code window} per agent/workflow pair. */
  static Rate rate(String id, Verdict effect, int limit, Duration window) {
    return new Rate(id, effect, Scope.all(), limit, window, Per.PAIR);
  }

  /** Stated confidence at least {@code minimum}. */
  static LowConfidence lowConfidence(String id, Verdict effect, double minimum) {
    return new LowConfidence(id, effect, Scope.all(), minimum, false);
  }

  /** A custom condition applying everywhere. */
  static Custom custom(StopCondition condition) {
    return new Custom(condition, Scope.all());
  }

  /** Argument checks shared by the records. */
  final class Checks {
    private Checks() {}

    static void common(String id, Verdict effect, Scope scope) {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(effect, "effect");
      Objects.requireNonNull(scope, "scope");
      if (effect == Verdict.ALLOW) {
        throw new IllegalArgumentException("stop condition '" + id + "' must have effect escalate, deny or halt, not allow");
      }
    }

    static void nonNegative(String name, int value) {
      if (value < 0) {
        throw new IllegalArgumentException(name + " must be >= 0 but was " + value);
      }
    }

    static void positive(String name, Duration d) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be > 0 but was " + d);
      }
    }
  }
}
