package dev.agentlane.tests.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentlane.Access;
import dev.agentlane.Action;
import dev.agentlane.AgentKey;
import dev.agentlane.AuditEntry;
import dev.agentlane.AuditException;
import dev.agentlane.AuditRecord;
import dev.agentlane.Decision;
import dev.agentlane.EffectClass;
import dev.agentlane.GrantScope;
import dev.agentlane.Lane;
import dev.agentlane.PolicyEngine;
import dev.agentlane.Reason;
import dev.agentlane.Verdict;
import dev.agentlane.core.audit.AuditDurability;
import dev.agentlane.core.audit.AuditLogs;
import dev.agentlane.core.audit.AuditVerification;
import dev.agentlane.core.audit.JsonLinesAuditSink;
import dev.agentlane.core.promotion.InMemoryLedgerStore;
import dev.agentlane.core.promotion.LedgerLaneDirectory;
import dev.agentlane.guard.ToolGuard;
import dev.agentlane.guard.ToolOutcome;
import dev.agentlane.policy.Policy;
import dev.agentlane.policy.Scope;
import dev.agentlane.policy.StopConditionSpec;
import dev.agentlane.policy.ToolMapping;
import dev.agentlane.promotion.LedgerStore;
import dev.agentlane.promotion.LedgerStoreException;
import dev.agentlane.promotion.PairState;
import dev.agentlane.spi.Approval;
import dev.agentlane.spi.ApprovalHandler;
import dev.agentlane.spi.ApprovalRequest;
import dev.agentlane.spi.AuditSink;
import dev.agentlane.spi.DecisionListener;
import dev.agentlane.spi.StopCondition;
import dev.agentlane.spi.StopContext;
import dev.agentlane.spi.StopResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fault-injection matrix: every plug-in point of the engine (custom stop condition, decision
 * listener, approval handler, audit sink, ledger store, clock) crossed with every fault it can have
 * (throws an unchecked exception, throws a checked one, overflows its stack, throws an
 * {@code OutOfMemoryError}, hangs until interrupted, returns null, returns garbage). One engine per
 * cell, every plug-in installed and healthy, one armed.
 *
 * <p>Each cell decides a probe whose healthy decision is known and checks: the decision is never ALLOW
 * (a listener, which by contract cannot change a decision, leaves it exactly as it was); a DENY names
 * the fault in its reasons; an {@code Error} thrown on the deciding thread reaches the caller unchanged
 * (the engine does not catch errors: there is no decision, and a tool behind {@link ToolGuard} does not
 * run, which the cell checks too); every audit record the sink
 * acknowledged is in the file, in order, with an intact hash chain, and no ALLOW record was written for
 * a probe under fault; once the fault is gone the engine decides as before. A hang is ended by
 * interrupting the deciding thread, except the approval handler's, which the engine bounds itself
 * ({@code approvalTimeout}). A summary line with the figures is printed after the matrix.
 */
class FaultMatrixTest {
  private static final String WORKSPACE = "/work/repo";
  private static final AgentKey BOT = AgentKey.of("bot", "fixes");
  private static final Duration HANG_TIMEOUT = Duration.ofMillis(200);
  private static final long WAIT_SECONDS = 60;

  /** Where the engine calls user or storage code. */
  enum Plug {
    STOP_CONDITION("stop-condition"),
    DECISION_LISTENER("decision-listener"),
    APPROVAL_HANDLER("approval-handler"),
    AUDIT_SINK("audit-sink"),
    LEDGER_STORE("ledger-store"),
    CLOCK("clock");

    final String code;

    Plug(String code) {
      this.code = code;
    }

    @Override
    public String toString() {
      return code;
    }
  }

  /** What goes wrong. */
  enum Fault {
    RUNTIME_EXCEPTION("throws RuntimeException"),
    CHECKED_EXCEPTION("throws a checked exception"),
    STACK_OVERFLOW("overflows its stack"),
    OUT_OF_MEMORY("throws OutOfMemoryError (simulated)"),
    HANG("hangs until interrupted"),
    RETURNS_NULL("returns null"),
    RETURNS_GARBAGE("returns garbage");

    final String text;

    Fault(String text) {
      this.text = text;
    }

