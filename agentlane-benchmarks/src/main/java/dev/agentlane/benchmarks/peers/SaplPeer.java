package dev.agentlane.benchmarks.peers;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sapl.api.pdp.AuthorizationDecision;
import io.sapl.api.pdp.AuthorizationSubscription;
import io.sapl.interpreter.InitializationException;
import io.sapl.interpreter.combinators.PolicyDocumentCombiningAlgorithm;
import io.sapl.pdp.EmbeddedPolicyDecisionPoint;
import io.sapl.pdp.PolicyDecisionPointFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * {@link PeerPolicy} decided by SAPL (io.sapl:sapl-pdp-embedded 3.0): one policy set, written from
 * {@link PeerPolicy}'s data by {@link #policyText()}, in an embedded PDP built from that in-memory document.
 * Each {@link #allows} builds the authorization subscription as JSON and takes the first decision of the
 * PDP's stream ({@code decideOnce(...).block()}), the blocking path an application without Reactor uses.
 *
 * <p>The subscription: {@code subject = {principal, lane}}, {@code action = {tool, mapped, capabilities,
 * evidence}}, {@code resource = {readPaths, writePaths, hosts}}, no environment. The set combines with
 * {@code deny-overrides}: a {@code permit} policy that always applies, and one {@code deny} policy per rule
 * R1–R10, so the request is permitted exactly when no rule objects. The PDP combines its single document
 * with {@code DENY_OVERRIDES} too, so an evaluation error surfaces as {@code INDETERMINATE}, which
 * {@link #allows} reports by throwing.
 *
 * <p>Confine an instance to one thread ({@link PeerEngine}'s contract); it owns its PDP, released by
 * {@link #close()}.
 */
public final class SaplPeer implements PeerEngine {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final EmbeddedPolicyDecisionPoint pdp;

  /** A PDP holding {@link #policyText()}. */
  public SaplPeer() {
    try {
      this.pdp = PolicyDecisionPointFactory.fixedInRamPolicyDecisionPoint(
          List.of(policyText()), PolicyDocumentCombiningAlgorithm.DENY_OVERRIDES, Map.of());
    } catch (InitializationException e) {
      throw new IllegalStateException("SAPL PDP could not be built from the peer policy", e);
    }
  }

  @Override
  public String name() {
    return "sapl";
  }

  @Override
  public boolean allows(PeerRequest request) {
    AuthorizationDecision decision = pdp.decideOnce(subscription(request)).block();
    if (decision == null) {
      throw new IllegalStateException("SAPL PDP completed without a decision for " + request);
    }
    return switch (decision.getDecision()) {
      case PERMIT -> true;
      case DENY -> false;
      // The set always has an applicable permit policy: anything else is an evaluation error.
      case INDETERMINATE, NOT_APPLICABLE -> throw new IllegalStateException(
          "SAPL PDP decided " + decision.getDecision() + " for " + request);
    };
  }

  @Override
  public void close() {
    pdp.destroy();
  }

  static AuthorizationSubscription subscription(PeerRequest r) {
    ObjectNode subject = JSON.objectNode();
    subject.put("principal", r.principal());
    subject.put("lane", r.lane());
    ObjectNode action = JSON.objectNode();
    action.put("tool", r.tool());
    action.put("mapped", r.mapped());
    action.set("capabilities", PeerRequestJson.strings(r.capabilities()));
    action.set("evidence", PeerRequestJson.evidence(r.evidence()));
    ObjectNode resource = JSON.objectNode();
    resource.set("readPaths", PeerRequestJson.strings(r.readPaths()));
    resource.set("writePaths", PeerRequestJson.strings(r.writePaths()));
    resource.set("hosts", PeerRequestJson.strings(r.hosts()));
    return new AuthorizationSubscription(subject, action, resource, JSON.nullNode());
  }

  /**
   * The SAPL policy set, written from {@link PeerPolicy}. Set-level values hold the tables; each deny
   * policy filters an array with a condition step ({@code array[?(condition on @)]}) and objects when
   * the result is not empty. Glob lists become one regular expression each
   * ({@link PeerGlobRegex#javaWholeMatch}); SAPL's {@code =~} matches the whole string with Java's engine.
   */
  public static String policyText() {
    List<List<String>> earned = new ArrayList<>();
    for (int lane = 0; lane < PeerPolicy.LANES.size(); lane++) {
      earned.add(capabilities(PeerPolicy.DRAFT, lane));
    }
    StringJoiner earnedByLane = new StringJoiner(",\n    ", "[\n    ", "\n  ]");
    earned.forEach(list -> earnedByLane.add(array(list)));

    List<String> exactHosts = new ArrayList<>();
    StringJoiner suffixes = new StringJoiner("|", "(?s).+(?:", ")");
    for (String h : PeerPolicy.HOSTS) {
      if (h.startsWith("*.")) {
        suffixes.add(java.util.regex.Pattern.quote(h.substring(1)));
      } else {
        exactHosts.add(h);
      }
    }

    return """
        set "agentlane-peer-policy"
        deny-overrides

        var earnedAtLane     = %s;
        var approvalCaps     = %s;
        var productionCaps   = %s;
        var governedCaps     = %s;
        var stagingCaps      = %s;
        var secretPattern    = %s;
        var protectedPattern = %s;
        var exactHosts       = %s;
        var subdomainPattern = %s;
        var maxFiles         = %d;
        var minConfidence    = %s;

        policy "allow"
        permit

        policy "R1 unmapped tool or command"
        deny where action.mapped != true;

        policy "R2 capability unknown or above the lane"
        deny where action.capabilities[?(!(@ in earnedAtLane[(subject.lane)]))] != [];

        policy "R3 secret path"
        deny where resource.readPaths[?(@ =~ secretPattern)] != []
                || resource.writePaths[?(@ =~ secretPattern)] != [];

        policy "R4 protected path written"
        deny where resource.writePaths[?(@ =~ protectedPattern)] != [];

        policy "R5 absolute path outside /tmp"
        deny where resource.readPaths[?(@ =~ "(?s)/.*" && !(@ =~ "(?s)/tmp/.*") && @ != "/dev/null")] != []
                || resource.writePaths[?(@ =~ "(?s)/.*" && !(@ =~ "(?s)/tmp/.*") && @ != "/dev/null")] != [];

        policy "R6 host not allowed"
        deny where resource.hosts[?(!(@ in exactHosts) && !(@ =~ subdomainPattern))] != [];

        policy "R7 governed change without sufficient evidence"
        deny where
          action.capabilities[?(@ in governedCaps)] != [];
          var e = action.evidence;
          !(e.testsRun == true && e.filesTouchedStated == true && e.assumptionsStated == true
              && e.confidence >= 0)
            || e.testsFailed > 0 || e.filesTouched > maxFiles || e.confidence < minConfidence;

        policy "R8 staging change without a rollback plan"
        deny where
          action.capabilities[?(@ in stagingCaps)] != [];
          action.evidence.rollbackPlan != true;

        policy "R9 capability needs approval"
        deny where action.capabilities[?(@ in approvalCaps)] != [];

        policy "R10 production capability"
        deny where action.capabilities[?(@ in productionCaps)] != [];
        """.formatted(
        earnedByLane,
        array(List.copyOf(PeerPolicy.APPROVAL_CAPABILITIES.stream().sorted().toList())),
        array(capabilities(PeerPolicy.PRODUCTION, PeerPolicy.PRODUCTION)),
        array(capabilities(PeerPolicy.GOVERNED, PeerPolicy.PRODUCTION)),
        array(capabilities(PeerPolicy.STAGING, PeerPolicy.PRODUCTION)),
        string(PeerGlobRegex.javaWholeMatch(PeerPolicy.SECRET_GLOBS)),
        string(PeerGlobRegex.javaWholeMatch(PeerPolicy.PROTECTED_GLOBS)),
        array(exactHosts),
        string(suffixes.toString()),
        PeerPolicy.MAX_FILES,
        Double.toString(PeerPolicy.MIN_CONFIDENCE));
  }

  /** The capabilities whose lane index is in {@code [from, to]}, in {@link PeerPolicy} order. */
  private static List<String> capabilities(int from, int to) {
    List<String> out = new ArrayList<>();
    PeerPolicy.CAPABILITIES.forEach((capability, lane) -> {
      if (lane >= from && lane <= to) {
        out.add(capability);
      }
    });
    return out;
  }

  private static String array(List<String> values) {
    StringJoiner j = new StringJoiner(", ", "[", "]");
    values.forEach(v -> j.add(string(v)));
    return j.toString();
  }

  /** A SAPL string literal. */
  private static String string(String value) {
    return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
