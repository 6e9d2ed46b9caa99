package dev.agentlane;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The engine's answer to "may this agent do this, now?", with everything needed to explain it.
 *
 * <p>Immutable and thread-safe. A non-allow verdict is a value, not an exception. Every decision
 * carries at least one reason unless it is a plain {@code ALLOW}; all reasons are kept, not only the
 * strictest. The action digest is computed on first use (most decisions never need it on the hot path)
 * and is the same value every time.
 */
public final class Decision {
  private final String id;
  private final Verdict verdict;
  private final List<Reason> reasons;
  private final List<Obligation> obligations;
  private final List<Remedy> remedies;
  private final @Nullable Lane lane;
  private final List<Capability> capabilities;
  private final List<String> matchedRules;
  private final String policyVersion;
  private final Supplier<String> digestSource;
  private volatile @Nullable String actionDigest;
  private final @Nullable String approver;
  private final @Nullable String grantId;
  private final boolean shadow;
  private final Instant time;

  /**
   * A decision whose action digest is computed by {@code actionDigest} on first use.
   *
   * @param id unique id of this decision
   * @param verdict the strictest verdict of all stages
   * @param reasons every reason found, strictest first
   * @param obligations conditions the runtime must honour if it runs the action
   * @param remedies what would make the action allowed (empty for ALLOW)
   * @param lane the pair's lane when deciding, or {@code null} if the action was too malformed to
   *     resolve it
   * @param capabilities the capabilities the action needs, as mapped by the policy
   * @param matchedRules ids of the policy rules the action matched without producing a reason: its tool
   *     mapping, command rules, host and outside-path rules, catalogue entries and budgets it consumed
   * @param policyVersion version of the policy snapshot that decided
   * @param actionDigest computes the SHA-256 (hex) of the action's canonical form; called at most
   *     a few times, must return the same value each time and must not throw
   * @param approver who approved the action, or {@code null} if nobody did
   * @param grantId the grant that allowed the action, or {@code null}
   * @param shadow whether the engine runs in shadow mode: the verdict is recorded but not enforced
   * @param time when the decision was made, from the engine's clock
   */
  public Decision(String id, Verdict verdict, List<Reason> reasons, List<Obligation> obligations,
      List<Remedy> remedies, @Nullable Lane lane, List<Capability> capabilities, List<String> matchedRules,
      String policyVersion, Supplier<String> actionDigest, @Nullable String approver, @Nullable String grantId,
      boolean shadow, Instant time) {
    this.id = Objects.requireNonNull(id, "id");
    this.verdict = Objects.requireNonNull(verdict, "verdict");
    this.reasons = List.copyOf(reasons);
    this.obligations = List.copyOf(obligations);
    this.remedies = List.copyOf(remedies);
    this.lane = lane;
    this.capabilities = List.copyOf(capabilities);
    this.matchedRules = List.copyOf(matchedRules);
    this.policyVersion = Objects.requireNonNull(policyVersion, "policyVersion");
    this.digestSource = Objects.requireNonNull(actionDigest, "actionDigest");
    this.approver = approver;
    this.grantId = grantId;
    this.shadow = shadow;
    this.time = Objects.requireNonNull(time, "time");
  }

  /** A decision whose action digest is computed on first use, with no matched rules beyond its reasons. */
  public Decision(String id, Verdict verdict, List<Reason> reasons, List<Obligation> obligations,
      List<Remedy> remedies, @Nullable Lane lane, List<Capability> capabilities, String policyVersion,
      Supplier<String> actionDigest, @Nullable String approver, @Nullable String grantId, boolean shadow,
      Instant time) {
    this(id, verdict, reasons, obligations, remedies, lane, capabilities, List.of(), policyVersion, actionDigest,
        approver, grantId, shadow, time);
  }