    boolean isError() {
      return this == STACK_OVERFLOW || this == OUT_OF_MEMORY;
    }

    @Override
    public String toString() {
      return text;
    }
  }

  /** What a cell must end in. */
  enum Expect {
    /** DENY, with a reason naming the fault. */
    DENY,
    /** The decision the engine makes without the fault (listeners cannot change decisions). */
    UNCHANGED,
    /** The injected Error reaches the caller of decide(): no decision, nothing runs. */
    ERROR_PROPAGATES
  }

  /**
   * One cell: the plug-in, the fault, what it must end in and the text a DENY's reasons must contain.
   * Faults a plug-in cannot have (a listener or a sink returns nothing) are not cells.
   */
  record Cell(Plug plug, Fault fault, Expect expect, String names) {
    @Override
    public String toString() {
      return plug + " " + fault;
    }
  }

  static final String MARK = "injected fault";

  static List<Cell> cells() {
    List<Cell> cells = new ArrayList<>();
    for (Plug plug : Plug.values()) {
      for (Fault fault : Fault.values()) {
        Cell c = cell(plug, fault);
        if (c != null) {
          cells.add(c);
        }
      }
    }
    return cells;
  }

  private static @Nullable Cell cell(Plug plug, Fault fault) {
    String mark = MARK + " in " + plug;
    return switch (plug) {
      case STOP_CONDITION -> switch (fault) {
        case RUNTIME_EXCEPTION, CHECKED_EXCEPTION -> new Cell(plug, fault, Expect.DENY, mark);
        case STACK_OVERFLOW, OUT_OF_MEMORY -> new Cell(plug, fault, Expect.ERROR_PROPAGATES, "");
        case HANG -> new Cell(plug, fault, Expect.DENY, "InterruptedException");
        case RETURNS_NULL -> new Cell(plug, fault, Expect.DENY, "returned null");
        case RETURNS_GARBAGE -> new Cell(plug, fault, Expect.DENY, "must ask for ESCALATE, DENY or HALT");
      };
      case DECISION_LISTENER -> switch (fault) {
        case RUNTIME_EXCEPTION, CHECKED_EXCEPTION, HANG -> new Cell(plug, fault, Expect.UNCHANGED, "");
        case STACK_OVERFLOW, OUT_OF_MEMORY -> new Cell(plug, fault, Expect.ERROR_PROPAGATES, "");
        case RETURNS_NULL, RETURNS_GARBAGE -> null; // listeners return nothing
      };
      case APPROVAL_HANDLER -> switch (fault) {
        // The handler runs on the engine's approval thread: even an Error comes back as a failed answer.
        case RUNTIME_EXCEPTION -> new Cell(plug, fault, Expect.DENY, "IllegalStateException");
        case CHECKED_EXCEPTION -> new Cell(plug, fault, Expect.DENY, "IOException");
        case STACK_OVERFLOW -> new Cell(plug, fault, Expect.DENY, "StackOverflowError");
        case OUT_OF_MEMORY -> new Cell(plug, fault, Expect.DENY, "OutOfMemoryError");
        case HANG -> new Cell(plug, fault, Expect.DENY, "no approval within " + HANG_TIMEOUT);
        case RETURNS_NULL -> new Cell(plug, fault, Expect.DENY, "returned no answer");
        case RETURNS_GARBAGE -> new Cell(plug, fault, Expect.DENY, "cannot be granted");
      };
      case AUDIT_SINK -> switch (fault) {
        case RUNTIME_EXCEPTION, CHECKED_EXCEPTION -> new Cell(plug, fault, Expect.DENY, mark);
        case STACK_OVERFLOW, OUT_OF_MEMORY -> new Cell(plug, fault, Expect.ERROR_PROPAGATES, "");
        case HANG -> new Cell(plug, fault, Expect.DENY, "interrupted");
        case RETURNS_NULL, RETURNS_GARBAGE -> null; // append returns nothing
      };
      case LEDGER_STORE -> switch (fault) {
        case RUNTIME_EXCEPTION, CHECKED_EXCEPTION -> new Cell(plug, fault, Expect.DENY, mark);
        case STACK_OVERFLOW, OUT_OF_MEMORY -> new Cell(plug, fault, Expect.ERROR_PROPAGATES, "");
        case HANG -> new Cell(plug, fault, Expect.DENY, "interrupted");
        case RETURNS_NULL -> new Cell(plug, fault, Expect.DENY, "answered null");
        case RETURNS_GARBAGE -> new Cell(plug, fault, Expect.DENY, "answered the state of ops-bot/incidents");
      };
      case CLOCK -> switch (fault) {
        case RUNTIME_EXCEPTION, CHECKED_EXCEPTION -> new Cell(plug, fault, Expect.DENY, mark);
        case STACK_OVERFLOW, OUT_OF_MEMORY -> new Cell(plug, fault, Expect.ERROR_PROPAGATES, "");
        case HANG -> new Cell(plug, fault, Expect.DENY, "interrupted");
        case RETURNS_NULL -> new Cell(plug, fault, Expect.DENY, "clock returned no time");
        case RETURNS_GARBAGE -> null; // any instant is a time; a clock that lies is trusted (docs/security/faults.md)
      };
    };
  }

