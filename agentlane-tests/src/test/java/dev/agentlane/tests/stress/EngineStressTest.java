package dev.agentlane.tests.stress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.agentlane.Access;
import dev.agentlane.Action;
import dev.agentlane.AgentKey;
import dev.agentlane.AuditRecord;
import dev.agentlane.Capability;
import dev.agentlane.Decision;
import dev.agentlane.EffectClass;
import dev.agentlane.Grant;
import dev.agentlane.GrantScope;
import dev.agentlane.Lane;
import dev.agentlane.LaneStatus;
import dev.agentlane.PolicyEngine;
import dev.agentlane.PolicyException;
import dev.agentlane.Verdict;
import dev.agentlane.core.audit.AuditDurability;
import dev.agentlane.core.audit.AuditLogs;
import dev.agentlane.core.audit.AuditVerification;
import dev.agentlane.core.audit.JsonLinesAuditSink;
import dev.agentlane.core.promotion.LedgerLaneDirectory;
import dev.agentlane.policy.ApprovalRule;
import dev.agentlane.policy.Budget;
import dev.agentlane.policy.Per;
import dev.agentlane.policy.Policy;
import dev.agentlane.policy.Scope;
import dev.agentlane.policy.StopConditionSpec;
import dev.agentlane.policy.ToolMapping;
import dev.agentlane.promotion.PromotionCriteria;
import dev.agentlane.promotion.PromotionException;
import dev.agentlane.promotion.Outcome;
import dev.agentlane.testkit.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Eight threads on one engine for a bounded time: six deciders, one administrator (grants and
 * revocations, promotions, demotions and lane assignments through the promotion ledger, halts and
 * resets, the clock moving on) and one reloader (switching among four policy versions, and now and then
 * offering one that does not compile). Invariants are checked on every decision, and at the end against
 * the audit log.
 *
 * <p>Ordering is read from one ticket counter: each thread takes a ticket just before and just after
 * each operation, so "decision D started after revoke R returned" is {@code D.start > R.end}. The
 * invariants, each a <em>wrong ALLOW</em> if broken:
 *
 * <ul>
 *   <li><b>Budgets</b>: per pair and budget window (the window of the decision's time), the ALLOWed
 *       writes never exceed the budget's limit.
 *   <li><b>Grants</b>: an ALLOW through a grant stays in the grant's scope (its pair and tool, its run for
 *       a task grant, its action for an exact-action grant, its calls for a calls grant, before its
 *       expiry for a window grant), and no decision that started after {@code revoke} returned uses it.
 *   <li><b>Halts</b>: a decision that started after {@code halt} returned and ended before
 *       {@code reset} began is HALT.
 *   <li><b>Lanes</b>: an ALLOW's lane is at least every capability's lane; a decision made entirely
 *       between two lane changes of its pair names the lane the first one set.
 *   <li><b>Policies</b>: every decision names a version the engine switched to; the marker action
 *       decides as that whole version does (capability {@code marker.vN}); a decision made entirely
 *       between two reloads names the version the first one installed.
 *   <li><b>Audit</b>: at the end the hash chain verifies, and every decision made is recorded exactly
 *       once (count and a 64-bit sum of hashes of the decision ids); grants, revocations, reloads,
 *       resets and lane changes are recorded as often as they happened.
 * </ul>
 *
 * <p>Short by default (3 s in all, half with each audit mode); {@code -Dagentlane.stress.seconds=120}, or the
 * {@code stress} profile of this module, runs it long. The async mode writes its log at about 50 MB/s: for
 * long runs, {@code -Dagentlane.stress.audit=group-commit} keeps to the durable mode (a few MB/s). The seed is printed; {@code -Dagentlane.seed=N} replays each thread's
 * choices (not the interleaving, which is the point of the test).
 */
class EngineStressTest {
  private static final double SECONDS = Double.parseDouble(System.getProperty("agentlane.stress.seconds", "3"));
  /** The audit modes to run, each for its share of the time; the async one writes about 50 MB of log a second. */
  private static final List<String> MODES =
      List.of(System.getProperty("agentlane.stress.audit", "group-commit,async-block").split(","));
  private static final int DECIDERS = 6;
  /** The administrator acts once per this many of its own decisions; the reloader reloads once per {@link #RELOAD_EVERY}. */
  private static final int ADMIN_EVERY = 2;
  private static final int RELOAD_EVERY = 40;
  private static final int PAIRS = 4;
  private static final long BUDGET = 40;
  private static final Duration BUDGET_PERIOD = Duration.ofHours(1);
  private static final List<String> VERSIONS = List.of("s1", "s2", "s3", "s4");
  private static final String WORKSPACE = "/work/repo";

