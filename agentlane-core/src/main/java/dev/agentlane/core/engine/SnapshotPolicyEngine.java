package dev.agentlane.core.engine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.agentlane.Access;
import dev.agentlane.Action;
import dev.agentlane.AgentKey;
import dev.agentlane.AuditEntry;
import dev.agentlane.Capability;
import dev.agentlane.Decision;
import dev.agentlane.EffectClass;
import dev.agentlane.Execution;
import dev.agentlane.Grant;
import dev.agentlane.GrantScope;
import dev.agentlane.Grants;
import dev.agentlane.Lane;
import dev.agentlane.LaneDirectory;
import dev.agentlane.LaneStatus;
import dev.agentlane.Obligation;
import dev.agentlane.PolicyEngine;
import dev.agentlane.PolicyException;
import dev.agentlane.Reason;
import dev.agentlane.ReasonCode;
import dev.agentlane.Registration;
import dev.agentlane.Remedy;
import dev.agentlane.Resource;
import dev.agentlane.TestRun;
import dev.agentlane.Verdict;
import dev.agentlane.core.net.InvalidUrlException;
import dev.agentlane.core.net.ParsedUrl;
import dev.agentlane.core.net.UrlParser;
import dev.agentlane.core.path.GlobSet;
import dev.agentlane.core.path.NormalizedPath;
import dev.agentlane.core.path.PathNormalizer;
import dev.agentlane.core.shell.CommandLine;
import dev.agentlane.core.shell.Redirection;
import dev.agentlane.core.shell.ShellParser;
import dev.agentlane.core.shell.ShellSyntaxException;
import dev.agentlane.core.shell.SimpleCommand;
import dev.agentlane.core.shell.Word;
import dev.agentlane.policy.Policy;
import dev.agentlane.promotion.Outcome;
import dev.agentlane.promotion.PromotionLedger;
import dev.agentlane.policy.CatalogueEntry;
import dev.agentlane.policy.CommandRule;
import dev.agentlane.policy.EvidenceField;
import dev.agentlane.spi.Approval;
import dev.agentlane.spi.ApprovalHandler;
import dev.agentlane.spi.ApprovalRequest;
import dev.agentlane.spi.AuditSink;
import dev.agentlane.spi.DecisionListener;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The policy engine: an immutable {@link CompiledPolicy} snapshot in one atomic reference, and the
 * decision procedure of {@code docs/decisions.md} over it.
 *
 * <p>Thread-safe; share one instance. No user code (stop conditions, listeners, approval handlers)
 * runs under a lock. Any exception in evaluation yields {@code DENY (internal-error)}.
 */