  static Stream<Arguments> matrix() {
    return cells().stream().map(Arguments::of);
  }

  // ---- figures ---------------------------------------------------------------------------------

  private static final AtomicInteger CELLS = new AtomicInteger();
  private static final AtomicInteger INJECTED = new AtomicInteger();
  private static final AtomicInteger DENIED = new AtomicInteger();
  private static final AtomicInteger UNCHANGED = new AtomicInteger();
  private static final AtomicInteger PROPAGATED = new AtomicInteger();
  private static final AtomicInteger WRONG_ALLOWS = new AtomicInteger();
  private static final AtomicInteger RECORDS_ACKNOWLEDGED = new AtomicInteger();
  private static final AtomicInteger RECORDS_LOST = new AtomicInteger();
  private static final Set<Plug> PLUGS = java.util.concurrent.ConcurrentHashMap.newKeySet();

  @AfterAll
  static void printFigures() {
    System.out.printf("fault matrix: %d cells over %d plug-in points; %d faults injected; outcomes: %d DENY naming the"
            + " fault, %d unchanged (listener), %d Error propagated to the caller; wrong ALLOWs: %d; acknowledged audit"
            + " records: %d, lost: %d%n", CELLS.get(), PLUGS.size(), INJECTED.get(), DENIED.get(), UNCHANGED.get(),
        PROPAGATED.get(), WRONG_ALLOWS.get(), RECORDS_ACKNOWLEDGED.get(), RECORDS_LOST.get());
  }

  // ---- the injector and the faulty plug-ins ------------------------------------------------------

  /** Fires one cell's fault from inside a plug-in, counting each firing. Thread-safe. */
  static final class Injector {
    final Cell cell;
    volatile boolean armed;
    final AtomicInteger fired = new AtomicInteger();
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch interrupted = new CountDownLatch(1);
    final AtomicReference<@Nullable Throwable> thrown = new AtomicReference<>();

    Injector(Cell cell) {
      this.cell = cell;
    }

    boolean armedFor(Plug plug) {
      return armed && cell.plug() == plug;
    }

    String message() {
      return MARK + " in " + cell.plug();
    }

    /**
     * Throws the fault, or hangs until interrupted and then rethrows the interrupt (restoring the
     * thread's interrupt status first, as well-behaved code does, when it must wrap it). Null and garbage
     * are returned by the plug-in itself.
     */
    void fire() throws Exception {
      fired.incrementAndGet();
      switch (cell.fault()) {
        case RUNTIME_EXCEPTION -> throw record(new IllegalStateException(message()));
        case CHECKED_EXCEPTION -> throw record(new IOException(message()));
        case STACK_OVERFLOW -> {
          try {
            recurse(0);
          } catch (StackOverflowError e) {
            throw record(e); // a real overflow, deep inside the plug-in
          }
        }
        case OUT_OF_MEMORY -> throw record(new OutOfMemoryError(message() + " (simulated)"));
        case HANG -> {
          entered.countDown();
          try {
            new CountDownLatch(1).await();
          } catch (InterruptedException e) {
            interrupted.countDown();
            throw e;
          }
        }
        case RETURNS_NULL, RETURNS_GARBAGE -> { }
      }
    }