  @TempDir Path dir;

  // ---- the policy ------------------------------------------------------------------------------

  static Policy version(String v) {
    return Policy.builder().name("stress").version(v)
        .capability("code.read", "draft", EffectClass.READ)
        .capability("workspace.write", "sandbox", EffectClass.SANDBOXED)
        .capability("pkg.publish", "sandbox", EffectClass.SANDBOXED)
        .capability("marker." + v, "draft", EffectClass.READ)
        .tool(ToolMapping.tool("read_file").capability("code.read").readPath("/path").build())
        .tool(ToolMapping.tool("write_file").capability("workspace.write").writePath("/path").build())
        .tool(ToolMapping.tool("publish").capability("pkg.publish").build())
        .stopCondition(StopConditionSpec.sensitivePaths("stop.secrets", Verdict.HALT, ".env"))
        .approval(new ApprovalRule("approval.publish", Scope.capabilities("pkg.publish"), "team:release"))
        .budget(new Budget("budget.writes", Scope.capabilities("workspace.write"), BUDGET, BUDGET_PERIOD, Per.PAIR))
        .tool(ToolMapping.tool("marker").capability("marker." + v).build())
        .build();
  }

  /** Builds, but does not compile: an invalid glob. */
  static Policy broken() {
    return Policy.builder().name("stress").version("broken")
        .capability("code.read", "draft", EffectClass.READ)
        .tool(ToolMapping.tool("read_file").capability("code.read").readPath("/path").build())
        .stopCondition(new StopConditionSpec.SensitivePaths("stop.bad", Verdict.HALT, Scope.all(), List.of("[oops"),
            Access.READ))
        .build();
  }

  static final List<AgentKey> KEYS = List.of(AgentKey.of("a0", "stress"), AgentKey.of("a1", "stress"),
      AgentKey.of("a2", "stress"), AgentKey.of("a3", "stress"));

  // ---- ordering --------------------------------------------------------------------------------

  private final AtomicLong ticket = new AtomicLong();

  /** An interval between two changes of one thing: what it was set to, after which ticket, until which. */
  static final class Epoch<T> {
    final T value;
    final long installed;
    volatile long closed = Long.MAX_VALUE;

    Epoch(T value, long installed) {
      this.value = value;
      this.installed = installed;
    }

    /** Whether an operation between {@code start} and {@code end} lies wholly inside this epoch. */
    boolean covers(long start, long end) {
      return installed < start && end < closed;
    }
  }

  /** A halt the administrator made: from after halt() returned until reset() began. */
  static final class HaltWindow {
    final long halted;
    volatile long resetBegins = Long.MAX_VALUE;

    HaltWindow(long halted) {
      this.halted = halted;
    }
  }

  // ---- shared state and figures -----------------------------------------------------------------

  private final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
  private final LongAdder wrongAllows = new LongAdder();
  private final Map<Verdict, LongAdder> verdicts = new EnumMap<>(Verdict.class);
  private final LongAdder decisions = new LongAdder();
  private final AtomicLong decisionIdHashes = new AtomicLong();
  private final ConcurrentHashMap<String, LongAdder> budgetSpent = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, LongAdder> grantUses = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, String> grantScopes = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, AtomicLong> grantLastUseStart = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Long> revokedAt = new ConcurrentHashMap<>();
  private final Map<AgentKey, AtomicReference<Epoch<Lane>>> laneEpochs = new ConcurrentHashMap<>();
  private final Map<AgentKey, CopyOnWriteArrayList<HaltWindow>> haltWindows = new ConcurrentHashMap<>();
  private final AtomicReference<Epoch<String>> policyEpoch = new AtomicReference<>();
  private final java.util.Set<String> installedVersions = ConcurrentHashMap.newKeySet();
  private final java.util.Set<String> decidedVersions = ConcurrentHashMap.newKeySet();
  private final LongAdder grantsIssued = new LongAdder();
  private final LongAdder grantsRevoked = new LongAdder();
  private final LongAdder grantAllows = new LongAdder();
  private final LongAdder budgetAllows = new LongAdder();
  private final LongAdder laneChanges = new LongAdder();
  private final LongAdder resets = new LongAdder();
  private final LongAdder reloads = new LongAdder();
  private final LongAdder rejectedReloads = new LongAdder();
  private final LongAdder adminHalts = new LongAdder();

