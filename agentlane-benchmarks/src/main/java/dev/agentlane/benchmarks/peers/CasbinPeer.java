package dev.agentlane.benchmarks.peers;

import java.util.Map;
import org.casbin.jcasbin.main.Enforcer;
import org.casbin.jcasbin.model.Model;
import org.casbin.jcasbin.util.EnforceContext;

/**
 * jCasbin (org.casbin:jcasbin 1.99.0) deciding the peer requests, with the policy as a Casbin model
 * ({@link #MODEL}) and policy lines written from {@link PeerPolicy}.
 *
 * <ul>
 *   <li>Capabilities are RBAC: the lanes are roles, each inheriting the one below it ({@code g, sandbox,
 *       draft}); a capability is an allow line at the lane that earns it ({@code p, sandbox, tests.run,
 *       allow}); the approval and production capabilities also have deny lines at the lowest lane, which
 *       every lane inherits. The evidence rules (R7, R8) are ABAC conditions in the matcher on the request
 *       subject's attributes, applied to lines of the governed and staging lanes and above.
 *   <li>Paths are a second request type ({@code r2}): one deny line per secret and per protected glob,
 *       matched with {@code regexMatch} (which compiles its pattern on every call, as jCasbin does), and
 *       one for paths outside the workspace.
 *   <li>Hosts are a third ({@code r3}): one allow line per host pattern, matched with {@code globMatch}
 *       (hosts have no {@code /}, so its {@code *} spans any subdomain), and a condition that keeps
 *       {@code *.github.com} from matching {@code .github.com}.
 * </ul>
 *
 * <p>Casbin decides one request at a time, so a call is one enforcement per capability, per path and per
 * host, allowed when all are. Whether the tool is mapped ({@code mapped}) is checked before (Casbin has no
 * notion of a request that names nothing).
 *
 * <p>Not thread-safe (jCasbin's {@code Enforcer} is not; one per thread, as {@link PeerEngine} says).
 */
public final class CasbinPeer implements PeerEngine {

  /** The model: three request types, with their policies, effects and matchers. */
  public static final String MODEL = """
      [request_definition]
      r = sub, obj
      r2 = obj, act
      r3 = obj

      [policy_definition]
      p = sub, obj, eft
      p2 = obj, act, eft
      p3 = obj

      [role_definition]
      g = _, _

      [policy_effect]
      e = some(where (p.eft == allow)) && !some(where (p.eft == deny))
      e2 = !some(where (p.eft == deny))
      e3 = some(where (p.eft == allow))

      [matchers]
      m = g(r.sub.lane, p.sub) && r.obj == p.obj && (p.eft == "deny" || p.sub == "draft" || p.sub == "sandbox" \
        || (r.sub.testsRun && r.sub.filesTouchedStated && r.sub.assumptionsStated && r.sub.confidence >= 0.0 \
          && r.sub.testsFailed == 0 && r.sub.filesTouched <= %d && r.sub.confidence >= %s \
          && (p.sub == "governed" || r.sub.rollbackPlan)))
      m2 = (p2.act == "any" || r2.act == p2.act) && regexMatch(r2.obj, p2.obj)
      m3 = globMatch(r3.obj, p3.obj) && !string.startsWith(r3.obj, ".")
      """.formatted(PeerPolicy.MAX_FILES, PeerPolicy.MIN_CONFIDENCE);

  private static final EnforceContext PATHS = new EnforceContext("2");
  private static final EnforceContext HOSTS = new EnforceContext("3");

  private final Enforcer enforcer;

  /** An enforcer for {@code rules}. */
  public CasbinPeer(PeerPolicy.Rules rules) {
    Model model = new Model();
    model.loadModelFromText(MODEL);
    enforcer = new Enforcer(model);
    enforcer.enableLog(false);
    for (int lane = 1; lane < PeerPolicy.LANES.size(); lane++) {
      enforcer.addNamedGroupingPolicy("g", PeerPolicy.LANES.get(lane), PeerPolicy.LANES.get(lane - 1));
    }
    String lowest = PeerPolicy.LANES.get(PeerPolicy.DRAFT);
    for (Map.Entry<String, Integer> c : rules.capabilities().entrySet()) {
      enforcer.addNamedPolicy("p", PeerPolicy.LANES.get(c.getValue()), c.getKey(), "allow");
      if (PeerPolicy.APPROVAL_CAPABILITIES.contains(c.getKey()) || c.getValue() == PeerPolicy.PRODUCTION) {
        enforcer.addNamedPolicy("p", lowest, c.getKey(), "deny");
      }
    }
    for (String g : rules.secretGlobs()) {
      enforcer.addNamedPolicy("p2", casbinRegex(g), "any", "deny");
    }
    for (String g : rules.protectedGlobs()) {
      enforcer.addNamedPolicy("p2", casbinRegex(g), "write", "deny");
    }
    enforcer.addNamedPolicy("p2", "^/(?!tmp/|dev/null$)", "any", "deny");
    for (String h : rules.hosts()) {
      enforcer.addNamedPolicy("p3", h);
    }
  }

  /**
   * A glob as a regular expression for Casbin's {@code regexMatch}, which matches from the start of the
   * path ({@code Matcher.lookingAt}): {@link ReferencePeer#regexOf}, led by {@code .*} when unanchored.
   */
  static String casbinRegex(String glob) {
    String regex = ReferencePeer.regexOf(glob);
    return regex.startsWith("^") ? regex : ".*" + regex;
  }

  @Override
  public String name() {
    return "casbin";
  }

  @Override
  public boolean allows(PeerRequest r) {
    if (!r.mapped()) {
      return false;
    }
    Subject subject = new Subject(r);
    for (String c : r.capabilities()) {
      if (!enforcer.enforce(subject, c)) {
        return false;
      }
    }
    for (String p : r.readPaths()) {
      if (!enforcer.enforce(PATHS, p, "read")) {
        return false;
      }
    }
    for (String p : r.writePaths()) {
      if (!enforcer.enforce(PATHS, p, "write")) {
        return false;
      }
    }
    for (String h : r.hosts()) {
      if (!enforcer.enforce(HOSTS, h)) {
        return false;
      }
    }
    return true;
  }

  /** The request subject, whose attributes the matcher reads (ABAC). Public for Casbin's evaluator. */
  public static final class Subject {
    private final PeerRequest request;

    Subject(PeerRequest request) {
      this.request = request;
    }

    public String getLane() {
      return PeerPolicy.LANES.get(request.lane());
    }

    public boolean isTestsRun() {
      return request.evidence().testsRun();
    }

    public long getTestsFailed() {
      return request.evidence().testsFailed();
    }

    public long getFilesTouched() {
      return request.evidence().filesTouched();
    }

    public boolean isFilesTouchedStated() {
      return request.evidence().filesTouchedStated();
    }

    public boolean isAssumptionsStated() {
      return request.evidence().assumptionsStated();
    }

    public double getConfidence() {
      return request.evidence().confidence();
    }

    public boolean isRollbackPlan() {
      return request.evidence().rollbackPlan();
    }

    @Override
    public String toString() {
      return request.principal();
    }
  }
}