    /** As {@link #fire()}, for a plug-in whose method declares no checked exception. */
    void fireUnchecked(java.util.function.Function<InterruptedException, RuntimeException> onInterrupt) {
      try {
        fire();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw onInterrupt.apply(e);
      } catch (Exception e) {
        throw sneaky(e);
      }
    }

    private <T extends Throwable> T record(T t) {
      thrown.set(t);
      return t;
    }

    private static int recurse(int depth) {
      return recurse(depth + 1) + 1;
    }
  }

  /** Throws a checked exception from a method that does not declare one, as Kotlin or Groovy code can. */
  @SuppressWarnings("unchecked")
  static <E extends Throwable> RuntimeException sneaky(Throwable t) throws E {
    throw (E) t;
  }

  static final class FaultyStopCondition implements StopCondition {
    private final Injector injector;

    FaultyStopCondition(Injector injector) {
      this.injector = injector;
    }

    @Override
    public String id() {
      return "fault.stop";
    }

    @Override
    public StopResult check(StopContext context) throws Exception {
      if (!injector.armedFor(Plug.STOP_CONDITION)) {
        return StopResult.pass();
      }
      injector.fire();
      return switch (injector.cell.fault()) {
        case RETURNS_NULL -> null;
        // Garbage: a hit that asks for ALLOW. The record refuses to exist, so the condition throws.
        case RETURNS_GARBAGE -> new StopResult(true, Verdict.ALLOW, "fired, and allows", null);
        default -> throw new AssertionError("unreachable: " + injector.cell);
      };
    }
  }

  static final class FaultyListener implements DecisionListener {
    private final Injector injector;

    FaultyListener(Injector injector) {
      this.injector = injector;
    }

    private void maybeFail() {
      if (injector.armedFor(Plug.DECISION_LISTENER)) {
        injector.fireUnchecked(e -> new IllegalStateException("listener interrupted", e));
      }
    }

    @Override
    public void decisionStart(Action action) {
      maybeFail();
    }

    @Override
    public void decisionEnd(Action action, Decision decision) {
      if (injector.cell.fault() != Fault.HANG) { // one hang per decision is enough
        maybeFail();
      }
    }
  }

  static final class FaultyApprovalHandler implements ApprovalHandler {
    private final Injector injector;

    FaultyApprovalHandler(Injector injector) {
      this.injector = injector;
    }

    @Override
    public Approval requestApproval(ApprovalRequest request) throws Exception {
      if (!injector.armedFor(Plug.APPROVAL_HANDLER)) {
        return Approval.approveOnce("alice", "looks fine");
      }
      injector.fire();
      return switch (injector.cell.fault()) {
        case RETURNS_NULL -> null;
        // Garbage: a well-formed approval that covers another run than the action's.
        case RETURNS_GARBAGE -> Approval.approve("alice", GrantScope.task("another-run"), "approved, somewhere");
        default -> throw new AssertionError("unreachable: " + injector.cell);
      };
    }
  }

  /** A real hash-chained file behind a sink that can fail; counts what the file acknowledged. */
  static final class FaultySink implements AuditSink {
    private final Injector injector;
    final JsonLinesAuditSink file;
    final ConcurrentLinkedQueue<AuditEntry> acknowledged = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<AuditEntry> acknowledgedWhileArmed = new ConcurrentLinkedQueue<>();

    FaultySink(Injector injector, JsonLinesAuditSink file) {
      this.injector = injector;
      this.file = file;
    }

    @Override
    public void append(AuditEntry entry) {
      if (injector.armedFor(Plug.AUDIT_SINK)) {
        injector.fireUnchecked(e -> new AuditException(AuditException.Failure.IO_ERROR,
            "interrupted while writing the audit record", e));
      }
      file.append(entry);
      acknowledged.add(entry);
      if (injector.armed) {
        acknowledgedWhileArmed.add(entry);
      }
    }

    @Override
    public void flush() {
      file.flush();
    }

    @Override
    public void close() {
      file.close();
    }
  }

  static final AgentKey OTHER = AgentKey.of("ops-bot", "incidents");

  static final class FaultyStore implements LedgerStore {
    private final Injector injector;
    final InMemoryLedgerStore real = new InMemoryLedgerStore();

