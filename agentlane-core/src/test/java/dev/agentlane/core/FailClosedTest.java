package dev.agentlane.core;

import static dev.agentlane.core.EngineFixture.BOT;
import static dev.agentlane.core.EngineFixture.engine;
import static dev.agentlane.core.EngineFixture.put;
import static dev.agentlane.core.EngineFixture.read;
import static dev.agentlane.core.EngineFixture.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentlane.Action;
import dev.agentlane.AgentKey;
import dev.agentlane.Decision;
import dev.agentlane.Lane;
import dev.agentlane.LaneDirectory;
import dev.agentlane.LaneStatus;
import dev.agentlane.PolicyEngine;
import dev.agentlane.ReasonCode;
import dev.agentlane.Verdict;
import dev.agentlane.policy.StopConditionSpec;
import dev.agentlane.spi.DecisionListener;
import dev.agentlane.spi.StopCondition;
import dev.agentlane.spi.StopContext;
import dev.agentlane.spi.StopResult;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Injected faults anywhere in evaluation end in DENY, never ALLOW. */
class FailClosedTest {
  private final MutableClock clock = MutableClock.startingAt("2026-11-24T10:00:00Z");

  private static StopCondition condition(String id, Function<StopContext, StopResult> body) {
    return new StopCondition() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public StopResult check(StopContext context) {
        return body.apply(context);
      }
    };
  }

  static Stream<Arguments> brokenConditions() {
    StopCondition checked = new StopCondition() {
      @Override
      public String id() {
        return "broken.checked";
      }

      @Override
      public StopResult check(StopContext context) throws IOException {
        throw new IOException("disk gone");
      }
    };
    return Stream.of(
        Arguments.of("throws unchecked", condition("broken.unchecked", c -> {
          throw new IllegalStateException("boom");
        })),
        Arguments.of("throws checked", checked),
        Arguments.of("returns null", condition("broken.null", c -> null)),
        Arguments.of("reads a missing field", condition("broken.npe", c -> {
          String s = c.action().runId();
          return s.isEmpty() ? StopResult.pass() : StopResult.pass();
        })));
  }

  @ParameterizedTest(name = "a stop condition that {0} denies")
  @MethodSource("brokenConditions")
  void brokenStopConditionDeniesAnOtherwiseAllowedAction(String what, StopCondition broken) {
    try (PolicyEngine engine = engine(TestPolicies.builder().stopCondition(StopConditionSpec.custom(broken)).build(), clock).build()) {
      Decision d = engine.decide(read("src/A.java"));
      assertThat(d.verdict()).isEqualTo(Verdict.DENY);
      assertThat(d.hasReason(ReasonCode.INTERNAL_ERROR)).isTrue();
      assertThat(d.reasons()).anySatisfy(r -> assertThat(r.ruleId()).isEqualTo(broken.id()));
    }
  }

  @Test
  void throwingListenersCannotChangeADecision() {
    DecisionListener hostile = new DecisionListener() {
      @Override
      public void decisionStart(Action action) {
        throw new IllegalStateException("start");
      }

      @Override
      public void decisionEnd(Action action, Decision decision) {
        throw new IllegalStateException("end");
      }
    };
    try (PolicyEngine engine = engine(TestPolicies.realistic(), clock).listener(hostile).build()) {
      assertThat(engine.decide(read("src/A.java")).verdict()).isEqualTo(Verdict.ALLOW);
      assertThat(engine.decide(read("../x")).verdict()).isEqualTo(Verdict.DENY);
    }
  }

  @Test
  void failingLaneDirectoryDeniesAndTellsListeners() {
    LaneDirectory broken = new LaneDirectory() {
      @Override
      public LaneStatus status(AgentKey key) {
        throw new IllegalStateException("database down");
      }

      @Override
      public List<LaneStatus> all() {
        return List.of();
      }

      @Override
      public void assign(AgentKey key, Lane lane, String by, String note) {}

      @Override
      public void halt(AgentKey key, String reason, String by) {}

      @Override
      public boolean reset(AgentKey key, String by) {
        return false;
      }
    };
    AtomicReference<Throwable> failure = new AtomicReference<>();
    try (PolicyEngine engine = engine(TestPolicies.realistic(), clock).laneDirectory(broken)
        .listener(new DecisionListener() {
          @Override
          public void decisionFailed(Action action, Throwable t) {
            failure.set(t);
          }
        }).build()) {
      Decision d = engine.decide(read("src/A.java"));
      assertThat(d.verdict()).isEqualTo(Verdict.DENY);
      assertThat(d.hasReason(ReasonCode.INTERNAL_ERROR)).isTrue();
      assertThat(d.reasons().get(0).message()).contains("database down");
      assertThat(failure.get()).hasMessage("database down");
    }
  }

  @Test
  void throwingApprovalHandlerDenies() {
    try (PolicyEngine engine = engine(TestPolicies.realistic(), clock)
        .approvalHandler(req -> {
          throw new IllegalStateException("slack is down");
        }).build()) {
      put(engine, BOT, Lane.SANDBOX);
      Decision d = engine.decide(write("infra/main.tf"));
      assertThat(d.verdict()).isEqualTo(Verdict.DENY);
      assertThat(d.hasReason(ReasonCode.APPROVAL_TIMEOUT)).isTrue();
    }
  }

  /** A clock that throws or returns null once the engine is built. */
  private static final class BreakableClock implements java.time.InstantSource {
    volatile @org.jspecify.annotations.Nullable RuntimeException failure;
    volatile boolean returnsNull;

    @Override
    public java.time.Instant instant() {
      RuntimeException f = failure;
      if (f != null) {
        throw f;
      }
      return returnsNull ? null : java.time.Instant.parse("2026-11-24T10:00:00Z");
    }
  }

  @Test
  void throwingClockDeniesInsteadOfThrowingFromDecide() {
    BreakableClock broken = new BreakableClock();
    try (PolicyEngine engine = PolicyEngine.builder().policy(TestPolicies.realistic()).clock(broken)
        .workspace(TestPolicies.WORKSPACE).build()) {
      broken.failure = new IllegalStateException("time service down");
      Decision d = engine.decide(read("src/A.java"));
      assertThat(d.verdict()).isEqualTo(Verdict.DENY);
      assertThat(d.hasReason(ReasonCode.INTERNAL_ERROR)).isTrue();
      assertThat(d.reasons().get(0).message()).contains("time service down");
    }
  }

  @Test
  void clockReturningNullDeniesInsteadOfThrowingFromDecide() {
    BreakableClock broken = new BreakableClock();
    try (PolicyEngine engine = PolicyEngine.builder().policy(TestPolicies.realistic()).clock(broken)
        .workspace(TestPolicies.WORKSPACE).build()) {
      broken.returnsNull = true;
      Decision d = engine.decide(read("src/A.java"));
      assertThat(d.verdict()).isEqualTo(Verdict.DENY);
      assertThat(d.reasons().get(0).message()).contains("clock returned no time");
    }
  }

  /** Throws a checked exception from a method that does not declare it, as Kotlin or Groovy code can. */
  @SuppressWarnings("unchecked")
  private static <E extends Throwable> RuntimeException sneaky(Throwable t) throws E {
    throw (E) t;
  }

  @Test
  void checkedExceptionFromAListenerCannotEscapeDecide() {
    DecisionListener kotlinStyle = new DecisionListener() {
      @Override
      public void decisionStart(Action action) {
        throw sneaky(new IOException("metrics socket closed"));
      }
    };
    try (PolicyEngine engine = engine(TestPolicies.realistic(), clock).listener(kotlinStyle).build()) {
      assertThat(engine.decide(read("src/A.java")).verdict()).isEqualTo(Verdict.ALLOW);
      assertThat(engine.decide(read("../x")).verdict()).isEqualTo(Verdict.DENY);
    }
  }

  @Test
  void checkedExceptionFromAnAuditSinkDenies() {
    dev.agentlane.spi.AuditSink kotlinStyle = new dev.agentlane.spi.AuditSink() {
      @Override
      public void append(dev.agentlane.AuditEntry entry) {
        throw sneaky(new IOException("No space left on device"));
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    try (PolicyEngine engine = engine(TestPolicies.realistic(), clock).auditSink(kotlinStyle).build()) {
      Decision d = engine.decide(read("src/A.java"));
      assertThat(d.verdict()).isEqualTo(Verdict.DENY);
      assertThat(d.reasons().get(0).message()).contains("IOException: No space left on device");
    }
  }

  @Test
  void interruptedStopConditionDeniesAndKeepsTheInterrupt() throws Exception {
    java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
    StopCondition hanging = new StopCondition() {
      @Override
      public String id() {
        return "hangs.until-interrupted";
      }

      @Override
      public StopResult check(StopContext context) throws InterruptedException {
        entered.countDown();
        new java.util.concurrent.CountDownLatch(1).await();
        return StopResult.pass();
      }
    };
    try (PolicyEngine engine = engine(TestPolicies.builder().stopCondition(StopConditionSpec.custom(hanging)).build(), clock)
        .build()) {
      AtomicReference<Decision> decision = new AtomicReference<>();
      AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
      Thread decider = new Thread(() -> {
        decision.set(engine.decide(read("src/A.java")));
        stillInterrupted.set(Thread.currentThread().isInterrupted());
      });
      decider.start();
      entered.await();
      decider.interrupt();
      decider.join(60_000);
      assertThat(decider.isAlive()).as("the decider finished").isFalse();
      assertThat(decision.get().verdict()).isEqualTo(Verdict.DENY);
      assertThat(decision.get().reasons().get(0).ruleId()).isEqualTo("hangs.until-interrupted");
      assertThat(stillInterrupted.get()).as("the thread's interrupt status survives the decision").isTrue();
    }
  }

  /** A ledger store whose saves fail with {@code failure} once {@code broken} is set. */
  private static dev.agentlane.promotion.LedgerStore failingStore(java.util.concurrent.atomic.AtomicBoolean broken,
      Throwable failure) {
    dev.agentlane.core.promotion.InMemoryLedgerStore real = new dev.agentlane.core.promotion.InMemoryLedgerStore();
    return new dev.agentlane.promotion.LedgerStore() {
      @Override
      public List<dev.agentlane.promotion.PairState> loadAll() {
        return real.loadAll();
      }

      @Override
      public java.util.Optional<dev.agentlane.promotion.PairState> load(AgentKey key) {
        return real.load(key);
      }

      @Override
      public boolean save(dev.agentlane.promotion.PairState state) {
        if (broken.get()) {
          throw sneaky(failure);
        }
        return real.save(state);
      }
    };
  }

  static Stream<Arguments> storeFailures() {
    return Stream.of(Arguments.of(new dev.agentlane.promotion.LedgerStoreException("No space left on device")),
        Arguments.of(new IOException("No space left on device")),
        Arguments.of(new StackOverflowError("deep inside the store's driver")));
  }

  /**
   * The engine records a stop-condition hit in the ledger before it halts the pair; a store that failed
   * there with a checked exception or an Error used to skip the halt, so the pair's next action was allowed.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("storeFailures")
  void haltLatchesWhenRecordingTheStopConditionHitFails(Throwable failure) {
    java.util.concurrent.atomic.AtomicBoolean broken = new java.util.concurrent.atomic.AtomicBoolean();
    dev.agentlane.core.promotion.LedgerLaneDirectory ledger = dev.agentlane.core.promotion.LedgerLaneDirectory.builder()
        .policy(TestPolicies.realistic()).clock(clock).store(failingStore(broken, failure)).build();
    try (PolicyEngine engine = engine(TestPolicies.realistic(), clock).laneDirectory(ledger).build()) {
      put(engine, BOT, Lane.SANDBOX);
      broken.set(true);
      try {
        Decision d = engine.decide(read(".env"));
        assertThat(d.verdict()).isNotEqualTo(Verdict.ALLOW);
      } catch (Error e) {
        assertThat(e).isSameAs(failure); // errors are not caught: no decision, nothing runs
      }
      broken.set(false);
      assertThat(engine.decide(read("src/A.java")).verdict()).as("the halt latched").isEqualTo(Verdict.HALT);
    }
  }

  @Test
  void closedEngineStillDecidesButNeverApproves() {
    PolicyEngine engine = engine(TestPolicies.realistic(), clock)
        .approvalHandler(req -> dev.agentlane.spi.Approval.approveOnce("alice", "ok")).build();
    put(engine, BOT, Lane.SANDBOX);
    engine.close();
    assertThat(engine.decide(write("infra/main.tf")).verdict()).isEqualTo(Verdict.ESCALATE);
    assertThat(engine.decide(read("src/A.java")).verdict()).isEqualTo(Verdict.ALLOW);
  }
}
