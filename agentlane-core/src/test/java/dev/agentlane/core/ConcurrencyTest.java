package dev.agentlane.core;

import static dev.agentlane.core.EngineFixture.BOT;
import static dev.agentlane.core.EngineFixture.engine;
import static dev.agentlane.core.EngineFixture.put;
import static dev.agentlane.core.EngineFixture.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentlane.Action;
import dev.agentlane.AgentKey;
import dev.agentlane.Decision;
import dev.agentlane.EffectClass;
import dev.agentlane.Evidence;
import dev.agentlane.GrantScope;
import dev.agentlane.Lane;
import dev.agentlane.PolicyEngine;
import dev.agentlane.ReasonCode;
import dev.agentlane.Verdict;
import dev.agentlane.policy.Budget;
import dev.agentlane.policy.Per;
import dev.agentlane.policy.Policy;
import dev.agentlane.policy.Scope;
import dev.agentlane.policy.ToolMapping;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Many threads deciding while budgets and grants are consumed and the policy is swapped: no
 * over-allow, no torn policy. All threads start together behind a latch; no retries.
 */
class ConcurrencyTest {
  private static final int THREADS = 8;
  private static final int CALLS_PER_THREAD = 400;
  private final MutableClock clock = MutableClock.startingAt("2026-11-24T10:00:00Z");

  /** Policy A maps the tool {@code probe}; policy B does not. Both share the budget rule. */
  private static Policy version(String version, boolean mapsProbe, long budget) {
    Policy.Builder b = TestPolicies.builder().version(version)
        .budget(new Budget("budget.writes", Scope.capabilities("workspace.write"), budget, Duration.ofDays(1), Per.PAIR));
    if (mapsProbe) {
      b.capability("probe.read", "draft", EffectClass.READ)
          .tool(ToolMapping.tool("probe").capability("probe.read").build());
    }
    return b.build();
  }

