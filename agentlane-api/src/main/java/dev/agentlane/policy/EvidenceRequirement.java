package dev.agentlane.policy;

import java.util.Objects;
import java.util.Set;

/**
 * Evidence that actions in a scope must carry; missing fields deny the action with
 * {@code evidence-missing} and a remedy naming each field. Typical: {@code Scope.fromLane("governed")}
 * requires tests, files touched and a rollback plan.
 *
 * <p>Immutable.
 *
 * @param id the rule id
 * @param scope the actions it applies to
 * @param fields the required fields
 */
public record EvidenceRequirement(String id, Scope scope, Set<EvidenceField> fields) {
  /** Validates and copies. */
  public EvidenceRequirement {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(scope, "scope");
    if (fields.isEmpty()) {
      throw new IllegalArgumentException("evidence requirement '" + id + "' needs at least one field");
    }
    fields = OrderedSets.ofEnum(fields);
  }

  /** A requirement. */
  public static EvidenceRequirement of(String id, Scope scope, EvidenceField... fields) {
    return new EvidenceRequirement(id, scope, Set.of(fields));
  }
}
