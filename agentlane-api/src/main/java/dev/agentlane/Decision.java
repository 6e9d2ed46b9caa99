package dev.agentlane;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The engine's answer to "may this agent do this, now?", with everything needed to explain it.
 *
 * <p>Immutable. A non-allow verdict is a value, not an exception. Every decision carries at least
 * one reason unless it is a plain {@code ALLOW}; all reasons are kept, not only the strictest.
 *
 * @param id unique id of this decision
 * @param verdict the strictest verdict of all stages
 * @param reasons every reason found, strictest first
 * @param obligations conditions the runtime must honour if it runs the action
 * @param remedies what would make the action allowed (empty for ALLOW)
 * @param lane the agent/workflow pair's lane when deciding, or {@code null} if the action was too
 *     malformed to resolve it
 * @param capabilities the capabilities the action needs, as mapped by the policy
 * @param policyVersion version of the policy snapshot that decided
 * @param actionDigest SHA-256 (hex) of the action's canonical form, for audit and exact-action grants
 * @param approver who approved the action, or {@code null} if nobody did
 * @param grantId the grant that allowed the action, or {@code null}
 * @param shadow whether the engine runs in shadow mode: the verdict is recorded but not enforced
 * @param time when the decision was made, from the engine's clock
 */
public record Decision(
    String id,
    Verdict verdict,
    List<Reason> reasons,
    List<Obligation> obligations,
    List<Remedy> remedies,
    @Nullable Lane lane,
    List<Capability> capabilities,
    String policyVersion,
    String actionDigest,
    @Nullable String approver,
    @Nullable String grantId,
    boolean shadow,
    Instant time) {

  /** Checks for null and copies the lists. */
  public Decision {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(verdict, "verdict");
    reasons = List.copyOf(reasons);
    obligations = List.copyOf(obligations);
    remedies = List.copyOf(remedies);
    capabilities = List.copyOf(capabilities);
    Objects.requireNonNull(policyVersion, "policyVersion");
    Objects.requireNonNull(actionDigest, "actionDigest");
    Objects.requireNonNull(time, "time");
  }

  /** Whether the verdict is {@link Verdict#ALLOW}. */
  public boolean isAllowed() {
    return verdict == Verdict.ALLOW;
  }

  /**
   * Whether the runtime may run the action: the verdict is ALLOW, or the engine runs in shadow mode
   * (which records the real verdict but lets every action through).
   */
  public boolean permitsExecution() {
    return verdict == Verdict.ALLOW || shadow;
  }

  /** Whether some reason has the given code. */
  public boolean hasReason(ReasonCode code) {
    for (Reason r : reasons) {
      if (r.code() == code) {
        return true;
      }
    }
    return false;
  }

  /** The distinct rule ids of all reasons, in order. */
  public List<String> ruleIds() {
    return reasons.stream().map(Reason::ruleId).distinct().collect(Collectors.toUnmodifiableList());
  }

  /**
   * A short text for people and models: the verdict, each reason and each remedy, one per line.
   * Integrations return it as the tool result of a refused call.
   */
  public String explain() {
    StringBuilder sb = new StringBuilder();
    sb.append(verdict.name());
    if (shadow) {
      sb.append(" (shadow mode: not enforced)");
    }
    if (lane != null) {
      sb.append(" at lane ").append(lane.name());
    }
    for (Reason r : reasons) {
      sb.append("\n- ").append(r.code().code()).append(" [").append(r.ruleId()).append("]: ").append(r.message());
    }
    for (Remedy m : remedies) {
      sb.append("\n  to proceed: ").append(m.message());
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return "Decision{" + verdict + ", reasons=" + reasons + ", remedies=" + remedies + ", id=" + id + "}";
  }
}