  /** A decision with a known action digest, with no matched rules beyond its reasons. */
  public Decision(String id, Verdict verdict, List<Reason> reasons, List<Obligation> obligations,
      List<Remedy> remedies, @Nullable Lane lane, List<Capability> capabilities, String policyVersion,
      String actionDigest, @Nullable String approver, @Nullable String grantId, boolean shadow, Instant time) {
    this(id, verdict, reasons, obligations, remedies, lane, capabilities, List.of(), policyVersion,
        constant(Objects.requireNonNull(actionDigest, "actionDigest")), approver, grantId, shadow, time);
    this.actionDigest = actionDigest;
  }

  private static Supplier<String> constant(String value) {
    return () -> value;
  }

  /** Unique id of this decision. */
  public String id() {
    return id;
  }

  /** The strictest verdict of all stages. */
  public Verdict verdict() {
    return verdict;
  }

  /** Every reason found, strictest first. */
  public List<Reason> reasons() {
    return reasons;
  }

  /** Conditions the runtime must honour if it runs the action. */
  public List<Obligation> obligations() {
    return obligations;
  }

  /** What would make the action allowed (empty for ALLOW). */
  public List<Remedy> remedies() {
    return remedies;
  }

  /** The pair's lane when deciding, or {@code null} if the action was too malformed to resolve it. */
  public @Nullable Lane lane() {
    return lane;
  }

  /** The capabilities the action needs, as mapped by the policy. */
  public List<Capability> capabilities() {
    return capabilities;
  }

  /** Version of the policy snapshot that decided. */
  public String policyVersion() {
    return policyVersion;
  }

  /**
   * SHA-256 (hex) of the action's canonical form, for audit and exact-action grants, or
   * {@code unavailable} when the action was too malformed to have one.
   */
  public String actionDigest() {
    String d = actionDigest;
    if (d == null) {
      d = Objects.requireNonNull(digestSource.get(), "digest");
      actionDigest = d;
    }
    return d;
  }

  /** Who approved the action, or {@code null} if nobody did. */
  public @Nullable String approver() {
    return approver;
  }

  /** The grant that allowed the action, or {@code null}. */
  public @Nullable String grantId() {
    return grantId;
  }

  /** Whether the engine runs in shadow mode: the verdict is recorded but not enforced. */
  public boolean shadow() {
    return shadow;
  }

  /** When the decision was made, from the engine's clock. */
  public Instant time() {
    return time;
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
   * Every policy rule that took part in this decision, distinct, in this order: the rules the action
   * matched without producing a reason (its tool mapping, the command rules of every command on a shell
   * line, host and outside-path rules, catalogue entries, budgets consumed), then the rules of its
   * reasons and obligations. Some ids of reasons name a step of the procedure rather than a rule of the
   * policy ({@code validate}, {@code halt}, {@code tool-mapping}, {@code lane.<capability>}); they are
   * included as they are. Policy test suites compute rule coverage from this list.
   *
   * <p>Computed on each call; never null.
   */
  public List<String> matchedRules() {
    java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>(matchedRules);
    reasons.forEach(r -> all.add(r.ruleId()));
    obligations.forEach(o -> all.add(o.ruleId()));
    return List.copyOf(all);
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
  public boolean equals(Object o) {
    return o instanceof Decision d && id.equals(d.id) && verdict == d.verdict && reasons.equals(d.reasons)
        && obligations.equals(d.obligations) && remedies.equals(d.remedies) && Objects.equals(lane, d.lane)
        && capabilities.equals(d.capabilities) && matchedRules.equals(d.matchedRules) && policyVersion.equals(d.policyVersion)
        && actionDigest().equals(d.actionDigest()) && Objects.equals(approver, d.approver)
        && Objects.equals(grantId, d.grantId) && shadow == d.shadow && time.equals(d.time);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, verdict, reasons, policyVersion, time);
  }

  @Override
  public String toString() {
    return "Decision{" + verdict + ", reasons=" + reasons + ", remedies=" + remedies + ", id=" + id + "}";
  }
}