  private void violation(boolean wrongAllow, String what) {
    if (wrongAllow) {
      wrongAllows.increment();
    }
    if (violations.size() < 50) {
      violations.add(what);
    }
  }

  /** A 64-bit mix of a string (SplitMix64 over its Java hash and length), for an order-free checksum. */
  static long mix(String s) {
    long z = s.hashCode() * 0x9E3779B97F4A7C15L + s.length();
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  // ---- the run ---------------------------------------------------------------------------------

  /**
   * Run once with the audit log forcing each batch before the decisions in it return (group commit), and
   * once with a queue (async, blocking when full), which lets the engine run at its own speed; each run
   * takes half the time.
   */
  @ParameterizedTest
  @EnumSource(value = AuditDurability.class, names = {"GROUP_COMMIT", "ASYNC_BLOCK"})
  void manyThreadsDecideGrantRevokePromoteAndReloadWithoutAWrongAllowOrALostRecord(AuditDurability durability)
      throws Exception {
    assumeThat(MODES).as("audit modes chosen with -Dagentlane.stress.audit").contains(durability.code());
    long seed = Long.getLong("agentlane.seed", System.nanoTime());
    double seconds = SECONDS / MODES.size();
    System.out.printf("engine stress (%s): seed %d (replay each thread's choices with -Dagentlane.seed=%d), %.1f s%n",
        durability.code(), seed, seed, seconds);
    SplittableRandom master = new SplittableRandom(seed);
    for (Verdict v : Verdict.values()) {
      verdicts.put(v, new LongAdder());
    }
    ManualClock clock = new ManualClock(Instant.parse("2026-11-24T00:00:00Z"));
    Path log = dir.resolve("audit.jsonl");
    Policy first = version(VERSIONS.get(0));
    PromotionCriteria easy = PromotionCriteria.builder().minObservations(1).minReleaseCycles(0)
        .minTimeInLane(Duration.ZERO).minCleanRateLowerBound(0.0).maxReworkUpperBound(1.0).build();
    AtomicReference<PolicyEngine> engineRef = new AtomicReference<>();
    LedgerLaneDirectory ledger = LedgerLaneDirectory.builder()
        .policy(() -> engineRef.get() == null ? first : engineRef.get().policy())
        .clock(clock).defaultCriteria(easy).demoteOnHalt(false).build();
    long decisionCount;
    long decisionHashSum;
    try (JsonLinesAuditSink sink = AuditLogs.jsonLines(log, durability);
        PolicyEngine engine = PolicyEngine.builder().policy(first).clock(clock).workspace(WORKSPACE)
            .laneDirectory(ledger).auditSink(sink).build()) {
      engineRef.set(engine);
      for (AgentKey k : KEYS) {
        ledger.assign(k, Lane.SANDBOX, "admin", "stress");
        laneEpochs.put(k, new AtomicReference<>(new Epoch<>(Lane.SANDBOX, ticket.incrementAndGet())));
        haltWindows.put(k, new CopyOnWriteArrayList<>());
      }
      installedVersions.add(first.version());
      policyEpoch.set(new Epoch<>(first.version(), ticket.incrementAndGet()));

      AtomicBoolean stop = new AtomicBoolean();
      int threads = DECIDERS + 2;
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      CountDownLatch ready = new CountDownLatch(threads);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < DECIDERS; i++) {
        SplittableRandom random = master.split();
        futures.add(pool.submit(() -> {
          ready.countDown();
          go.await();
          decider(engine, random, stop);
          return null;
        }));
      }
      SplittableRandom adminRandom = master.split();
      futures.add(pool.submit(() -> {
        ready.countDown();
        go.await();
        admin(engine, ledger, clock, adminRandom, stop);
        return null;
      }));
      SplittableRandom reloaderRandom = master.split();
      futures.add(pool.submit(() -> {
        ready.countDown();
        go.await();
        reloader(engine, reloaderRandom, stop);
        return null;
      }));
      ready.await();
      go.countDown();
      // The bounded run: a wait on a latch nobody counts down.
      new CountDownLatch(1).await((long) (seconds * 1000), TimeUnit.MILLISECONDS);
      stop.set(true);
      for (Future<?> f : futures) {
        f.get(120, TimeUnit.SECONDS);
      }
      pool.shutdown();
      decisionCount = decisions.sum();
      decisionHashSum = decisionIdHashes.get();
    }

    // Every version decided under was installed (the engine tells listeners after the swap, so this is
    // checked once every thread has stopped).
    for (String v : decidedVersions) {
      if (!installedVersions.contains(v)) {
        violation(false, "decisions under version " + v + ", which was never installed");
      }
    }
    for (Map.Entry<String, LongAdder> spent : budgetSpent.entrySet()) {
      if (spent.getValue().sum() > BUDGET) {
        violation(true, "budget over-spent: " + spent.getValue().sum() + " of " + BUDGET + " at " + spent.getKey());
      }
    }
    for (Map.Entry<String, String> g : grantScopes.entrySet()) {
      long uses = grantUses.get(g.getKey()).sum();
      String scope = g.getValue();
      long most = scope.startsWith("calls:") ? Long.parseLong(scope.substring(6)) : scope.startsWith("exact:") ? 1
          : Long.MAX_VALUE;
      if (uses > most) {
        violation(true, "grant " + g.getKey() + " (" + scope + ") used " + uses + " times");
      }
    }
    for (Map.Entry<String, Long> r : revokedAt.entrySet()) {
      AtomicLong last = grantLastUseStart.get(r.getKey());
      if (last != null && last.get() > r.getValue()) {
        violation(true, "grant " + r.getKey() + " used by a decision that started after its revocation returned");
      }
    }

    // The audit log: chain intact, every decision exactly once, every event as often as it happened.
    AuditVerification v = AuditLogs.verify(log);
    Map<AuditRecord.Kind, LongAdder> kinds = new EnumMap<>(AuditRecord.Kind.class);
    AtomicLong auditedHashSum = new AtomicLong();
    AuditLogs.read(log, r -> {
      kinds.computeIfAbsent(r.kind(), k -> new LongAdder()).increment();
      if (r.kind() == AuditRecord.Kind.DECISION) {
        auditedHashSum.addAndGet(mix(r.detail().substring("decision ".length())));
      }
    });
    long auditedDecisions = count(kinds, AuditRecord.Kind.DECISION);

    System.out.printf("engine stress (%s): %d threads, %d decisions (%d ALLOW, %d DENY, %d ESCALATE, %d HALT), %d budgeted"
            + " writes allowed, %d grants issued, %d revoked, %d ALLOWs through a grant, %d lane changes, %d admin halts,"
            + " %d resets, %d policy reloads (%d rejected); wrong ALLOWs: %d; invariant violations: %d; audit: %d records"
            + " verified, %d decisions recorded%n",
        durability.code(), DECIDERS + 2, decisionCount, verdicts.get(Verdict.ALLOW).sum(), verdicts.get(Verdict.DENY).sum(),
        verdicts.get(Verdict.ESCALATE).sum(), verdicts.get(Verdict.HALT).sum(), budgetAllows.sum(), grantsIssued.sum(),
        grantsRevoked.sum(), grantAllows.sum(), laneChanges.sum(), adminHalts.sum(), resets.sum(), reloads.sum(),
        rejectedReloads.sum(), wrongAllows.sum(), violations.size(), v.records(), auditedDecisions);

    assertThat(violations).as("invariant violations (seed %d)", seed).isEmpty();
    assertThat(wrongAllows.sum()).isZero();
    assertThat(v.ok()).as("audit chain: %s", v.problem()).isTrue();
    assertThat(auditedDecisions).as("decisions recorded").isEqualTo(decisionCount);
    assertThat(auditedHashSum.get()).as("the recorded decisions are the decisions made, each once")
        .isEqualTo(decisionHashSum);
    assertThat(count(kinds, AuditRecord.Kind.GRANT)).as("grant records").isEqualTo(grantsIssued.sum());
    assertThat(count(kinds, AuditRecord.Kind.REVOCATION)).as("revocation records").isEqualTo(grantsRevoked.sum());
    assertThat(count(kinds, AuditRecord.Kind.POLICY_RELOAD)).as("reload records").isEqualTo(reloads.sum());
    assertThat(count(kinds, AuditRecord.Kind.POLICY_REJECTED)).as("rejection records").isEqualTo(rejectedReloads.sum());
    assertThat(count(kinds, AuditRecord.Kind.RESET)).as("reset records").isEqualTo(resets.sum());
    assertThat(count(kinds, AuditRecord.Kind.PROMOTION) + count(kinds, AuditRecord.Kind.DEMOTION))
        .as("lane change records (the initial assignments included)").isEqualTo(laneChanges.sum() + KEYS.size());
    // Enough happened for the invariants to mean something.
    assertThat(decisionCount).isPositive();
    assertThat(verdicts.get(Verdict.ALLOW).sum()).isPositive();
    assertThat(reloads.sum()).isPositive();
    assertThat(grantsIssued.sum()).isPositive();
  }