  private static <T> List<T> runTogether(int threads, java.util.concurrent.Callable<T> body) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch ready = new CountDownLatch(threads);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<T>> futures = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      futures.add(pool.submit(() -> {
        ready.countDown();
        go.await();
        return body.call();
      }));
    }
    ready.await();
    go.countDown();
    List<T> out = new ArrayList<>();
    for (Future<T> f : futures) {
      out.add(f.get(60, TimeUnit.SECONDS));
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    return out;
  }

  @Test
  void decisionIdsAreUniqueAcrossThreadsAndIncreaseWithinOne() throws Exception {
    try (PolicyEngine engine = engine(TestPolicies.realistic(), clock).build()) {
      put(engine, BOT, Lane.SANDBOX);
      Action read = EngineFixture.read("src/A.java");
      List<List<String>> perThread = runTogether(THREADS, () -> {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3000; i++) { // more than one block of numbers per thread
          ids.add(engine.decide(read).id());
        }
        return ids;
      });
      List<String> all = new ArrayList<>();
      for (List<String> ids : perThread) {
        List<Long> numbers = ids.stream().map(id -> Long.parseLong(id.substring(id.lastIndexOf('-') + 1))).toList();
        assertThat(numbers).as("within a thread").isSorted().doesNotHaveDuplicates();
        all.addAll(ids);
      }
      assertThat(all).hasSize(THREADS * 3000).doesNotHaveDuplicates().allMatch(id -> id.startsWith("d-"));
    }
  }

  @Test
  void budgetIsExactUnderContentionWhilePoliciesSwap() throws Exception {
    long limit = 137;
    Policy a = version("A", true, limit);
    Policy b = version("B", false, limit);
    try (PolicyEngine engine = engine(a, clock).build()) {
      put(engine, BOT, Lane.SANDBOX);
      ConcurrentLinkedQueue<String> torn = new ConcurrentLinkedQueue<>();
      AtomicBoolean stop = new AtomicBoolean();
      Thread swapper = new Thread(() -> {
        boolean flip = false;
        while (!stop.get()) {
          engine.update(flip ? a : b);
          flip = !flip;
        }
      });
      swapper.start();
      List<Integer> allowed = runTogether(THREADS, () -> {
        int ok = 0;
        for (int i = 0; i < CALLS_PER_THREAD; i++) {
          Decision w = engine.decide(write("src/F" + (i % 7) + ".java"));
          if (w.verdict() == Verdict.ALLOW) {
            ok++;
          } else if (!w.hasReason(ReasonCode.BUDGET_EXHAUSTED)) {
            torn.add("write denied for another reason: " + w);
          }
          Decision p = engine.decide(Action.builder().key(BOT).tool("probe").build());
          boolean consistent = p.policyVersion().equals("A")
              ? p.verdict() == Verdict.ALLOW
              : p.verdict() == Verdict.DENY && p.hasReason(ReasonCode.UNMAPPED_TOOL);
          if (!consistent) {
            torn.add("torn: " + p);
          }
        }
        return ok;
      });
      stop.set(true);
      swapper.join();
      assertThat(torn).isEmpty();
      assertThat(allowed.stream().mapToInt(Integer::intValue).sum()).isEqualTo((int) limit);
    }
  }

  @Test
  void callsGrantIsConsumedExactlyNTimes() throws Exception {
    try (PolicyEngine engine = engine(TestPolicies.realistic(), clock).build()) {
      put(engine, BOT, Lane.SANDBOX);
      engine.grants().issue(write("infra/a.tf"), GrantScope.calls(50), "alice", "bulk fmt");
      List<Integer> allowed = runTogether(THREADS, () -> {
        int ok = 0;
        for (int i = 0; i < 100; i++) {
          if (engine.decide(write("infra/f" + i + ".tf")).verdict() == Verdict.ALLOW) {
            ok++;
          }
        }
        return ok;
      });
      assertThat(allowed.stream().mapToInt(Integer::intValue).sum()).isEqualTo(50);
    }
  }

  @Test
  void haltLatchesExactlyOnceUnderRacingHits() throws Exception {
    ConcurrentLinkedQueue<AgentKey> halted = new ConcurrentLinkedQueue<>();
    try (PolicyEngine engine = engine(TestPolicies.realistic(), clock)
        .listener(new dev.agentlane.spi.DecisionListener() {
          @Override
          public void halted(AgentKey key, String reason, String by) {
            halted.add(key);
          }
        }).build()) {
      List<Long> halts = runTogether(THREADS, () -> {
        long n = 0;
        for (int i = 0; i < 50; i++) {
          Decision d = engine.decide(Action.builder().key(BOT).tool("read_file").arguments(Map.of("path", ".env")).build());
          if (d.verdict() == Verdict.HALT) {
            n++;
          }
        }
        return n;
      });
      assertThat(halts.stream().mapToLong(Long::longValue).sum()).isEqualTo(THREADS * 50L);
      assertThat(halted).containsExactly(BOT);
    }
  }

  @Test
  void evidenceIsNotSharedBetweenThreads() throws Exception {
    try (PolicyEngine engine = engine(TestPolicies.realistic(), clock).build()) {
      put(engine, BOT, Lane.GOVERNED);
      Evidence good = Evidence.builder().test("t", 5, 0).filesTouched("a").assumption("x").build();
      Evidence bad = Evidence.builder().test("t", 4, 1).filesTouched("a").assumption("x").build();
      List<Boolean> ok = runTogether(THREADS, () -> {
        for (int i = 0; i < 300; i++) {
          boolean pass = (i + Thread.currentThread().getId()) % 2 == 0;
          Decision d = engine.decide(Action.builder().key(BOT).tool("open_pr").arguments(Map.of("branch", "b" + i))
              .evidence(pass ? good : bad).build());
          if ((d.verdict() == Verdict.ALLOW) != pass) {
            return false;
          }
        }
        return true;
      });
      assertThat(ok).containsOnly(true);
    }
  }
}
