package dev.agentlane.policy;

import dev.agentlane.Access;
import java.util.Objects;

/**
 * Allows a path outside the workspace. Paths that escape the workspace are denied unless such a
 * rule allows them; a rule for {@link Access#WRITE} also allows reading.
 *
 * <p>Immutable.
 *
 * @param id the rule id
 * @param glob an absolute glob such as {@code /tmp/**} or {@code ~/.m2/**}
 * @param access the strongest access allowed
 */
public record OutsidePathRule(String id, String glob, Access access) {
  /** Checks for null. */
  public OutsidePathRule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(glob, "glob");
    Objects.requireNonNull(access, "access");
  }
}