  private static long count(Map<AuditRecord.Kind, LongAdder> kinds, AuditRecord.Kind kind) {
    LongAdder a = kinds.get(kind);
    return a == null ? 0 : a.sum();
  }

  // ---- deciders ----------------------------------------------------------------------------------

  private void decider(PolicyEngine engine, SplittableRandom random, AtomicBoolean stop) {
    while (!stop.get()) {
      decideOnce(engine, random);
    }
  }

  /** Decides one random action and checks the decision. */
  private void decideOnce(PolicyEngine engine, SplittableRandom random) {
    AgentKey key = KEYS.get(random.nextInt(PAIRS));
    String run = "run-" + random.nextInt(4);
    int pick = random.nextInt(100);
    Action.Builder b = Action.builder().key(key).runId(run);
    Action action;
    String pkg = "p" + random.nextInt(3);
    if (pick < 30) {
      action = b.tool("read_file").arguments(Map.of("path", "src/F" + random.nextInt(50) + ".java")).build();
    } else if (pick < 55) {
      action = b.tool("write_file").arguments(Map.of("path", "src/F" + random.nextInt(50) + ".java")).build();
    } else if (pick < 75) {
      action = b.tool("publish").arguments(Map.of("package", pkg)).build();
    } else if (pick < 90) {
      action = b.tool("marker").build();
    } else if (pick < 91 && random.nextInt(32) == 0) {
      action = b.tool("read_file").arguments(Map.of("path", ".env")).build(); // halts the pair
    } else {
      action = b.tool("drop_database").build();
    }
    Epoch<String> policyBefore = policyEpoch.get();
    Epoch<Lane> laneBefore = laneEpochs.get(key).get();
    long start = ticket.incrementAndGet();
    Decision d = engine.decide(action);
    long end = ticket.incrementAndGet();
    Epoch<String> policyAfter = policyEpoch.get();
    Epoch<Lane> laneAfter = laneEpochs.get(key).get();
    decisions.increment();
    decisionIdHashes.addAndGet(mix(d.id()));
    verdicts.get(d.verdict()).increment();
    check(action, pkg, key, d, start, end, policyBefore == policyAfter ? policyBefore : null,
        laneBefore == laneAfter ? laneBefore : null);
  }