    FaultyStore(Injector injector) {
      this.injector = injector;
    }

    @Override
    public List<PairState> loadAll() {
      return real.loadAll();
    }

    @Override
    @SuppressWarnings("NullAway") // returning null is the fault
    public Optional<PairState> load(AgentKey key) {
      if (injector.armedFor(Plug.LEDGER_STORE)) {
        return switch (injector.cell.fault()) {
          case RETURNS_NULL -> null;
          case RETURNS_GARBAGE -> real.load(OTHER); // a query that returns the wrong row
          default -> real.load(key);
        };
      }
      return real.load(key);
    }

    @Override
    public boolean save(PairState state) {
      if (injector.armedFor(Plug.LEDGER_STORE)) {
        injector.fireUnchecked(e -> new LedgerStoreException("interrupted while saving " + state.key(), e));
        if (injector.cell.fault() == Fault.RETURNS_NULL || injector.cell.fault() == Fault.RETURNS_GARBAGE) {
          return false; // "another writer got there first": the ledger asks load() for the pair
        }
      }
      return real.save(state);
    }
  }

  static final class FaultyClock implements InstantSource {
    private final Injector injector;
    private final Instant now = Instant.parse("2026-11-24T10:00:00Z");

    FaultyClock(Injector injector) {
      this.injector = injector;
    }

    @Override
    @SuppressWarnings("NullAway") // returning null is the fault
    public Instant instant() {
      if (injector.armedFor(Plug.CLOCK)) {
        injector.fireUnchecked(e -> new IllegalStateException("clock interrupted", e));
        if (injector.cell.fault() == Fault.RETURNS_NULL) {
          return null;
        }
      }
      return now;
    }
  }

  // ---- the engine ----------------------------------------------------------------------------------

  static Policy policy(StopCondition custom) {
    return Policy.builder().name("faults").version("faults-1")
        .capability("code.read", "draft", EffectClass.READ)
        .capability("workspace.write", "sandbox", EffectClass.SANDBOXED)
        .tool(ToolMapping.tool("read_file").capability("code.read").readPath("/path").build())
        .tool(ToolMapping.tool("write_file").capability("workspace.write").writePath("/path").build())
        .stopCondition(StopConditionSpec.sensitivePaths("stop.secrets", Verdict.HALT, ".env"))
        .stopCondition(new StopConditionSpec.SensitivePaths("stop.infra", Verdict.ESCALATE, Scope.all(),
            List.of("infra/"), Access.WRITE))
        .stopCondition(StopConditionSpec.custom(custom))
        .build();
  }

  static Action read(String path) {
    return Action.builder().key(BOT).runId("run-1").tool("read_file").arguments(Map.of("path", path)).build();
  }

  static Action write(String path) {
    return Action.builder().key(BOT).runId("run-1").tool("write_file").arguments(Map.of("path", path)).build();
  }

  static final Action UNMAPPED = Action.builder().key(BOT).runId("run-1").tool("drop_database").build();

  /** The probe a plug-in is exercised by, and its healthy verdict. */
  static Action probe(Plug plug) {
    return switch (plug) {
      case APPROVAL_HANDLER -> write("infra/main.tf"); // escalates, and the healthy handler approves it
      case LEDGER_STORE -> read(".env"); // halts, which saves the pair
      default -> read("src/A.java");
    };
  }

  static Verdict healthy(Plug plug) {
    return plug == Plug.LEDGER_STORE ? Verdict.HALT : Verdict.ALLOW;
  }

  /** What deciding did: a decision or a throwable, and the thread's interrupt status after. */
  record Outcome(@Nullable Decision decision, @Nullable Throwable thrown, boolean interruptedAfter) {}