public final class SnapshotPolicyEngine implements PolicyEngine {
  private static final Logger LOG = LoggerFactory.getLogger(SnapshotPolicyEngine.class);
  private static final Set<String> STANDARD_BIN_DIRS =
      Set.of("/bin", "/usr/bin", "/usr/local/bin", "/sbin", "/usr/sbin", "/usr/local/sbin");
  private static final Set<String> HARMLESS_DEVICES = Set.of("/dev/null", "/dev/stdout", "/dev/stderr");
  /** Variables that change which program runs or what it loads: assigning them is not judged, it is refused. */
  private static final Set<String> EXECUTION_VARIABLES = Set.of("PATH", "LD_PRELOAD", "LD_LIBRARY_PATH", "LD_AUDIT",
      "BASH_ENV", "ENV", "PROMPT_COMMAND", "IFS", "SHELLOPTS", "BASHOPTS", "NODE_OPTIONS", "PYTHONPATH",
      "PYTHONSTARTUP", "PERL5LIB", "PERL5OPT", "RUBYOPT", "RUBYLIB", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS",
      "JDK_JAVA_OPTIONS", "GIT_SSH", "GIT_SSH_COMMAND", "GIT_EXEC_PATH", "GIT_EXTERNAL_DIFF", "GIT_PAGER", "PAGER",
      "EDITOR", "VISUAL", "GIT_EDITOR", "GIT_DIR", "GIT_WORK_TREE", "GIT_ASKPASS", "SSH_ASKPASS", "MAVEN_OPTS",
      "HOME", "XDG_CONFIG_HOME", "LESSOPEN", "LESSCLOSE", "CURL_HOME", "WGETRC", "KUBECONFIG", "DOCKER_HOST",
      "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "FTP_PROXY", "NO_PROXY", "TMPDIR", "SHELL", "MANPAGER",
      // what the mapped tools themselves read: rg's flags file (--pre), git's proxy program, editors, templates
      // and repository files, the Go, Rust, Java and Python toolchains' programs, plugins and module sources
      "RIPGREP_CONFIG_PATH", "GIT_PROXY_COMMAND", "GIT_SEQUENCE_EDITOR", "GIT_TEMPLATE_DIR", "GIT_INDEX_FILE",
      "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_COMMON_DIR", "GOPROXY", "GONOPROXY",
      "GOPRIVATE", "GOSUMDB", "GONOSUMDB", "GONOSUMCHECK", "GOINSECURE", "GOFLAGS", "GOTOOLCHAIN", "GOENV",
      "GOCACHEPROG", "RUSTC", "RUSTC_WRAPPER", "RUSTC_WORKSPACE_WRAPPER", "RUSTDOC", "RUSTFLAGS", "RUSTDOCFLAGS",
      "JAVA_HOME", "JAVACMD", "JAVA_OPTS", "MAVEN_ARGS", "MAVEN_HOME", "M2_HOME", "GRADLE_OPTS", "GRADLE_USER_HOME",
      "PYTEST_ADDOPTS", "PYTEST_PLUGINS", "PYTHONHOME", "NODE_PATH", "GCONV_PATH");
  private static final int MAX_ID_LENGTH = 256;
  private static final int MAX_CONTEXT_ENTRIES = 64;
  private static final int MAX_RESOURCE_CHARS = 65_536;
  /** The longest word checked against sensitive paths. */
  private static final int MAX_MENTION_CHARS = 4096;
  /** The most '=', ':' and '@' splits of one word checked against sensitive paths; see {@link #mention}. */
  private static final int MAX_MENTION_SPLITS = 1024;
  private static final String SYSTEM_ACTOR = "agentlane";
  private static final Set<String> NETWORK_SCHEMES = Set.of("http", "https", "ws", "wss", "ssh", "git");
  private static final String TOKEN_SEPARATORS = "'\"(),;=@:<>|&{}[]`$";
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  });

  private final AtomicReference<CompiledPolicy> snapshot;
  private final InstantSource clock;
  private final @Nullable String workspace;
  private final boolean caseInsensitive;
  private final boolean resolveSymlinks;
  private final @Nullable ApprovalHandler approvalHandler;
  private final Duration approvalTimeout;
  private final boolean shadow;
  private final Listeners listeners;
  private final @Nullable AuditSink audit;
  private final LaneDirectory lanes;
  private final InMemoryGrants grants;
  private final WindowCounters counters;
  private final ShellParser shell = ShellParser.ofDefaults();
  /** Parsed shell lines (a {@link CommandLine} or the {@link ShellSyntaxException}): parsing is pure. */
  private final LossyCache<Object> parsedLines = new LossyCache<>(4096);
  // Maintenance runs on the calling thread: handing it to a pool costs more than it saves here.
  private final Cache<String, PathNormalizer> normalizers =
      Caffeine.newBuilder().maximumSize(1_000).executor(Runnable::run).build();
  /** Normalization is pure (no symlink resolution here), so results are cached per root and raw path. */
  private final LossyCache<NormalizedPath> normalized = new LossyCache<>(16_384);
  /** Parsed URLs (a {@link ParsedUrl} or the {@link InvalidUrlException}): parsing is pure. */
  private final LossyCache<Object> parsedUrls = new LossyCache<>(4096);
  private final String idPrefix;
  private final DecisionIds ids;
  private volatile @Nullable ExecutorService approvalThreads;
  private volatile boolean closed;

  /**
   * An engine configured by the builder.
   *
   * @throws PolicyException if the policy does not compile
   */
  public SnapshotPolicyEngine(PolicyEngine.Builder config) {
    Policy policy = java.util.Objects.requireNonNull(config.policy(), "policy");
    this.clock = config.clock();
    this.workspace = config.workspace();
    this.caseInsensitive = config.caseInsensitivePaths();
    this.resolveSymlinks = config.resolveSymlinks();
    this.snapshot = new AtomicReference<>(CompiledPolicy.compile(policy, caseInsensitive));
    this.approvalHandler = config.approvalHandler();
    this.approvalTimeout = config.approvalTimeout();
    this.shadow = config.shadowMode();
    this.listeners = new Listeners(config.listeners());
    this.audit = config.auditSink();
    if (audit != null) {
      listeners.add(new AuditEvents(audit, clock, this::policyVersion));
    }
    this.idPrefix = Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
    this.ids = new DecisionIds("d-" + idPrefix + "-");
    LaneDirectory dir = config.laneDirectory();
    this.lanes = dir != null ? dir : new InMemoryLaneDirectory(snapshot::get, clock, listeners);
    if (lanes instanceof PromotionLedger ledger) {
      ledger.addListener(new LedgerBridge(listeners, audit, clock, this::policyVersion));
    }
    this.grants = new InMemoryGrants(clock, listeners, this::digestOrFail, "g-" + idPrefix + "-");
    this.counters = new WindowCounters();
    if (workspace != null) {
      normalizer(workspace);
    }
  }

  @Override
  public Policy policy() {
    return snapshot.get().policy;
  }

  @Override
  public void update(Policy policy) {
    java.util.Objects.requireNonNull(policy, "policy");
    CompiledPolicy next;
    try {
      next = CompiledPolicy.compile(policy, caseInsensitive);
    } catch (PolicyException e) {
      listeners.each(l -> l.policyRejected(e));
      throw e;
    }
    CompiledPolicy previous = snapshot.getAndSet(next);
    listeners.each(l -> l.policyUpdated(previous.version, next.version));
  }

  @Override
  public LaneDirectory lanes() {
    return lanes;
  }

  @Override
  public Grants grants() {
    return grants;
  }

  @Override
  public Registration addListener(DecisionListener listener) {
    return listeners.add(java.util.Objects.requireNonNull(listener, "listener"));
  }

  private String policyVersion() {
    return snapshot.get().version;
  }

  @Override
  public void executed(Execution execution) {
    java.util.Objects.requireNonNull(execution, "execution");
    if (audit != null) {
      try {
        audit.append(AuditEntry.execution(clock.instant(), execution));
      } catch (Exception e) { // checked ones too: a sink written in another JVM language may throw them
        // The call has run; there is nothing left to deny. Say so loudly.
        LOG.warn("agentlane audit sink refused the execution record of decision {}", execution.decision().id(), e);
      }
    }
    listeners.each(l -> l.executionEnd(execution));
  }

  @Override
  public void close() {
    if (audit != null && !closed) {
      try {
        audit.flush();
      } catch (Exception e) {
        LOG.warn("agentlane audit sink failed to flush on close", e);
      }
    }
    closed = true;
    ExecutorService threads = approvalThreads;
    if (threads != null) {
      threads.shutdownNow();
    }
  }

  @Override
  public Decision decide(Action action) {
    java.util.Objects.requireNonNull(action, "action");
    boolean notify = !listeners.isEmpty();
    if (notify) {
      listeners.each(l -> l.decisionStart(action));
    }
    CompiledPolicy policy = snapshot.get();
    Decision decision;
    try {
      decision = evaluate(policy, action);
    } catch (Exception e) {
      LOG.warn("agentlane evaluation failed for {}; denying", action, e);
      listeners.each(l -> l.decisionFailed(action, e));
      decision = failClosed(policy, action, "evaluation failed: " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()), "engine");
    }
    if (audit != null) {
      decision = recorded(policy, action, decision);
    }
    Decision result = decision;
    if (notify) {
      listeners.each(l -> l.decisionEnd(action, result));
    }
    return result;
  }

  /**
   * Appends the decision's record; a decision whose record the sink cannot accept becomes a DENY, so
   * that no action runs without its record.
   */
  private Decision recorded(CompiledPolicy policy, Action action, Decision decision) {
    AgentKey key;
    try {
      key = AgentKey.of(action.agent(), action.workflow());
    } catch (IllegalArgumentException e) {
      key = null;
    }
    try {
      java.util.Objects.requireNonNull(audit).append(AuditEntry.decision(key, decision));
      return decision;
    } catch (Exception e) { // checked ones too: a sink written in another JVM language may throw them
      LOG.warn("agentlane audit sink refused a record; denying", e);
      return failClosed(policy, action, "the audit record could not be written: " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()), "audit");
    }
  }

  private Decision failClosed(CompiledPolicy policy, Action action, String message, String ruleId) {
    String digest;
    try {
      digest = digestOrFail(action);
    } catch (RuntimeException e) {
      digest = "unavailable";
    }
    return new Decision(nextId(), Verdict.DENY,
        List.of(Reason.of(ReasonCode.INTERNAL_ERROR, ruleId, Verdict.DENY, message)), List.of(),
        List.of(Remedy.of("retry", "the engine failed closed; report this to the platform team")),
        null, List.of(), policy.version, digest, null, null, shadow, failureTime());
  }

  /**
   * The time of a fail-closed decision: the clock's, or the system's when the clock is what failed (it
   * threw or returned null), so that a broken clock still yields a DENY rather than an exception.
   */
  private Instant failureTime() {
    try {
      Instant now = clock.instant();
      if (now != null) {
        return now;
      }
    } catch (Exception e) {
      LOG.debug("agentlane clock failed while failing closed; using the system time", e);
    }
    return Instant.now();
  }

  // ---------------------------------------------------------------- the decision procedure

  private Decision evaluate(CompiledPolicy p, Action action) throws Exception {
    Instant now = clock.instant();
    if (now == null) {
      throw new IllegalStateException("the engine's clock returned no time (null)");
    }

    // 1. Normalize and validate.
    String invalid = validate(action);
    Map<String, Object> args = null;
    if (invalid == null) {
      try {
        args = Arguments.values(action.arguments());
        if (action.arguments() instanceof dev.agentlane.ToolArguments.Structured) {
          Arguments.checkNumbers(args);
        }
      } catch (Arguments.MalformedArgumentsException e) {
        invalid = e.getMessage();
      }
    }
    if (invalid != null || args == null) {
      return early(p, action, () -> "unavailable", null, ReasonCode.INVALID_ACTION, "validate", Verdict.DENY,
          invalid == null ? "malformed action" : invalid, Remedy.of("fix-action", "send a well-formed action"), now);
    }
    LazyDigest digest = new LazyDigest(action, args);
    AgentKey key = AgentKey.of(action.agent(), action.workflow());

    // 2. Resolve the lane.
    LaneStatus status = lanes.status(key);
    Lane lane = p.lane(status.lane().name());
    if (status.halted()) {
      return early(p, action, digest, lane, ReasonCode.HALTED, "halt", Verdict.HALT,
          key + " is halted since " + status.haltedAt() + ": " + status.haltReason(),
          Remedy.of("human-reset", "a named human must review and reset " + key), now);
    }

    // 3. Map the tool call to capabilities and resources.
    CompiledPolicy.Tool tool = p.tools.get(action.tool());
    if (tool == null) {
      return early(p, action, digest, lane, ReasonCode.UNMAPPED_TOOL, "tool-mapping", Verdict.DENY,
          "no tool mapping for '" + action.tool() + "' (unknown tools are denied)",
          Remedy.of("map-tool", "add a tool mapping for '" + action.tool() + "' to the policy"), now);
    }
    Evaluation e = new Evaluation(action, key, lane, now, args, tool); // starts with the tool's id and capabilities
    mapArguments(p, e);
    mapDeclaredResources(p, e);

    // 4. Lane check.
    List<Capability> needed = e.capabilities();
    for (int i = 0; i < needed.size(); i++) {
      Capability c = needed.get(i);
      if (c.lane().rank() > lane.rank()) {
        e.reason(ReasonCode.LANE_TOO_LOW, "lane." + c.name(), Verdict.DENY, "capability '" + c.name()
            + "' is earned at lane " + c.lane().name() + "; " + key + " is in lane " + lane.name(),
            Remedy.of("needs-lane", "needs lane " + c.lane().name() + " for " + c.name()
                + "; promotion is earned one lane at a time"));
      }
    }

    // 5. Stop conditions, evidence, production catalogue, approvals, obligations.
    List<Capability> caps = e.capabilities();
    int[] plainStops = p.plainStops;
    int[] sensitiveStops = p.sensitiveStops.length == 0 ? p.sensitiveStops : sensitiveCandidates(p, e);
    for (int i = 0, j = 0; i < plainStops.length || j < sensitiveStops.length; ) {
      // Both in policy order, so reasons come out as if every condition were checked in turn.
      int ordinal = j >= sensitiveStops.length || (i < plainStops.length && plainStops[i] < sensitiveStops[j])
          ? plainStops[i++] : sensitiveStops[j++];
      StopCheck s = p.stops.get(ordinal);
      if (s.scope.matches(caps, action.tool(), action.workflow(), lane)) {
        try {
          s.check(e, counters);
        } catch (Exception ex) {
          if (ex instanceof InterruptedException) {
            Thread.currentThread().interrupt(); // the caller's interrupt (a timeout, a shutdown) is not ours to swallow
          }
          LOG.warn("agentlane stop condition '{}' failed; denying", s.id, ex);
          e.reason(ReasonCode.INTERNAL_ERROR, s.id, Verdict.DENY, "stop condition '" + s.id + "' failed: "
              + ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage()),
              Remedy.of("retry", "the stop condition failed closed; report this to the policy owner"));
        }
      }
    }
    checkEvidence(p, e);
    checkCatalogue(p, e);
    List<CompiledPolicy.Approval> approvalRules = p.approvals;
    for (int i = 0; i < approvalRules.size(); i++) {
      CompiledPolicy.Approval a = approvalRules.get(i);
      if (a.scope().matches(caps, action.tool(), action.workflow(), lane)) {
        e.reason(ReasonCode.APPROVAL_REQUIRED, a.spec().id(), Verdict.ESCALATE,
            "approval by " + a.spec().approvers() + " is required",
            Remedy.of("request-approval", "ask " + a.spec().approvers() + " to approve this action"));
        e.obligation(Obligation.of("owner-review", a.spec().approvers(), a.spec().id()));
      }
    }
    List<CompiledPolicy.ObligationEntry> obligationRules = p.obligations;
    for (int i = 0; i < obligationRules.size(); i++) {
      CompiledPolicy.ObligationEntry o = obligationRules.get(i);
      if (o.scope().matches(caps, action.tool(), action.workflow(), lane)) {
        e.obligation(o.obligation());
      }
    }

    // 6. Strictest wins; escalation, grants and budgets.
    String approver = null;
    Grant grant = null;
    try {
      if (lanes instanceof PromotionLedger ledger) {
        recordStopConditionHits(ledger, e);
      }
    } finally { // whatever recording the hits threw, the halt is still made
      if (e.verdict == Verdict.HALT) {
        lanes.halt(key, e.haltReason == null ? "stop condition" : e.haltReason, SYSTEM_ACTOR);
      }
    }
    if (e.verdict == Verdict.ESCALATE) {
      grant = grants.tryConsume(key, action.tool(), digest, action.runId(), now);
      if (grant == null && approvalHandler != null && !closed) {
        grant = askApproval(e, digest);
      }
      if (grant != null) {
        approver = grant.approver();
        e.reasons = new ArrayList<>(e.reasons);
        e.reasons.add(Reason.of(ReasonCode.APPROVED, grant.id(), Verdict.ALLOW,
            "approved by " + grant.approver() + ": " + grant.reason()));
        e.verdict = Verdict.ALLOW;
        e.mutableRemedies().removeIf(r -> r.code().equals("request-approval"));
      }
    }
    if (e.verdict == Verdict.ALLOW && !consumeBudgets(p, e)) {
      if (grant != null) {
        grants.refund(grant.id());
        approver = null;
        grant = null;
      }
    }
    List<Remedy> remedies = e.remedies;
    if (e.verdict == Verdict.ALLOW) {
      remedies = List.of();
    } else if (e.verdict == Verdict.ESCALATE) {
      Remedy ask = Remedy.of("request-approval", "ask a human to approve this action; an approval becomes a grant");
      if (remedies.stream().noneMatch(r -> r.code().equals("request-approval"))) {
        e.mutableRemedies().add(0, ask);
        remedies = e.remedies;
      }
    }
    List<Reason> reasons = e.reasons;
    if (reasons.size() > 1) {
      reasons = new ArrayList<>(reasons);
      reasons.sort(STRICTEST_FIRST);
    }
    return new Decision(nextId(), e.verdict, reasons, e.obligations, remedies, lane, caps, e.matchedRules(), p.version,
        digest, approver, grant == null ? null : grant.id(), shadow, now);
  }

  /**
   * The sensitive-path conditions (positions in {@code p.stops}, ascending) that could fire for this
   * action; the others cannot and are skipped. A condition fires only for a path (touched, or mentioned)
   * that one of its globs matches, also in the workspace-relative reading of an outside path, for a
   * wildcard word that may select a protected name, or for a write to a directory above what an
   * anchored glob protects. All of them are found with one lookup per path in the globs of every
   * condition together; a wildcard word makes every condition a candidate. The candidates are then
   * checked exactly as before, so the result is the same as checking every condition.
   */
  private static int[] sensitiveCandidates(CompiledPolicy p, Evaluation e) {
    StopFlags flags = new StopFlags(p.sensitiveOwner);
    GlobSet globs = p.sensitiveGlobs;
    for (int i = 0; i < e.touched.size(); i++) {
      Evaluation.Touched t = e.touched.get(i);
      if (t.access() == Access.WRITE && t.path().location() == NormalizedPath.Location.INSIDE) {
        globs.forEachBelow(t.path().path(), flags);
      }
    }
    // Each touched path and each mention was normalized in this decision: look every distinct one up once.
    List<NormalizedPath> distinct = e.distinctPaths();
    if (distinct != null) {
      for (int i = 0; i < distinct.size(); i++) {
        if (flagPath(globs, flags, distinct.get(i))) {
          return p.sensitiveStops;
        }
      }
    } else {
      for (int i = 0; i < e.touched.size(); i++) {
        if (flagPath(globs, flags, e.touched.get(i).path())) {
          return p.sensitiveStops;
        }
      }
      for (int i = 0; i < e.mentions.size(); i++) {
        if (flagPath(globs, flags, e.mentions.get(i))) {
          return p.sensitiveStops;
        }
      }
    }
    return flags.sorted();
  }

  /** Flags the conditions whose globs match the path; true if the path is a wildcard (every condition is a candidate). */
  private static boolean flagPath(GlobSet globs, StopFlags flags, NormalizedPath np) {
    if (np.location() == NormalizedPath.Location.INVALID) {
      return false;
    }
    String path = np.path();
    if (globs.forEachMatchUnlessWildcard(path, flags)) {
      return true;
    }
    if (np.location() == NormalizedPath.Location.OUTSIDE) {
      String relative = path.startsWith("~/") ? path.substring(2) : path.startsWith("/") ? path.substring(1) : path;
      if (!relative.isEmpty()) {
        globs.forEachMatch(relative, flags);
      }
    }
    return false;
  }

  /** Collects the conditions of matching globs. Confined to one decision. */
  private static final class StopFlags implements GlobSet.MatchSink {
    private static final int[] NONE = new int[0];
    private final int[] owner;
    private int[] flagged = NONE;
    private int count;

    StopFlags(int[] owner) {
      this.owner = owner;
    }

    @Override
    public void match(int glob) {
      int ordinal = owner[glob];
      for (int i = 0; i < count; i++) {
        if (flagged[i] == ordinal) {
          return;
        }
      }
      if (count == flagged.length) {
        flagged = java.util.Arrays.copyOf(flagged, Math.max(4, count * 2));
      }
      flagged[count++] = ordinal;
    }

    int[] sorted() {
      if (count == 0) {
        return NONE;
      }
      int[] out = java.util.Arrays.copyOf(flagged, count);
      java.util.Arrays.sort(out);
      return out;
    }
  }

  /** Reasons by severity, strictest first; the sort is stable, so equal ones keep the order found. */
  private static final Comparator<Reason> STRICTEST_FIRST =
      Comparator.comparingInt((Reason r) -> r.verdict().severity()).reversed();

  private static final Set<ReasonCode> STOP_CONDITION_CODES = java.util.EnumSet.of(ReasonCode.SENSITIVE_PATH,
      ReasonCode.FAILED_TESTS, ReasonCode.MISSING_CONTEXT, ReasonCode.UNUSUAL_FILE_SCOPE, ReasonCode.BLAST_RADIUS,
      ReasonCode.RATE_LIMITED, ReasonCode.LOW_CONFIDENCE, ReasonCode.STOP_CONDITION);

  /** Stop-condition hits are outcomes: the promotion ledger counts them per pair. */
  private static void recordStopConditionHits(PromotionLedger ledger, Evaluation e) {
    for (Reason r : e.reasons) {
      if (STOP_CONDITION_CODES.contains(r.code())) {
        try {
          ledger.record(e.key, Outcome.stopConditionHit(r.code().code(), r.ruleId()), SYSTEM_ACTOR);
        } catch (Exception ex) { // checked ones too: a store written in another JVM language may throw them
          LOG.warn("agentlane could not record a stop-condition hit for {}", e.key, ex);
        }
      }
    }
  }

  private Decision early(CompiledPolicy p, Action action, java.util.function.Supplier<String> digest, @Nullable Lane lane, ReasonCode code,
      String ruleId, Verdict verdict, String message, Remedy remedy, Instant now) {
    return new Decision(nextId(), verdict, List.of(Reason.of(code, ruleId, verdict, message)), List.of(),
        List.of(remedy), lane, List.of(), p.version, digest, null, null, shadow, now);
  }

  private String nextId() {
    return ids.next();
  }

  // ---------------------------------------------------------------- step 1: validation

  private static final java.util.regex.Pattern WINDOWS_ROOT = java.util.regex.Pattern.compile("(?i)[a-z]:[\\\\/].*");

  private static @Nullable String validate(Action a) {
    String problem = checkId("agent", a.agent());
    if (problem == null) {
      problem = checkId("workflow", a.workflow());
    }
    if (problem == null) {
      problem = checkId("tool", a.tool());
    }
    if (problem == null && a.runId() != null) {
      problem = checkId("runId", a.runId());
    }
    if (problem != null) {
      return problem;
    }
    if (a.context().size() > MAX_CONTEXT_ENTRIES) {
      return "the action has " + a.context().size() + " context entries; at most " + MAX_CONTEXT_ENTRIES + " are accepted";
    }
    if (!a.context().isEmpty()) {
      for (Map.Entry<String, String> c : a.context().entrySet()) {
        if (c.getKey().length() > MAX_ID_LENGTH || hasControl(c.getKey()) || c.getValue().length() > MAX_RESOURCE_CHARS) {
          return "context entry '" + printable(c.getKey()) + "' is malformed or too long";
        }
      }
    }
    List<Resource> items = a.resources();
    for (int i = 0; i < items.size(); i++) {
      Resource r = items.get(i);
      if (resourceText(r).length() > MAX_RESOURCE_CHARS) {
        return "a declared resource is longer than " + MAX_RESOURCE_CHARS + " characters";
      }
    }
    if (a.workspace() != null && !(a.workspace().startsWith("/") || WINDOWS_ROOT.matcher(a.workspace()).matches())) {
      return "the action's workspace root must be an absolute path but was '" + printable(a.workspace()) + "'";
    }
    return null;
  }

  private static @Nullable String checkId(String what, String value) {
    if (value.isBlank()) {
      return what + " must not be blank";
    }
    if (value.length() > MAX_ID_LENGTH) {
      return what + " is " + value.length() + " characters long; at most " + MAX_ID_LENGTH + " are accepted";
    }
    if (hasControl(value)) {
      return what + " contains control characters: '" + printable(value) + "'";
    }
    return null;
  }

  private static boolean hasControl(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
        return true;
      }
    }
    return false;
  }

  private static String printable(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length() && i < 80; i++) {
      char c = s.charAt(i);
      sb.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    return s.length() > 80 ? sb + "…" : sb.toString();
  }

  private static String resourceText(Resource r) {
    if (r instanceof Resource.PathResource p) {
      return p.path();
    } else if (r instanceof Resource.CommandResource c) {
      return c.line();
    } else if (r instanceof Resource.UrlResource u) {
      return u.url();
    } else if (r instanceof Resource.EnvironmentResource en) {
      return en.name();
    } else if (r instanceof Resource.BranchResource b) {
      return b.name();
    }
    return ((Resource.ServiceResource) r).name();
  }

  // ---------------------------------------------------------------- step 3: mapping

  private void mapArguments(CompiledPolicy p, Evaluation e) {
    Set<String> allowed = e.tool.spec().allowedArguments();
    if (allowed != null) {
      // forEach, not keySet(): no iterator objects for the unmodifiable maps arguments come in.
      e.args.forEach((name, value) -> {
        if (!allowed.contains(name)) {
          e.reason(ReasonCode.INVALID_ACTION, e.tool.spec().id(), Verdict.DENY, "argument '" + printable(name)
              + "' is not one of the arguments the policy allows for '" + e.action.tool() + "': " + new java.util.TreeSet<>(allowed),
              Remedy.of("fix-action", "call '" + e.action.tool() + "' with only " + new java.util.TreeSet<>(allowed)));
        }
      });
    }
    List<CompiledPolicy.Binding> bindings = e.tool.bindings();
    for (int i = 0; i < bindings.size(); i++) {
      CompiledPolicy.Binding b = bindings.get(i);
      Object node = Arguments.at(e.args, b.pointer());
      String ruleId = e.tool.spec().id();
      if (node == Arguments.MISSING || Arguments.isNull(node)) {
        if (b.spec().required()) {
          e.reason(ReasonCode.MISSING_ARGUMENT, ruleId, Verdict.DENY, "argument " + b.spec().pointer() + " is required",
              Remedy.of("fix-action", "pass argument " + b.spec().pointer()));
        }
        continue;
      }
      if (node instanceof List<?> values) {
        if (values.isEmpty() && b.spec().required()) {
          e.reason(ReasonCode.MISSING_ARGUMENT, ruleId, Verdict.DENY, "argument " + b.spec().pointer()
              + " is required but is an empty array", Remedy.of("fix-action", "pass argument " + b.spec().pointer()));
        }
        for (int vi = 0; vi < values.size(); vi++) {
          bindValue(p, e, b, values.get(vi), ruleId);
        }
      } else {
        bindValue(p, e, b, node, ruleId);
      }
    }
    // Every string in the arguments is also checked against sensitive paths, wherever it hides.
    mentionStrings(e, e.args);
  }

  /** One value of an argument binding: a string, or a reason why it is not one. */
  private void bindValue(CompiledPolicy p, Evaluation e, CompiledPolicy.Binding b, @Nullable Object v, String ruleId) {
    if (!(v instanceof String text)) {
      e.reason(ReasonCode.INVALID_ACTION, ruleId, Verdict.DENY, "argument " + b.spec().pointer()
          + " must be a string (or an array of strings) but was " + Arguments.typeName(v),
          Remedy.of("fix-action", "pass argument " + b.spec().pointer() + " as a string"));
      return;
    }
    switch (b.spec().kind()) {
      case READ_PATH -> addPath(p, e, text, Access.READ, ruleId);
      case WRITE_PATH -> addPath(p, e, text, Access.WRITE, ruleId);
      case COMMAND -> addCommandLine(p, e, text, ruleId);
      case URL -> addUrl(p, e, text, ruleId);
      case ENVIRONMENT -> e.environment(text);
      case BRANCH -> e.branch(text);
      case SERVICE -> e.service(text);
    }
  }

  /** Mentions every string of an argument tree, object keys and string values, depth first ({@link Arguments#walk}). */
  private void mentionStrings(Evaluation e, @Nullable Object node) {
    if (node instanceof String s) {
      mention(e, s);
    } else if (node instanceof Map<?, ?> map) {
      // forEach, not entrySet(): unmodifiable maps wrap every entry their entry set hands out.
      map.forEach((name, value) -> {
        mention(e, (String) name);
        mentionStrings(e, value);
      });
    } else if (node instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        mentionStrings(e, list.get(i));
      }
    }
  }

  private void mapDeclaredResources(CompiledPolicy p, Evaluation e) {
    String ruleId = "declared-resource";
    List<Resource> items = e.action.resources();
    for (int i = 0; i < items.size(); i++) {
      Resource r = items.get(i);
      if (r instanceof Resource.PathResource path) {
        addPath(p, e, path.path(), path.access(), ruleId);
      } else if (r instanceof Resource.CommandResource c) {
        addCommandLine(p, e, c.line(), ruleId);
      } else if (r instanceof Resource.UrlResource u) {
        addUrl(p, e, u.url(), ruleId);
      } else if (r instanceof Resource.EnvironmentResource en) {
        e.environment(en.name());
      } else if (r instanceof Resource.BranchResource b) {
        e.branch(b.name());
      } else if (r instanceof Resource.ServiceResource s) {
        e.service(s.name());
      }
    }
  }

  /**
   * The root paths are normalized against when neither the engine nor the action names one: relative
   * paths are inside it, absolute paths outside, as {@code PolicyEngine.Builder.workspace} documents. No
   * real workspace lives there.
   */
  static final String UNROOTED = "/agentlane-unrooted-workspace";

  private PathNormalizer normalizer(String root) {
    return normalizers.get(root, r -> PathNormalizer.of(r, new PathNormalizer.Options(caseInsensitive, false, resolveSymlinks, 4096)));
  }

  private NormalizedPath addPath(CompiledPolicy p, Evaluation e, String raw, Access access, String ruleId) {
    NormalizedPath np = normalize(e, raw);
    switch (np.location()) {
      case INVALID -> {
        e.reason(ReasonCode.INVALID_PATH, ruleId, Verdict.DENY, "path '" + printable(raw) + "' is invalid: " + np.problem(),
            Remedy.of("fix-action", "use a plain path inside the workspace"));
        return np;
      }
      case OUTSIDE -> {
        if (HARMLESS_DEVICES.contains(np.path())) {
          return np;
        }
        boolean allowed = false;
        for (CompiledPolicy.Outside o : p.outside) {
          if (CompiledPolicy.allows(o.spec().access(), access) && o.glob().matches(np.path())) {
            e.matched(o.spec().id());
            allowed = true;
            break;
          }
        }
        if (!allowed) {
          e.reason(ReasonCode.PATH_OUTSIDE_WORKSPACE, ruleId, Verdict.DENY, "path '" + printable(raw)
              + "' resolves to " + np.path() + ", outside the workspace (" + access.code() + ")",
              Remedy.of("fix-action", "keep paths inside the workspace, or add an outside-path rule"));
        }
      }
      case INSIDE -> { }
    }
    e.touch(np, access);
    return np;
  }

  private void addUrl(CompiledPolicy p, Evaluation e, String raw, String ruleId) {
    Object parsed = parsedUrls.get("", raw);
    if (parsed == null) {
      try {
        parsed = UrlParser.parse(raw);
      } catch (InvalidUrlException ex) {
        parsed = ex;
      }
      parsedUrls.put("", raw, parsed);
    }
    ParsedUrl url;
    if (parsed instanceof ParsedUrl u) {
      url = u;
    } else {
      InvalidUrlException ex = (InvalidUrlException) parsed;
      e.reason(ReasonCode.HOST_NOT_ALLOWED, ruleId, Verdict.DENY, "'" + printable(raw) + "' is not a valid URL: " + ex.reason(),
          Remedy.of("fix-action", "use a plain http(s) URL"));
      return;
    }
    e.url(url);
    if (!NETWORK_SCHEMES.contains(url.scheme())) {
      e.reason(ReasonCode.HOST_NOT_ALLOWED, ruleId, Verdict.DENY, "scheme '" + printable(url.scheme())
          + "' is not a network scheme a host rule can allow", Remedy.of("fix-action", "use an http(s) URL"));
      return;
    }
    CompiledPolicy.Host h = p.hosts.first(url);
    if (h != null) {
      e.matched(h.spec().id());
      return;
    }
    e.reason(ReasonCode.HOST_NOT_ALLOWED, ruleId, Verdict.DENY, "host " + url.host()
        + (url.port() > 0 ? ":" + url.port() : "") + " is not allowed",
        Remedy.of("fix-action", "use an allowed host, or ask the policy owner to allow " + url.host()));
  }

  private void addCommandLine(CompiledPolicy p, Evaluation e, String line, String ruleId) {
    Object parsed = parsedLines.get("", line);
    if (parsed == null) {
      try {
        parsed = ParsedLine.of(shell.parse(line));
      } catch (ShellSyntaxException ex) {
        parsed = ex;
      }
      parsedLines.put("", line, parsed);
    }
    if (parsed instanceof ShellSyntaxException ex) {
      tokenMentions(e, line);
      e.reason(ReasonCode.UNPARSEABLE_COMMAND, ruleId, Verdict.DENY, "the command line cannot be judged with certainty: "
          + ex.getMessage(), Remedy.of("fix-action", "use a plain command line without the construct at offset " + ex.offset()));
      return;
    }
    ParsedLine pl = (ParsedLine) parsed;
    if (pl.commands().isEmpty()) {
      e.reason(ReasonCode.UNMAPPED_COMMAND, ruleId, Verdict.DENY, "the command line runs no command",
          Remedy.of("fix-action", "send a command to run"));
      return;
    }
    if (pl.uncheckable()) {
      // mention() checks that many splits of a word; what hides behind more must not pass unseen.
      e.reason(ReasonCode.UNPARSEABLE_COMMAND, ruleId, Verdict.DENY, "a word with more than " + MAX_MENTION_SPLITS
          + " of '=', ':' and '@' cannot be checked for the paths it names", Remedy.of("fix-action",
              "put such text in a file and pass the file's path"));
    }
    int before = e.reasons.size();
    for (int i = 0; i < pl.commands().size(); i++) {
      mapCommand(p, e, pl.commands().get(i), ruleId);
    }
    for (int i = before; i < e.reasons.size(); i++) {
      if (e.reasons.get(i).code() == ReasonCode.UNPARSEABLE_COMMAND) {
        tokenMentions(e, line); // what the parser could not judge may still name a secret
        break;
      }
    }
  }

  /**
   * A parsed shell line with what each of its commands says whatever the policy: parsing is pure, so
   * these are computed once per distinct line and cached with it. Immutable.
   */
  /** A parsed line, cached across decisions; {@code uncheckable}: a word has too many splits to check. */
  private record ParsedLine(List<CommandFacts> commands, boolean uncheckable) {
    static ParsedLine of(CommandLine line) {
      List<CommandFacts> facts = new ArrayList<>(line.commands().size());
      boolean uncheckable = false;
      for (SimpleCommand c : line.commands()) {
        facts.add(CommandFacts.of(c));
        uncheckable |= hasUncheckableWord(c);
      }
      return new ParsedLine(List.copyOf(facts), uncheckable);
    }
  }

  /**
   * One command of a line: its argument values, the program's name ({@link #programName}), the command
   * as run (for catalogue entries and custom stop conditions), and the arguments a command rule is
   * matched against (after git's harmless leading options). Immutable.
   */
  private record CommandFacts(SimpleCommand command, List<String> args, String program, Evaluation.RunCommand run,
      int globalFlags, List<String> ruleArgs) {
    static CommandFacts of(SimpleCommand c) {
      List<String> args = c.args();
      List<String> words = new ArrayList<>(c.argv().size());
      c.argv().forEach(w -> words.add(w.value()));
      String program = programName(c.argv().get(0).value());
      int globalFlags = program.equals("git") ? leadingHarmlessGitFlags(args) : 0;
      return new CommandFacts(c, args, program, new Evaluation.RunCommand(program, List.copyOf(words),
          String.join(" ", words), !c.assignments().isEmpty()), globalFlags, List.copyOf(args.subList(globalFlags, args.size())));
    }
  }

  private void mapCommand(CompiledPolicy p, Evaluation e, CommandFacts facts, String toolRuleId) {
    SimpleCommand c = facts.command();
    Word programWord = c.argv().get(0);
    List<String> args = facts.args();
    for (String assignment : c.assignments()) {
      int eq = assignment.indexOf('=');
      mention(e, eq >= 0 ? assignment.substring(eq + 1) : assignment);
      checkAssignment(e, eq >= 0 ? assignment.substring(0, eq) : assignment, toolRuleId);
    }
    if (c.role() == SimpleCommand.Role.WRAPPER) {
      // env NAME=value ... and similar wrapper-level assignments.
      for (String a : args) {
        int eq = a.indexOf('=');
        if (eq > 0 && !a.startsWith("-")) {
          checkAssignment(e, a.substring(0, eq), toolRuleId);
        }
      }
    }
    for (Redirection r : c.redirections()) {
      if (r.isHereText()) {
        tokenMentions(e, r.target().value());
        continue;
      }
      if (r.access() == Redirection.Access.FD_DUP || r.target().value().isEmpty()) {
        continue;
      }
      if (r.target().expanded() && !isTildePath(r.target().value())) {
        e.reason(ReasonCode.UNPARSEABLE_COMMAND, toolRuleId, Verdict.DENY, "redirection target '" + printable(r.target().value())
            + "' is computed at run time", Remedy.of("fix-action", "redirect to a literal path"));
        continue;
      }
      boolean write = r.access() != Redirection.Access.READ;
      NormalizedPath target = addPath(p, e, r.target().value(), write ? Access.WRITE : Access.READ, toolRuleId);
      if (write && !HARMLESS_DEVICES.contains(target.path())) {
        requireShellWrite(p, e, toolRuleId);
      }
    }
    if (programWord.expanded()) {
      e.reason(ReasonCode.UNPARSEABLE_COMMAND, toolRuleId, Verdict.DENY, "the program '" + printable(programWord.value())
          + "' is computed at run time", Remedy.of("fix-action", "name the program literally"));
      return;
    }
    String program = facts.program();
    e.command(facts.run());
    int globalFlags = facts.globalFlags();
    CompiledPolicy.Command rule = matchCommand(p, program, facts.ruleArgs());
    if (rule == null) {
      mentionWords(e, c, List.of());
      e.reason(ReasonCode.UNMAPPED_COMMAND, toolRuleId, Verdict.DENY, "command '" + printable(program)
          + (args.isEmpty() ? "" : " " + printable(String.join(" ", args.subList(0, Math.min(2, args.size())))))
          + "' has no command rule (unknown commands are denied)",
          Remedy.of("map-tool", "add a command rule for '" + program + "' to the policy"));
      return;
    }
    e.addCapabilities(rule.capabilities());
    CommandRule spec = rule.spec();
    e.matched(spec.id());
    if (c.origin() == SimpleCommand.Origin.XARGS && (spec.pathArgs() != CommandRule.PathArgs.NONE || spec.urlArgs()
        || CommandOptions.known(program))) {
      e.reason(ReasonCode.UNPARSEABLE_COMMAND, spec.id(), Verdict.DENY, "xargs appends arguments to '" + program
          + "' that are only known at run time", Remedy.of("fix-action", "pass the arguments to '" + program
              + "' literally, or use find -exec"));
    }
    CommandOptions.Scan scan = CommandOptions.scan(program, withPrefixOptions(c.argv(), 1 + globalFlags,
        spec.argsPrefix().size()), 1, !spec.argsPrefix().isEmpty());
    mentionWords(e, c, scan.patterns);
    if (program.equals("find")) {
      e.findRoots = findRoots(c.argv());
    }
    for (String option : scan.refusals) {
      e.reason(ReasonCode.UNPARSEABLE_COMMAND, spec.id(), Verdict.DENY, "option " + printable(option) + " of '" + program
          + "' changes what runs, where, or what is contacted, so the line cannot be judged",
          Remedy.of("fix-action", "run '" + program + "' without " + printable(option)));
    }
    if (c.role() == SimpleCommand.Role.COMMAND && CommandOptions.STDIN_INTERPRETERS.contains(program)
        && (scan.readsStdin || (scan.operands.isEmpty() && !scan.hasScriptOrCode)
            || (!scan.operands.isEmpty() && scan.operands.get(0).value().equals("-")))) {
      e.reason(ReasonCode.UNPARSEABLE_COMMAND, spec.id(), Verdict.DENY, "'" + program
          + "' reads its program from standard input, which cannot be judged",
          Remedy.of("fix-action", "pass the script as a file or with -c"));
    }
    boolean writesOperands = spec.pathArgs() == CommandRule.PathArgs.WRITE || scan.writesOperands;
    boolean pathOperands = spec.pathArgs() != CommandRule.PathArgs.NONE || scan.writesOperands;
    boolean shellWrite = scan.writesSomewhere || (scan.writesOperands && spec.pathArgs() != CommandRule.PathArgs.WRITE);
    boolean gitRemote = spec.urlArgs() && program.equals("git") && !spec.argsPrefix().isEmpty();
    for (int k = 0; k < scan.operands.size(); k++) {
      CommandOptions.Item operand = scan.operands.get(k);
      String v = operand.value();
      if (v.isEmpty()) {
        continue;
      }
      if (gitRemote) {
        // git push|fetch|pull REPOSITORY REFSPEC...: the first operand names the repository, the rest are
        // refspecs (branch names, HEAD:main), which contact nothing.
        if (k == 0) {
          gitRepository(p, e, operand, spec.id());
        }
      } else if (spec.urlArgs() && isUrlArgument(v)) {
        url(p, e, operand, program, spec.id());
      } else if (pathOperands && c.origin() == SimpleCommand.Origin.FIND_EXEC && v.equals("{}")) {
        // "{}" is a path find found below its starting points: a write to it writes below them.
        if (writesOperands) {
          for (String root : e.findRoots) {
            addPath(p, e, root, Access.WRITE, spec.id());
          }
        }
      } else if (pathOperands) {
        path(p, e, operand, writesOperands ? Access.WRITE : Access.READ, program, spec.id());
      }
    }
    for (CommandOptions.Item source : scan.readOperands) {
      if (pathOperands && !source.value().isEmpty()) {
        path(p, e, source, Access.READ, program, spec.id());
      }
    }
    for (CommandOptions.Item value : scan.values) {
      String v = value.value();
      switch (value.kind()) {
        case READ -> path(p, e, value, Access.READ, program, spec.id());
        case WRITE -> {
          path(p, e, value, Access.WRITE, program, spec.id());
          shellWrite |= spec.pathArgs() != CommandRule.PathArgs.WRITE;
        }
        case URL -> url(p, e, value, program, spec.id());
        case DATA -> {
          int at = v.indexOf('@');
          int eq = v.indexOf('=');
          // "@file" and, for --data-urlencode, "name@file" read a file; "name=value" is data.
          if (at >= 0 && (eq < 0 || eq > at) && at + 1 < v.length() && !v.substring(at + 1).equals("-")) {
            path(p, e, new CommandOptions.Item(value.word(), v.substring(at + 1), value.kind()), Access.READ, program, spec.id());
          }
        }
        case FORM -> {
          int at = Math.max(v.indexOf("=@"), v.indexOf("=<"));
          if (at > 0) {
            String file = v.substring(at + 2);
            if (file.startsWith("\"")) {
              int close = file.indexOf('"', 1);
              file = close > 0 ? file.substring(1, close) : file.substring(1);
            } else {
              int semicolon = file.indexOf(';');
              file = semicolon >= 0 ? file.substring(0, semicolon) : file;
            }
            path(p, e, new CommandOptions.Item(value.word(), file, value.kind()), Access.READ, program, spec.id());
          }
        }
        case REGEX -> mention(e, v);
        case CODE -> {
          if (program.equals("sed") && CommandOptions.sedScriptEscapes(v)) {
            e.reason(ReasonCode.UNPARSEABLE_COMMAND, spec.id(), Verdict.DENY, "the sed script '" + printable(v)
                + "' reads, writes or runs something by itself", Remedy.of("fix-action",
                    "use a sed script without the w, W, r, R and e commands"));
          }
          tokenMentions(e, v);
        }
        default -> { }
      }
    }
    if (shellWrite) {
      requireShellWrite(p, e, spec.id());
    }
  }

  /**
   * The words the option scan reads: the program, the options among the words a rule's argument prefix
   * matched ({@code mvn -s/tmp/evil.xml test} matches {@code mvn -* test}, and {@code -s} must still be
   * judged), and every word after the prefix.
   */
  private static List<Word> withPrefixOptions(List<Word> argv, int prefixStart, int prefixSize) {
    int after = prefixStart + prefixSize;
    List<Word> words = new ArrayList<>(argv.size());
    words.add(argv.get(0));
    for (int i = prefixStart; i < after; i++) {
      String v = argv.get(i).value();
      if (v.length() > 1 && v.charAt(0) == '-') {
        words.add(argv.get(i));
      }
    }
    words.addAll(argv.subList(after, argv.size()));
    return words;
  }

  private void path(CompiledPolicy p, Evaluation e, CommandOptions.Item item, Access access, String program, String ruleId) {
    String v = item.value();
    // A wildcard inside an option word ("--include=*.ts") is only expanded if a file of that very name exists.
    boolean literalOption = item.word().value().startsWith("-") && !isDynamic(item.word().value());
    if (item.word().expanded() && !isTildePath(v) && !literalOption) {
      e.reason(ReasonCode.UNPARSEABLE_COMMAND, ruleId, Verdict.DENY, "argument '" + printable(item.word().value())
          + "' of '" + program + "' is computed at run time", Remedy.of("fix-action", "pass literal paths"));
      return;
    }
    addPath(p, e, v, access, ruleId);
  }

  private void url(CompiledPolicy p, Evaluation e, CommandOptions.Item item, String program, String ruleId) {
    if (item.word().expanded() && isDynamic(item.value())) {
      e.reason(ReasonCode.UNPARSEABLE_COMMAND, ruleId, Verdict.DENY, "URL '" + printable(item.value())
          + "' of '" + program + "' is computed at run time", Remedy.of("fix-action", "pass URLs literally"));
    } else {
      addUrl(p, e, item.value(), ruleId);
    }
  }

  /** A configured remote's name, such as {@code origin} or {@code upstream}. */
  private static final java.util.regex.Pattern GIT_REMOTE_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  /** scp-like syntax: {@code [user@]host:path}. */
  private static final java.util.regex.Pattern GIT_SCP_LIKE = java.util.regex.Pattern.compile("((?:[^@/:\\s]+@)?[^/:\\s]+):(.*)");

  /**
   * The repository of {@code git push|fetch|pull}: a remote's name contacts the URL already configured for
   * it (configuring one is {@code git remote add}, a command of its own); a URL or the scp-like
   * {@code user@host:path} is judged as a URL; anything else (a local path, a computed word) is refused by
   * the URL check.
   */
  private void gitRepository(CompiledPolicy p, Evaluation e, CommandOptions.Item item, String ruleId) {
    String v = item.value();
    if (!item.word().expanded() && GIT_REMOTE_NAME.matcher(v).matches()) {
      return;
    }
    java.util.regex.Matcher scp = GIT_SCP_LIKE.matcher(v);
    if (!item.word().expanded() && !v.contains("://") && scp.matches()) {
      addUrl(p, e, "ssh://" + scp.group(1) + "/" + scp.group(2), ruleId);
      return;
    }
    url(p, e, item, "git", ruleId);
  }

  private static final Set<String> HARMLESS_GIT_FLAGS =
      Set.of("--no-pager", "-P", "--no-optional-locks", "--literal-pathspecs", "--no-replace-objects", "--paginate", "-p");

  /** Leading git options that change nothing a policy judges ({@code git --no-pager log}). */
  private static int leadingHarmlessGitFlags(List<String> args) {
    int n = 0;
    while (n < args.size() && HARMLESS_GIT_FLAGS.contains(args.get(n))) {
      n++;
    }
    return n;
  }

  /** find's starting points: its operands before the first expression; "." if none. */
  private static List<String> findRoots(List<Word> argv) {
    List<String> roots = new ArrayList<>();
    for (int i = 1; i < argv.size(); i++) {
      String v = argv.get(i).value();
      if (v.startsWith("-") || v.equals("(") || v.equals("!")) {
        break;
      }
      roots.add(v);
    }
    return roots.isEmpty() ? List.of(".") : roots;
  }

  /** Every word of a command is a mention, except search patterns (grep's first operand, -e values). */
  private void mentionWords(Evaluation e, SimpleCommand c, List<Word> patterns) {
    for (int i = 1; i < c.argv().size(); i++) {
      Word w = c.argv().get(i);
      boolean pattern = false;
      for (Word p : patterns) {
        if (p == w) {
          pattern = true;
          break;
        }
      }
      if (!pattern) {
        mention(e, w.value());
      }
    }
  }

  /** A write a shell line makes outside a command rule that declares writes: a redirection, sed -i, curl -o. */
  private static void requireShellWrite(CompiledPolicy p, Evaluation e, String ruleId) {
    if (p.shellWrites.isEmpty()) {
      e.reason(ReasonCode.UNMAPPED_COMMAND, ruleId, Verdict.DENY, "the line writes files, and the policy names no"
          + " capability for writes made by a shell line", Remedy.of("map-tool", "declare shellWrites in the policy"));
    } else {
      e.addCapabilities(p.shellWrites);
    }
  }

  /** Every token of a script or of a line that cannot be parsed is checked against sensitive paths. */
  private void tokenMentions(Evaluation e, String text) {
    int n = Math.min(text.length(), Arguments.MAX_DOCUMENT_CHARS);
    int start = -1;
    for (int i = 0; i <= n; i++) {
      boolean separator = i == n || TOKEN_SEPARATORS.indexOf(text.charAt(i)) >= 0 || Character.isWhitespace(text.charAt(i));
      if (separator) {
        if (start >= 0) {
          mention(e, text.substring(start, i));
          start = -1;
        }
      } else if (start < 0) {
        start = i;
      }
    }
  }


  private static void checkAssignment(Evaluation e, String name, String ruleId) {
    String upper = name.toUpperCase(java.util.Locale.ROOT);
    if (EXECUTION_VARIABLES.contains(upper) || upper.startsWith("DYLD_") || upper.startsWith("BASH_FUNC_")
        || upper.startsWith("NPM_CONFIG_") || upper.startsWith("GIT_CONFIG") || upper.startsWith("YARN_")
        || upper.startsWith("GIT_TRACE") || upper.startsWith("CARGO_") || upper.startsWith("PIP_")
        || upper.startsWith("COREPACK_")) {
      e.reason(ReasonCode.UNPARSEABLE_COMMAND, ruleId, Verdict.DENY, "assigning " + name
          + " changes which program runs or what it loads, so the line cannot be judged",
          Remedy.of("fix-action", "run the command without setting " + name));
    }
  }

  /** Whether a word of the command splits more often than {@link #mention} checks. */
  private static boolean hasUncheckableWord(SimpleCommand c) {
    for (Word w : c.argv()) {
      if (uncheckable(w.value())) {
        return true;
      }
    }
    for (String assignment : c.assignments()) {
      if (uncheckable(assignment.substring(assignment.indexOf('=') + 1))) {
        return true;
      }
    }
    for (Redirection r : c.redirections()) {
      if (uncheckable(r.target().value())) {
        return true;
      }
    }
    return false;
  }

  private static boolean uncheckable(String word) {
    // Not checked at all past MAX_MENTION_CHARS: a path that long cannot be opened (PATH_MAX).
    return word.length() <= MAX_MENTION_CHARS && splits(word, MAX_MENTION_SPLITS + 1) > MAX_MENTION_SPLITS;
  }

  private static boolean hasSplit(String word) {
    return splits(word, 1) > 0;
  }

  /** How many characters of the word split it into further mentions ('=', ':', '@'), counting up to {@code limit}. */
  private static int splits(String word, int limit) {
    int splits = 0;
    for (int i = 0; i < word.length() && splits < limit; i++) {
      char ch = word.charAt(i);
      if (ch == '=' || ch == ':' || ch == '@') {
        splits++;
      }
    }
    return splits;
  }

  private void mention(Evaluation e, String word) {
    if (word.isEmpty() || word.length() > MAX_MENTION_CHARS) {
      return;
    }
    if (!hasSplit(word)) { // the common case: one mention, nothing allocated for the walk below
      e.mention(normalize(e, word));
      return;
    }
    // @file (curl, response files), NAME=value and rev:path (git show HEAD:.env) name paths too: the word, the
    // rest after a leading @, after its first = and after its first colon, and so on for each rest, depth first;
    // and the part before each colon. The rests are suffixes of the word, each visited once (seen): a word such
    // as x=:=:=:… reaches the same suffix along exponentially many paths (found by fuzzing: 60 characters took
    // minutes), and a loop rather than recursion keeps a word of 4096 '=' from overflowing the stack. Each suffix
    // costs time linear in its length, so at most MAX_MENTION_SPLITS + 1 are checked: a shell word with more
    // splits is refused before it gets here (hasUncheckableWord); a string argument is checked that far.
    boolean[] seen = new boolean[word.length()];
    int visits = 0;
    java.util.ArrayDeque<int[]> todo = new java.util.ArrayDeque<>();
    todo.push(new int[] {0, -1});
    while (!todo.isEmpty()) {
      int[] next = todo.pop();
      int start = next[0];
      if (next[1] >= 0) {
        e.mention(normalize(e, word.substring(start, next[1]))); // the part before a colon
        continue;
      }
      if (seen[start] || visits > MAX_MENTION_SPLITS) {
        continue;
      }
      seen[start] = true;
      visits++;
      String rest = word.substring(start);
      e.mention(normalize(e, rest));
      int eq = rest.indexOf('=');
      int colon = rest.indexOf(':');
      // Pushed in reverse, so that they are handled in the order @, =, before the colon, after the colon.
      if (colon >= 0 && rest.indexOf("://") != colon) {
        if (colon + 1 < rest.length()) {
          todo.push(new int[] {start + colon + 1, -1});
        }
        if (colon > 0) {
          todo.push(new int[] {start, start + colon});
        }
      }
      if (eq >= 0 && eq + 1 < rest.length()) {
        todo.push(new int[] {start + eq + 1, -1});
      }
      if (rest.charAt(0) == '@' && rest.length() > 1) {
        todo.push(new int[] {start + 1, -1});
      }
    }
  }

  /** Normalizes against the action's workspace, once per distinct string in a decision, cached across decisions. */
  private NormalizedPath normalize(Evaluation e, String raw) {
    NormalizedPath np = e.normalizedFor(raw);
    if (np == null) {
      np = normalizeUnremembered(e, raw);
      e.rememberNormalized(np);
    }
    return np;
  }

  /**
   * Normalizes as {@link #normalize(Evaluation, String)} does, through the same cache, without adding the
   * path to the decision's own paths: for strings that are compared with them, not judged (evidence).
   */
  private NormalizedPath normalizeUnremembered(Evaluation e, String raw) {
    String root = e.action.workspace() != null ? e.action.workspace() : workspace;
    String r = root == null ? UNROOTED : root;
    // With symlinks resolved on disk the answer can change between calls: never cached.
    if (raw.length() > 1024 || resolveSymlinks) {
      return normalizer(r).normalize(raw);
    }
    NormalizedPath np = normalized.get(r, raw);
    if (np == null) {
      np = normalizer(r).normalize(raw);
      normalized.put(r, raw, np);
    }
    return np;
  }

  /**
   * For commands whose arguments are URLs ({@code curl}): every non-option argument is a URL or a host,
   * except one that is plainly a local path ({@code /tmp/out}, {@code ./file}, {@code ~/x}).
   */
  /** A word whose only expansion is a leading {@code ~}: the normalizer knows it is outside the workspace. */
  private static boolean isTildePath(String s) {
    return s.startsWith("~") && !isDynamic(s) && s.chars().noneMatch(ch -> ch == '*' || ch == '?' || ch == '[');
  }

  /** Whether a word's value depends on parameters or commands ({@code $X}, {@code $(…)}, backticks). */
  private static boolean isDynamic(String s) {
    return s.indexOf('$') >= 0 || s.indexOf('`') >= 0;
  }

  private static boolean isUrlArgument(String s) {
    return !s.isEmpty() && !s.startsWith("-") && !s.startsWith("/") && !s.startsWith(".") && !s.startsWith("~");
  }

  /** {@code /usr/bin/git} is {@code git}; {@code ./gradlew} and other paths stay as written. */
  static String programName(String word) {
    int slash = word.lastIndexOf('/');
    if (slash > 0 && STANDARD_BIN_DIRS.contains(word.substring(0, slash))) {
      return word.substring(slash + 1);
    }
    return word;
  }

  private static CompiledPolicy.@Nullable Command matchCommand(CompiledPolicy p, String program, List<String> args) {
    CompiledPolicy.Commands rules = p.commandsByProgram.get(program);
    return rules == null ? null : rules.match(args);
  }

  // ---------------------------------------------------------------- step 5: evidence and catalogue

  private void checkEvidence(CompiledPolicy p, Evaluation e) {
    var ev = e.action.evidence();
    if (ev.confidence() != null && !(ev.confidence() >= 0.0 && ev.confidence() <= 1.0)) {
      e.reason(ReasonCode.EVIDENCE_INCONSISTENT, "evidence", Verdict.DENY, "stated confidence " + ev.confidence()
          + " is outside 0..1", Remedy.of("fix-evidence", "state confidence as a number from 0 to 1"));
    }
    List<TestRun> runs = ev.tests();
    for (int i = 0; i < runs.size(); i++) {
      TestRun run = runs.get(i);
      if (run.passed() < 0 || run.failed() < 0 || run.skipped() < 0) {
        e.reason(ReasonCode.EVIDENCE_INCONSISTENT, "evidence", Verdict.DENY, "test run '" + run.name()
            + "' reports negative counts", Remedy.of("fix-evidence", "attach the real test report"));
      } else if (run.total() == 0) {
        e.reason(ReasonCode.EVIDENCE_INCONSISTENT, "evidence", Verdict.DENY, "test run '" + run.name()
            + "' reports no test at all", Remedy.of("fix-evidence", "attach a run that executed tests"));
      }
    }
    List<Capability> caps = e.capabilities();
    List<CompiledPolicy.EvidenceRule> evidenceRules = p.evidence;
    for (int i = 0; i < evidenceRules.size(); i++) {
      CompiledPolicy.EvidenceRule r = evidenceRules.get(i);
      if (!r.scope().matches(caps, e.action.tool(), e.action.workflow(), e.lane)) {
        continue;
      }
      for (EvidenceField f : r.spec().fields()) {
        boolean present = switch (f) {
          case TESTS -> ev.tests().stream().anyMatch(t -> t.passed() > 0); // runs where all were skipped prove nothing
          case FILES_TOUCHED -> !ev.filesTouched().isEmpty();
          case ASSUMPTIONS -> !ev.assumptions().isEmpty();
          case CONFIDENCE -> ev.confidence() != null;
          case ROLLBACK_PLAN -> ev.rollbackPlan() != null && !ev.rollbackPlan().isBlank();
          case VALIDATION_LINKS -> !ev.validationLinks().isEmpty();
        };
        if (!present) {
          e.reason(ReasonCode.EVIDENCE_MISSING, r.spec().id(), Verdict.DENY, "evidence." + f.code() + " is required",
              Remedy.of("attach-evidence", "attach evidence." + f.code()));
        } else if (f == EvidenceField.FILES_TOUCHED) {
          checkFilesTouched(r.spec().id(), e);
        }
      }
    }
  }

  private void checkFilesTouched(String ruleId, Evaluation e) {
    List<String> files = e.action.evidence().filesTouched();
    Set<String> listed = null;
    for (int i = 0; i < e.touched.size(); i++) {
      Evaluation.Touched t = e.touched.get(i);
      if (t.access() != Access.WRITE) {
        continue;
      }
      if (listed == null) {
        listed = new HashSet<>(files.size() * 2);
        for (int j = 0; j < files.size(); j++) {
          listed.add(normalizeUnremembered(e, files.get(j)).path());
        }
      }
      if (!listed.contains(t.path().path())) {
        e.reason(ReasonCode.EVIDENCE_INCONSISTENT, ruleId, Verdict.DENY, "the action writes '" + t.path().path()
            + "' but evidence.files-touched does not list it",
            Remedy.of("fix-evidence", "list every file the change touches"));
      }
    }
  }

  private void checkCatalogue(CompiledPolicy p, Evaluation e) {
    List<Capability> production = null;
    List<Capability> capabilities = e.capabilities();
    for (int i = 0; i < capabilities.size(); i++) {
      Capability c = capabilities.get(i);
      if (c.effect() == EffectClass.PRODUCTION) {
        if (production == null) {
          production = new ArrayList<>(2);
        }
        production.add(c);
      }
    }
    if (production == null) {
      return;
    }
    List<CompiledPolicy.Catalogue> entries = p.catalogueByTool.getOrDefault(e.action.tool(), List.of());
    for (CompiledPolicy.Catalogue entry : entries) {
      if (catalogueMatches(entry, e)) {
        CatalogueEntry spec = entry.spec();
        if (spec.requiresApproval()) {
          e.reason(ReasonCode.APPROVAL_REQUIRED, spec.id(), Verdict.ESCALATE, "catalogue entry '" + spec.id()
              + "' requires explicit authorization", Remedy.of("request-approval", "ask an approver to authorize this production action"));
        }
        e.matched(spec.id());
        e.obligation(Obligation.of("catalogue", spec.id(), spec.id()));
        return;
      }
    }
    String names = production.stream().map(Capability::name).distinct().reduce((a, b) -> a + ", " + b).orElse("");
    e.reason(ReasonCode.NOT_IN_CATALOGUE, "catalogue", Verdict.DENY, "production action (" + names
        + ") matches no entry of the production catalogue",
        Remedy.of("use-catalogue-entry", entries.isEmpty()
            ? "no catalogue entry exists for tool '" + e.action.tool() + "'; production actions must be pre-approved"
            : "match one of the catalogue entries " + entries.stream().map(c -> c.spec().id()).toList()));
  }

  private static boolean catalogueMatches(CompiledPolicy.Catalogue entry, Evaluation e) {
    for (var a : entry.arguments().entrySet()) {
      Object v = Arguments.at(e.args, a.getKey());
      if (v == Arguments.MISSING || v instanceof Map || v instanceof List || Arguments.isNull(v)) {
        return false;
      }
      if (!a.getValue().matches(Arguments.text(v))) {
        return false;
      }
    }
    Set<String> envs = entry.spec().environments();
    if (!envs.isEmpty() && !envs.containsAll(e.environments)) {
      return false;
    }
    if (e.tool.shell()) {
      if (entry.commands().isEmpty() || e.commands.isEmpty()) {
        return false;
      }
      for (Evaluation.RunCommand c : e.commands) {
        if (c.assignments() || entry.commands().stream().noneMatch(w -> w.matches(c.text()))) {
          return false;
        }
      }
    }
    return true;
  }

  // ---------------------------------------------------------------- step 6: approval and budgets

  private @Nullable Grant askApproval(Evaluation e, LazyDigest digest) {
    ApprovalHandler handler = approvalHandler;
    if (handler == null) {
      return null;
    }
    ApprovalRequest request = new ApprovalRequest(e.action, e.key, e.lane, e.capabilities(), e.reasons, digest.get(), approvalTimeout);
    Approval answer;
    try {
      Future<Approval> f = approvalExecutor().submit(() -> handler.requestApproval(request));
      try {
        answer = f.get(approvalTimeout.toNanos(), TimeUnit.NANOSECONDS);
      } catch (TimeoutException ex) {
        f.cancel(true);
        e.reason(ReasonCode.APPROVAL_TIMEOUT, "approval", Verdict.DENY, "no approval within " + approvalTimeout,
            Remedy.of("request-approval", "ask again when an approver is available"));
        return null;
      }
    } catch (ExecutionException ex) {
      Throwable cause = ex.getCause() == null ? ex : ex.getCause();
      LOG.warn("agentlane approval handler failed; denying", cause);
      e.reason(ReasonCode.APPROVAL_TIMEOUT, "approval", Verdict.DENY, "the approval handler failed: "
          + cause.getClass().getSimpleName(), Remedy.of("request-approval", "ask again"));
      return null;
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      e.reason(ReasonCode.APPROVAL_TIMEOUT, "approval", Verdict.DENY, "interrupted while waiting for approval",
          Remedy.of("request-approval", "ask again"));
      return null;
    } catch (java.util.concurrent.RejectedExecutionException ex) {
      e.reason(ReasonCode.APPROVAL_TIMEOUT, "approval", Verdict.DENY, "the engine is closed; no approval can be asked",
          Remedy.of("request-approval", "ask again"));
      return null;
    }
    if (answer == null) {
      e.reason(ReasonCode.APPROVAL_TIMEOUT, "approval", Verdict.DENY, "the approval handler returned no answer",
          Remedy.of("request-approval", "ask again"));
      return null;
    }
    if (!answer.approved()) {
      e.reason(ReasonCode.APPROVAL_DENIED, "approval", Verdict.DENY, "refused by " + answer.approver() + ": " + answer.reason(),
          Remedy.of("human-reset", "address " + answer.approver() + "'s concerns before asking again"));
      return null;
    }
    GrantScope scope = java.util.Objects.requireNonNull(answer.scope());
    try {
      grants.issue(e.action, scope, answer.approver(), answer.reason());
    } catch (IllegalArgumentException ex) {
      e.reason(ReasonCode.APPROVAL_DENIED, "approval", Verdict.DENY, "the approval cannot be granted: " + ex.getMessage(),
          Remedy.of("request-approval", "ask for an approval that covers this action"));
      return null;
    }
    Grant g = grants.tryConsume(e.key, e.action.tool(), digest, e.action.runId(), e.now);
    if (g == null) {
      e.reason(ReasonCode.APPROVAL_DENIED, "approval", Verdict.DENY, "the approval's grant does not cover this action",
          Remedy.of("request-approval", "ask for an approval that covers this action"));
    }
    return g;
  }

  private ExecutorService approvalExecutor() {
    ExecutorService threads = approvalThreads;
    if (threads == null) {
      synchronized (this) {
        threads = approvalThreads;
        if (threads == null) {
          AtomicLong n = new AtomicLong();
          threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "agentlane-approval-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
          });
          approvalThreads = threads;
        }
      }
    }
    return threads;
  }

  private boolean consumeBudgets(CompiledPolicy p, Evaluation e) {
    if (p.budgets.isEmpty()) {
      return true;
    }
    List<Capability> caps = e.capabilities();
    List<WindowCounters.Key> taken = null;
    List<CompiledPolicy.BudgetRule> budgetRules = p.budgets;
    for (int i = 0; i < budgetRules.size(); i++) {
      CompiledPolicy.BudgetRule b = budgetRules.get(i);
      if (!b.scope().matches(caps, e.action.tool(), e.action.workflow(), e.lane)) {
        continue;
      }
      WindowCounters.Key key = WindowCounters.key(b.spec().id(), WindowCounters.subject(b.spec().per(), e.key, e.action),
          b.spec().period(), e.now);
      if (counters.tryAcquire(key, b.spec().limit())) {
        if (taken == null) {
          taken = new ArrayList<>(2);
        }
        taken.add(key);
        e.matched(b.spec().id());
      } else {
        if (taken != null) {
          taken.forEach(counters::release);
        }
        e.reason(ReasonCode.BUDGET_EXHAUSTED, b.spec().id(), Verdict.DENY, "budget '" + b.spec().id() + "' of "
            + b.spec().limit() + " per " + b.spec().period() + " per " + b.spec().per().code() + " is used up",
            Remedy.of("wait", "wait until " + WindowCounters.windowEnd(key)));
        return false;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------- digests

  private String digestOrFail(Action action) {
    try {
      return digest(action, Arguments.values(action.arguments()));
    } catch (Arguments.MalformedArgumentsException e) {
      throw new IllegalArgumentException("the action's arguments are malformed: " + e.getMessage(), e);
    }
  }

  /** The action digest, computed at most once per decision and only when something needs it. */
  static final class LazyDigest implements java.util.function.Supplier<String> {
    private final Action action;
    private final Object args;
    private volatile @Nullable String value;

    LazyDigest(Action action, Object args) {
      this.action = action;
      this.args = args;
    }

    @Override
    public String get() {
      String v = value;
      if (v == null) {
        v = digest(action, args);
        value = v;
      }
      return v;
    }
  }

  /**
   * SHA-256 over the action's identity: agent, workflow, tool, canonical arguments and declared
   * resources. Run id, evidence and context are not part of it, so a retried identical call has the
   * same digest.
   */
  static String digest(Action action, Object args) {
    StringBuilder sb = new StringBuilder(128);
    sb.append("agentlane-action-v1\n");
    Arguments.quote(action.agent(), sb);
    sb.append('\n');
    Arguments.quote(action.workflow(), sb);
    sb.append('\n');
    Arguments.quote(action.tool(), sb);
    sb.append('\n').append(Arguments.canonical(args));
    for (Resource r : action.resources()) {
      sb.append('\n').append(r.getClass().getSimpleName()).append(':');
      Arguments.quote(resourceText(r), sb);
      if (r instanceof Resource.PathResource pr) {
        sb.append(':').append(pr.access().code());
      }
    }
    MessageDigest md = SHA256.get();
    md.reset();
    return HexFormat.of().formatHex(md.digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
  }
}