  private void check(Action a, String pkg, AgentKey key, Decision d, long start, long end, @Nullable Epoch<String> policy,
      @Nullable Epoch<Lane> lane) {
    String version = d.policyVersion();
    decidedVersions.add(version);
    boolean allow = d.verdict() == Verdict.ALLOW;
    if (policy != null && policy.covers(start, end) && !version.equals(policy.value)) {
      violation(allow, "decided under " + version + " while " + policy.value + " was installed throughout: " + d);
    }
    if (a.tool().equals("marker") && d.verdict() != Verdict.HALT) {
      boolean whole = allow && d.capabilities().stream().map(Capability::name).toList().equals(List.of("marker." + version));
      if (!whole) {
        violation(false, "the marker decided as no whole version " + version + " would: " + d);
      }
    }
    if (lane != null && lane.covers(start, end) && d.lane() != null && !d.lane().equals(lane.value)) {
      violation(allow, "decided in lane " + d.lane().name() + " while " + key + " stood in " + lane.value.name()
          + " throughout: " + d);
    }
    for (HaltWindow w : haltWindows.get(key)) {
      if (w.halted < start && end < w.resetBegins && d.verdict() != Verdict.HALT) {
        violation(allow, key + " was halted throughout the decision, which was " + d.verdict() + ": " + d);
      }
    }
    if (!allow) {
      return;
    }
    for (Capability c : d.capabilities()) {
      if (d.lane() == null || c.lane().rank() > d.lane().rank()) {
        violation(true, "ALLOW of " + c.name() + " (lane " + c.lane().name() + ") in lane " + d.lane() + ": " + d);
      }
    }
    if (a.tool().equals("write_file")) {
      budgetAllows.increment();
      if (!d.matchedRules().contains("budget.writes")) {
        violation(true, "a write was allowed without its budget: " + d);
      }
      long window = Math.floorDiv(d.time().toEpochMilli(), BUDGET_PERIOD.toMillis());
      LongAdder spent = budgetSpent.computeIfAbsent(key + "@" + window, k -> new LongAdder());
      spent.increment();
      if (spent.sum() > BUDGET) {
        violation(true, "budget over-spent: " + spent.sum() + " of " + BUDGET + " writes allowed for " + key
            + " in window " + window);
      }
    }
    String grant = d.grantId();
    if (a.tool().equals("publish") && grant == null) {
      violation(true, "publish needs approval, but was allowed without a grant: " + d);
    }
    if (grant != null) {
      grantAllows.increment();
      checkGrantUse(a, pkg, key, d, grant, start);
    }
  }

