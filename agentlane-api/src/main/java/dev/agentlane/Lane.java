package dev.agentlane;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A trust lane on the promotion path, ordered by {@link #rank()}.
 *
 * <p>Immutable. Two lanes are equal when name and rank are equal. The five default lanes are
 * {@link #DRAFT}, {@link #SANDBOX}, {@link #GOVERNED}, {@link #STAGING} and {@link #PRODUCTION}; a
 * policy may define its own, as long as names and ranks are unique.
 *
 * @param name lower-case name, {@code [a-z][a-z0-9-]*}
 * @param rank position on the path; a higher rank is more trusted
 */
public record Lane(String name, int rank) implements Comparable<Lane> {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,63}");

  /** Explain code, propose patches, draft tests and plans: read broadly, change nothing shared. */
  public static final Lane DRAFT = new Lane("draft", 0);
  /** Run tests, lint, compile, reproduce issues in isolation. */
  public static final Lane SANDBOX = new Lane("sandbox", 1);
  /** Open PRs, propose config edits: owner review, evidence of validation, rollback logic. */
  public static final Lane GOVERNED = new Lane("governed", 2);
  /** Integration checks, rollback readiness, policy gates on staging targets only. */
  public static final Lane STAGING = new Lane("staging", 3);
  /** Narrow, pre-approved production actions with explicit authorization. */
  public static final Lane PRODUCTION = new Lane("production", 4);

  private static final List<Lane> DEFAULTS = List.of(DRAFT, SANDBOX, GOVERNED, STAGING, PRODUCTION);

  /** Validates the name and rank. */
  public Lane {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "lane name must match [a-z][a-z0-9-]* (at most 64 characters) but was '" + name + "'");
    }
    if (rank < 0) {
      throw new IllegalArgumentException("lane rank must be >= 0 but was " + rank);
    }
  }

  /** A lane with the given name and rank. */
  public static Lane of(String name, int rank) {
    return new Lane(name, rank);
  }

  /** The five default lanes in order, from draft to production. */
  public static List<Lane> defaults() {
    return DEFAULTS;
  }

  /** Whether this lane is at least as trusted as {@code other}. */
  public boolean isAtLeast(Lane other) {
    return rank >= other.rank;
  }

  @Override
  public int compareTo(Lane other) {
    return Integer.compare(rank, other.rank);
  }

  @Override
  public String toString() {
    return name;
  }
}
