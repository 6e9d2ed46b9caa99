package dev.agentlane.benchmarks.peers;

import com.cedarpolicy.AuthorizationEngine;
import com.cedarpolicy.BasicAuthorizationEngine;
import com.cedarpolicy.model.AuthorizationRequest;
import com.cedarpolicy.model.AuthorizationResponse;
import com.cedarpolicy.model.entity.Entities;
import com.cedarpolicy.model.exception.AuthException;
import com.cedarpolicy.model.exception.CacheException;
import com.cedarpolicy.model.exception.InternalException;
import com.cedarpolicy.model.policy.PolicySet;
import com.cedarpolicy.value.CedarList;
import com.cedarpolicy.value.Decimal;
import com.cedarpolicy.value.EntityTypeName;
import com.cedarpolicy.value.EntityUID;
import com.cedarpolicy.value.PrimBool;
import com.cedarpolicy.value.PrimLong;
import com.cedarpolicy.value.PrimString;
import com.cedarpolicy.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Cedar (cedar-java 4.10.0) deciding the peer requests, with the policy written in Cedar from
 * {@link PeerPolicy}: see {@link #policyText}.
 *
 * <p>Cedar decides one (principal, action, resource) at a time and has no quantifier over a set, so a
 * call with paths and hosts is, as Cedar's documentation recommends for such checks, several requests:
 * one {@code Action::"invoke"} of the tool (capabilities, lanes, evidence in its context), one
 * {@code Action::"read"} or {@code Action::"write"} per path and one {@code Action::"connect"} per host;
 * the call is allowed when all are. cedar-java sends each request to Cedar's Rust library as JSON through
 * JNI; without {@link PolicySet#cache()} the policy set travels with every request, with it only a key.
 *
 * <p>Not thread-safe by contract of {@link PeerEngine} (the engine itself is stateless).
 */
public final class CedarPeer implements PeerEngine {

  private static final EntityTypeName AGENT = EntityTypeName.parse("Agent").orElseThrow();
  private static final EntityTypeName TOOL = EntityTypeName.parse("Tool").orElseThrow();
  private static final EntityTypeName PATH = EntityTypeName.parse("Path").orElseThrow();
  private static final EntityTypeName HOST = EntityTypeName.parse("Host").orElseThrow();
  private static final EntityTypeName ACTION = EntityTypeName.parse("Action").orElseThrow();
  private static final EntityUID INVOKE = ACTION.of("invoke");
  private static final EntityUID READ = ACTION.of("read");
  private static final EntityUID WRITE = ACTION.of("write");
  private static final EntityUID CONNECT = ACTION.of("connect");

  private final String name;
  private final PolicySet policies;
  private final AuthorizationEngine engine = new BasicAuthorizationEngine();
  private final Entities entities = new Entities();

  /**
   * A Cedar engine for {@code rules}.
   *
   * @param cached whether to call {@link PolicySet#cache()}, which keeps the parsed policies on the Rust
   *     side (the {@code cedar-cached} variant)
   */
  public CedarPeer(PeerPolicy.Rules rules, boolean cached) {
    this.name = cached ? "cedar-cached" : "cedar";
    try {
      this.policies = PolicySet.parsePolicies(policyText(rules));
      if (cached) {
        policies.cache();
      }
    } catch (InternalException | CacheException e) {
      throw new IllegalStateException("the Cedar policy does not parse: " + e.getMessage(), e);
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean allows(PeerRequest r) {
    EntityUID principal = AGENT.of(r.principal());
    if (!decide(new AuthorizationRequest(principal, INVOKE, TOOL.of(r.tool()), invokeContext(r)))) {
      return false;
    }
    for (String p : r.readPaths()) {
      if (!decide(new AuthorizationRequest(principal, READ, PATH.of(p), Map.of("path", new PrimString(p))))) {
        return false;
      }
    }
    for (String p : r.writePaths()) {
      if (!decide(new AuthorizationRequest(principal, WRITE, PATH.of(p), Map.of("path", new PrimString(p))))) {
        return false;
      }
    }
    for (String h : r.hosts()) {
      if (!decide(new AuthorizationRequest(principal, CONNECT, HOST.of(h), Map.of("host", new PrimString(h))))) {
        return false;
      }
    }
    return true;
  }

  private boolean decide(AuthorizationRequest request) {
    try {
      AuthorizationResponse response = engine.isAuthorized(request, policies, entities);
      if (response.success.isEmpty()) {
        throw new IllegalStateException("Cedar failed: " + response.errors);
      }
      if (!response.success.get().getErrors().isEmpty()) {
        // Cedar skips a policy whose evaluation fails: a forbid that fails would silently allow.
        throw new IllegalStateException("Cedar policy errors: " + response.success.get().getErrors());
      }
      return response.success.get().isAllowed();
    } catch (AuthException e) {
      throw new IllegalStateException("Cedar failed: " + e.getMessage(), e);
    }
  }

  private static Map<String, Value> invokeContext(PeerRequest r) {
    PeerRequest.Evidence e = r.evidence();
    Map<String, Value> c = new HashMap<>(16);
    c.put("mapped", new PrimBool(r.mapped()));
    c.put("lane", new PrimLong(r.lane()));
    List<Value> caps = new ArrayList<>(r.capabilities().size());
    for (String cap : r.capabilities()) {
      caps.add(new PrimString(cap));
    }
    c.put("capabilities", new CedarList(caps));
    c.put("testsRun", new PrimBool(e.testsRun()));
    c.put("testsFailed", new PrimLong(e.testsFailed()));
    c.put("filesTouched", new PrimLong(e.filesTouched()));
    c.put("filesTouchedStated", new PrimBool(e.filesTouchedStated()));
    c.put("assumptionsStated", new PrimBool(e.assumptionsStated()));
    c.put("confidence", new Decimal(String.format(Locale.ROOT, "%.4f", e.confidence())));
    c.put("rollbackPlan", new PrimBool(e.rollbackPlan()));
    return c;
  }

  // ------------------------------------------------------------------------------------------ policy

  /**
   * The policy in Cedar: one {@code permit} for invoking tools and touching paths, one {@code permit} per
   * allowed host (R6: connecting is denied unless a host policy permits it), and one {@code forbid} per
   * rule (R1 to R10), per secret glob and per protected glob, so that Cedar's answer names the rules that
   * refused.
   *
   * <p>Cedar's {@code like} has one wildcard, {@code *}, which also matches {@code /}, and no regular
   * expressions. A segment glob becomes the alternatives "the whole path, the first segment, the last
   * segment, or a middle segment" ({@code p == ".env" || p like ".env/*" || p like "*&#47;.env" ||
   * p like "*&#47;.env/*"}), fewer when the glob starts or ends with {@code *}. That is exact for every
   * glob with at most one {@code *} at its start or end; {@code docker-compose*.yml} (a {@code *} inside)
   * also matches a path such as {@code docker-compose/x.yml}, which the glob does not (the workload has no
   * such path).
   */
  public static String policyText(PeerPolicy.Rules rules) {
    StringBuilder sb = new StringBuilder();
    Map<String, Integer> caps = rules.capabilities();
    sb.append("@id(\"permit\")\npermit(principal, action in [Action::\"invoke\", Action::\"read\", Action::\"write\"],"
        + " resource);\n\n");
    sb.append("@id(\"R1-mapped\")\nforbid(principal, action == Action::\"invoke\", resource)\n"
        + "  unless { context.mapped };\n\n");
    sb.append("@id(\"R2-known\")\nforbid(principal, action == Action::\"invoke\", resource)\n  unless { ")
        .append(set(caps.keySet().stream().toList())).append(".containsAll(context.capabilities) };\n\n");
    for (int lane = 1; lane < PeerPolicy.LANES.size(); lane++) {
      sb.append("@id(\"R2-lane-").append(PeerPolicy.LANES.get(lane)).append("\")\n")
          .append("forbid(principal, action == Action::\"invoke\", resource)\n  when { context.lane < ").append(lane)
          .append(" && context.capabilities.containsAny(").append(set(atLeast(caps, lane))).append(") };\n\n");
    }
    sb.append("@id(\"R9-approval\")\nforbid(principal, action == Action::\"invoke\", resource)\n"
        + "  when { context.capabilities.containsAny(")
        .append(set(PeerPolicy.APPROVAL_CAPABILITIES.stream().sorted().toList())).append(") };\n\n");
    sb.append("@id(\"R10-production\")\nforbid(principal, action == Action::\"invoke\", resource)\n"
        + "  when { context.capabilities.containsAny(").append(set(atLeast(caps, PeerPolicy.PRODUCTION)))
        .append(") };\n\n");
    sb.append("@id(\"R7-governed-evidence\")\nforbid(principal, action == Action::\"invoke\", resource)\n"
        + "  when { context.capabilities.containsAny(").append(set(atLeast(caps, PeerPolicy.GOVERNED))).append(") }\n"
        + "  unless { context.testsRun && context.filesTouchedStated && context.assumptionsStated\n"
        + "    && context.confidence.greaterThanOrEqual(decimal(\"0.0\")) && context.testsFailed == 0\n"
        + "    && context.filesTouched <= ").append(PeerPolicy.MAX_FILES)
        .append("\n    && context.confidence.greaterThanOrEqual(decimal(\"")
        .append(String.format(Locale.ROOT, "%.4f", PeerPolicy.MIN_CONFIDENCE)).append("\")) };\n\n");
    sb.append("@id(\"R8-staging-evidence\")\nforbid(principal, action == Action::\"invoke\", resource)\n"
        + "  when { context.capabilities.containsAny(").append(set(atLeast(caps, PeerPolicy.STAGING)))
        .append(") && !context.rollbackPlan };\n\n");
    List<String> secrets = rules.secretGlobs();
    for (int i = 0; i < secrets.size(); i++) {
      sb.append("@id(\"R3-secret-").append(i).append("\")\n")
          .append("forbid(principal, action in [Action::\"read\", Action::\"write\"], resource)\n  when { ")
          .append(like("context.path", secrets.get(i))).append(" };\n\n");
    }
    List<String> protectedGlobs = rules.protectedGlobs();
    for (int i = 0; i < protectedGlobs.size(); i++) {
      sb.append("@id(\"R4-protected-").append(i).append("\")\n")
          .append("forbid(principal, action == Action::\"write\", resource)\n  when { ")
          .append(like("context.path", protectedGlobs.get(i))).append(" };\n\n");
    }
    sb.append("@id(\"R5-outside\")\nforbid(principal, action in [Action::\"read\", Action::\"write\"], resource)\n"
        + "  when { context.path like \"/*\" && !(context.path like \"/tmp/*\") && context.path != \"/dev/null\" };\n\n");
    List<String> hosts = rules.hosts();
    for (int i = 0; i < hosts.size(); i++) {
      String h = hosts.get(i);
      sb.append("@id(\"R6-host-").append(i).append("\")\npermit(principal, action == Action::\"connect\", resource)\n  when { ")
          .append(h.startsWith("*.")
              ? "context.host like \"" + h + "\" && context.host != \"" + h.substring(1) + "\""
              : "context.host == \"" + h + "\"")
          .append(" };\n\n");
    }
    return sb.toString();
  }

  private static List<String> atLeast(Map<String, Integer> caps, int lane) {
    return caps.entrySet().stream().filter(e -> e.getValue() >= lane).map(Map.Entry::getKey).toList();
  }

  private static String set(List<String> values) {
    return values.stream().map(v -> "\"" + v + "\"").collect(Collectors.joining(", ", "[", "]"));
  }

  /** The Cedar condition "some segment of {@code var} matches {@code glob}" (see {@link #policyText}). */
  static String like(String var, String glob) {
    if (glob.indexOf('/') > 0) { // anchored at the start: inside the workspace, or at the root outside it
      return var + " == \"" + glob + "\" || " + var + " like \"" + glob + "/*\" || " + var + " == \"/" + glob
          + "\" || " + var + " like \"/" + glob + "/*\"";
    }
    if (glob.startsWith("*")) {
      return var + " like \"" + glob + "\" || " + var + " like \"" + glob + "/*\"";
    }
    if (glob.endsWith("*")) {
      return var + " like \"" + glob + "\" || " + var + " like \"*/" + glob + "\"";
    }
    return var + " like \"" + glob + "\" || " + var + " like \"" + glob + "/*\" || " + var + " like \"*/" + glob
        + "\" || " + var + " like \"*/" + glob + "/*\"";
  }
}