  /** The approver's name carries the grant's pair and scope (see {@link #issue}). */
  private void checkGrantUse(Action a, String pkg, AgentKey key, Decision d, String grant, long start) {
    grantLastUseStart.computeIfAbsent(grant, g -> new AtomicLong()).accumulateAndGet(start, Math::max);
    Long revoked = revokedAt.get(grant);
    if (revoked != null && start > revoked) {
      violation(true, "grant " + grant + " used by a decision that started after its revocation returned: " + d);
    }
    String[] parts = String.valueOf(d.approver()).split("/", 3);
    if (parts.length != 3 || !parts[1].equals(key.agent()) || !a.tool().equals("publish")) {
      violation(true, "grant " + grant + " (" + d.approver() + ") used by " + key + " for " + a.tool());
      return;
    }
    String[] scope = parts[2].split(":", 2);
    grantScopes.putIfAbsent(grant, parts[2]);
    LongAdder counter = grantUses.computeIfAbsent(grant, g -> new LongAdder());
    counter.increment();
    long uses = counter.sum();
    switch (scope[0]) {
      case "calls" -> {
        if (uses > Long.parseLong(scope[1])) {
          violation(true, "grant " + grant + " (" + parts[2] + ") used " + uses + " times");
        }
      }
      case "exact" -> {
        if (!scope[1].equals(pkg) || uses > 1) {
          violation(true, "exact grant " + grant + " (" + parts[2] + ") used for package " + pkg + ", use " + uses);
        }
      }
      case "task" -> {
        if (!scope[1].equals(a.runId())) {
          violation(true, "task grant " + grant + " (" + parts[2] + ") used in run " + a.runId());
        }
      }
      case "window" -> {
        if (d.time().toEpochMilli() >= Long.parseLong(scope[1])) {
          violation(true, "window grant " + grant + " used at " + d.time() + ", after it expired");
        }
      }
      default -> violation(true, "grant " + grant + " has an unknown scope " + parts[2]);
    }
  }

  // ---- the administrator -------------------------------------------------------------------------

  private final List<Grant> live = new ArrayList<>(); // the administrator's own list; one thread

  private void admin(PolicyEngine engine, LedgerLaneDirectory ledger, ManualClock clock, SplittableRandom random,
      AtomicBoolean stop) {
    while (!stop.get()) {
      for (int i = 0; i < ADMIN_EVERY; i++) {
        decideOnce(engine, random); // paced by deciding, like the others
      }
      AgentKey key = KEYS.get(random.nextInt(PAIRS));
      int pick = random.nextInt(100);
      if (pick < 35) {
        issue(engine, clock, key, random);
      } else if (pick < 55) {
        if (!live.isEmpty()) {
          Grant g = live.remove(random.nextInt(live.size()));
          boolean was = engine.grants().revoke(g.id(), "bob");
          revokedAt.put(g.id(), ticket.incrementAndGet());
          if (was) {
            grantsRevoked.increment();
          }
        }
      } else if (pick < 70) {
        changeLane(ledger, key, random);
      } else if (pick < 71) {
        CopyOnWriteArrayList<HaltWindow> windows = haltWindows.get(key);
        if (!engine.lanes().status(key).halted()) {
          engine.lanes().halt(key, "stress: the administrator stops the pair", "admin");
          windows.add(new HaltWindow(ticket.incrementAndGet()));
          adminHalts.increment();
        }
      } else if (pick < 75) {
        clock.advance(Duration.ofMinutes(20)); // budget windows roll over, window grants expire
      } else {
        for (LaneStatus s : engine.lanes().all()) {
          if (s.halted()) {
            for (HaltWindow w : haltWindows.get(s.key())) {
              if (w.resetBegins == Long.MAX_VALUE) {
                w.resetBegins = ticket.incrementAndGet();
              }
            }
            if (engine.lanes().reset(s.key(), "carol")) {
              resets.increment();
            }
          }
        }
      }
    }
  }