  /**
   * Decides on a thread of its own, so that a hang can be ended by interrupting it; waits at most
   * {@value #WAIT_SECONDS} s for anything (a deadlock fails the test rather than hanging the build).
   */
  static Outcome decide(PolicyEngine engine, Action action, @Nullable Injector hangToInterrupt) throws Exception {
    AtomicReference<Outcome> out = new AtomicReference<>();
    Thread decider = new Thread(() -> {
      Decision d = null;
      Throwable t = null;
      try {
        d = engine.decide(action);
      } catch (Throwable e) { // the test must see whatever decide() lets out, Errors included
        t = e;
      }
      out.set(new Outcome(d, t, Thread.currentThread().isInterrupted()));
    }, "fault-matrix-decider");
    decider.start();
    if (hangToInterrupt != null) {
      assertThat(hangToInterrupt.entered.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("the plug-in started to hang").isTrue();
      decider.interrupt();
    }
    decider.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
    assertThat(decider.isAlive()).as("decide() returned within %s s", WAIT_SECONDS).isFalse();
    return out.get();
  }

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @MethodSource("matrix")
  void faultNeverEndsInAllowAndNeverLosesAnAcknowledgedRecord(Cell cell) throws Exception {
    Injector injector = new Injector(cell);
    Path log = dir.resolve("audit.jsonl");
    FaultySink sink = new FaultySink(injector, AuditLogs.jsonLines(log, AuditDurability.SYNC));
    FaultyStore store = new FaultyStore(injector);
    FaultyClock clock = new FaultyClock(injector);
    Policy policy = policy(new FaultyStopCondition(injector));
    LedgerLaneDirectory ledger = LedgerLaneDirectory.builder().policy(policy).clock(clock).store(store).build();
    Action probe = probe(cell.plug());
    try (PolicyEngine engine = PolicyEngine.builder().policy(policy).clock(clock).workspace(WORKSPACE)
        .laneDirectory(ledger).auditSink(sink).listener(new FaultyListener(injector))
        .approvalHandler(new FaultyApprovalHandler(injector))
        .approvalTimeout(cell.plug() == Plug.APPROVAL_HANDLER && cell.fault() == Fault.HANG
            ? HANG_TIMEOUT : Duration.ofSeconds(WAIT_SECONDS))
        .build()) {
      ledger.assign(BOT, Lane.SANDBOX, "admin", "fault matrix");
      ledger.assign(OTHER, Lane.PRODUCTION, "admin", "the row a garbled store answers with");
      // The unmapped tool is denied whatever happens; a listener must leave that DENY alone too.
      Decision unmappedBefore = engine.decide(UNMAPPED);
      assertThat(unmappedBefore.verdict()).isEqualTo(Verdict.DENY);

      injector.armed = true;
      if (cell.expect() != Expect.UNCHANGED && cell.fault() != Fault.HANG && cell.plug() != Plug.LEDGER_STORE) {
        // Through the guard the integrations use: the tool never runs, whether the engine denies or throws.
        java.util.concurrent.atomic.AtomicBoolean ran = new java.util.concurrent.atomic.AtomicBoolean();
        try {
          ToolOutcome<String> guarded = ToolGuard.of(engine).call(probe, () -> {
            ran.set(true);
            return "ran";
          });
          assertThat(guarded).isInstanceOf(ToolOutcome.Refused.class);
        } catch (Error e) {
          assertThat(cell.expect()).as("only an injected Error escapes the guard").isEqualTo(Expect.ERROR_PROPAGATES);
        }
        if (ran.get()) {
          WRONG_ALLOWS.incrementAndGet();
        }
        assertThat(ran).as("the tool ran under %s", cell).isFalse();
      }
      boolean interruptsHang = cell.fault() == Fault.HANG && cell.plug() != Plug.APPROVAL_HANDLER;
      Outcome o = decide(engine, probe, interruptsHang ? injector : null);
      Outcome unmapped = cell.plug() == Plug.DECISION_LISTENER && !cell.fault().isError() && cell.fault() != Fault.HANG
          ? decide(engine, UNMAPPED, null) : null;
      injector.armed = false;
      CELLS.incrementAndGet();
      PLUGS.add(cell.plug());
      INJECTED.addAndGet(injector.fired.get());
      assertThat(injector.fired.get()).as("the fault was injected").isPositive();

      Decision d = o.decision();
      if (d != null && d.verdict() == Verdict.ALLOW && cell.expect() != Expect.UNCHANGED) {
        WRONG_ALLOWS.incrementAndGet();
      }
      switch (cell.expect()) {
        case DENY -> {
          assertThat(o.thrown()).as("decide() threw").isNull();
          assertThat(d).isNotNull();
          assertThat(d.verdict()).as("%s", d).isEqualTo(Verdict.DENY);
          assertThat(d.reasons()).as("a reason names the fault").anySatisfy(r ->
              assertThat(r.message() + " [" + r.ruleId() + "]").contains(cell.names()));
          DENIED.incrementAndGet();
        }
        case UNCHANGED -> {
          assertThat(o.thrown()).as("decide() threw").isNull();
          assertThat(d).isNotNull();
          assertThat(d.verdict()).as("a listener cannot change a decision").isEqualTo(healthy(cell.plug()));
          if (unmapped != null) {
            assertThat(unmapped.decision()).isNotNull();
            assertThat(unmapped.decision().verdict()).isEqualTo(Verdict.DENY);
            assertThat(unmapped.decision().reasons()).extracting(Reason::code)
                .isEqualTo(unmappedBefore.reasons().stream().map(Reason::code).toList());
          }
          UNCHANGED.incrementAndGet();
        }
        case ERROR_PROPAGATES -> {
          assertThat(d).as("no decision").isNull();
          assertThat(o.thrown()).as("the very Error injected").isSameAs(injector.thrown.get());
          PROPAGATED.incrementAndGet();
        }
      }
      if (cell.fault() == Fault.HANG) {
        if (cell.plug() == Plug.APPROVAL_HANDLER) {
          assertThat(injector.interrupted.await(WAIT_SECONDS, TimeUnit.SECONDS))
              .as("the engine interrupted the hanging handler when it gave up").isTrue();
        } else {
          assertThat(o.interruptedAfter()).as("the caller's interrupt status survives the decision").isTrue();
        }
      }
      if (cell.plug() == Plug.APPROVAL_HANDLER) {
        assertThat(engine.grants().list()).as("no grant outlives a failed approval").isEmpty();
      }
      if (cell.plug() == Plug.LEDGER_STORE) {
        // The halt latched although the store failed: the pair's next innocuous action halts too.
        Decision next = engine.decide(read("src/A.java"));
        if (next.verdict() == Verdict.ALLOW) {
          WRONG_ALLOWS.incrementAndGet();
        }
        assertThat(next.verdict()).as("the halt latched").isEqualTo(Verdict.HALT);
        assertThat(engine.lanes().status(BOT).lane()).as("the pair's lane").isEqualTo(Lane.SANDBOX);
        assertThat(engine.lanes().reset(BOT, "alice")).isTrue();
      }

      // Recovered: the fault is gone, the engine decides the probe as a healthy one does.
      if (!(cell.plug() == Plug.APPROVAL_HANDLER && cell.fault() == Fault.HANG)) {
        Decision again = engine.decide(cell.plug() == Plug.LEDGER_STORE ? read("src/A.java") : probe);
        assertThat(again.verdict()).as("after the fault: %s", again).isEqualTo(Verdict.ALLOW);
      }
    }

    // The audit file: every acknowledged record, in order, chain intact; no ALLOW recorded under the fault
    // (but the listener's, whose decision is the healthy one).
    List<AuditRecord> records = new ArrayList<>();
    AuditLogs.read(log, records::add);
    AuditVerification v = AuditLogs.verify(log);
    List<AuditEntry> acked = List.copyOf(sink.acknowledged);
    RECORDS_ACKNOWLEDGED.addAndGet(acked.size());
    int missing = Math.max(0, acked.size() - records.size());
    RECORDS_LOST.addAndGet(missing);
    assertThat(v.ok()).as("%s", v.problem()).isTrue();
    assertThat(records).extracting(AuditRecord::detail).containsExactlyElementsOf(acked.stream().map(AuditEntry::detail).toList());
    if (cell.expect() != Expect.UNCHANGED) {
      assertThat(sink.acknowledgedWhileArmed).as("records written under the fault")
          .noneMatch(e -> e.kind() == AuditRecord.Kind.DECISION && e.verdict() == Verdict.ALLOW);
    }
  }

  /** The matrix covers every plug-in point, and leaves out only what a plug-in cannot do. */
  @org.junit.jupiter.api.Test
  void matrixCoversEveryPlugInPoint() {
    List<Cell> cells = cells();
    assertThat(cells).extracting(Cell::plug).containsAll(EnumSet.allOf(Plug.class));
    assertThat(cells).hasSize(37);
  }
}