  private void issue(PolicyEngine engine, ManualClock clock, AgentKey key, SplittableRandom random) {
    String pkg = "p" + random.nextInt(3);
    String run = "run-" + random.nextInt(4);
    Action action = Action.builder().key(key).runId(run).tool("publish").arguments(Map.of("package", pkg)).build();
    GrantScope scope;
    String what;
    switch (random.nextInt(4)) {
      case 0 -> {
        int n = 1 + random.nextInt(5);
        scope = GrantScope.calls(n);
        what = "calls:" + n;
      }
      case 1 -> {
        scope = GrantScope.exactAction();
        what = "exact:" + pkg;
      }
      case 2 -> {
        scope = GrantScope.task(run);
        what = "task:" + run;
      }
      default -> {
        Duration d = Duration.ofMinutes(30 + random.nextInt(120));
        scope = GrantScope.window(d);
        what = "window:" + clock.instant().plus(d).toEpochMilli(); // only this thread moves the clock
      }
    }
    Grant g = engine.grants().issue(action, scope, "stress/" + key.agent() + "/" + what, "stress");
    grantsIssued.increment();
    live.add(g);
    if (live.size() > 64) {
      live.remove(0); // forgotten, not revoked: it runs out on its own
    }
  }

  private void changeLane(LedgerLaneDirectory ledger, AgentKey key, SplittableRandom random) {
    AtomicReference<Epoch<Lane>> epoch = laneEpochs.get(key);
    Lane before = ledger.status(key).lane();
    epoch.get().closed = ticket.incrementAndGet();
    int pick = random.nextInt(3);
    try {
      if (pick == 0) {
        ledger.record(key, Outcome.clean(), "review-bot");
        ledger.promote(key, "alice", "stress");
      } else if (pick == 1) {
        ledger.demote(key, "stress", "bob");
      } else {
        Lane to = Lane.defaults().get(random.nextInt(Lane.defaults().size()));
        ledger.assign(key, to, "admin", "stress");
      }
    } catch (PromotionException e) {
      // not eligible (the top lane): nothing changed
    }
    Lane after = ledger.status(key).lane();
    if (!after.equals(before)) {
      laneChanges.increment();
    }
    epoch.set(new Epoch<>(after, ticket.incrementAndGet()));
  }

  // ---- the reloader ------------------------------------------------------------------------------

  private void reloader(PolicyEngine engine, SplittableRandom random, AtomicBoolean stop) {
    List<Policy> versions = VERSIONS.stream().map(EngineStressTest::version).toList();
    Policy broken = broken();
    while (!stop.get()) {
      for (int i = 0; i < RELOAD_EVERY; i++) {
        decideOnce(engine, random); // paced by deciding, like the others
      }
      if (random.nextInt(10) == 0) {
        try {
          engine.update(broken);
          violation(false, "a policy with an invalid glob was installed");
        } catch (PolicyException e) {
          rejectedReloads.increment();
        }
        continue;
      }
      Policy next = versions.get(random.nextInt(versions.size()));
      installedVersions.add(next.version()); // before the swap: a decision may see it before update returns
      policyEpoch.get().closed = ticket.incrementAndGet();
      engine.update(next);
      reloads.increment();
      policyEpoch.set(new Epoch<>(next.version(), ticket.incrementAndGet()));
    }
  }

  @Test
  void mixIsAnOrderFreeChecksum() {
    long a = mix("d-1") + mix("d-2");
    long b = mix("d-2") + mix("d-1");
    assertThat(a).isEqualTo(b);
    assertThat(mix("d-1") + mix("d-1")).as("a duplicate instead of another id shows").isNotEqualTo(a);
  }
}
