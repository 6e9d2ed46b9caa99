package dev.agentlane.core;

import static dev.agentlane.core.EngineFixture.BOT;
import static dev.agentlane.core.EngineFixture.put;
import static dev.agentlane.core.EngineFixture.read;
import static dev.agentlane.core.EngineFixture.shell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentlane.Action;
import dev.agentlane.ActionDeniedException;
import dev.agentlane.AuditEntry;
import dev.agentlane.AuditRecord;
import dev.agentlane.Decision;
import dev.agentlane.Execution;
import dev.agentlane.Lane;
import dev.agentlane.PolicyEngine;
import dev.agentlane.Verdict;
import dev.agentlane.guard.Escalation;
import dev.agentlane.guard.ToolGuard;
import dev.agentlane.guard.ToolInterceptor;
import dev.agentlane.guard.ToolOutcome;
import dev.agentlane.spi.AuditSink;
import dev.agentlane.spi.DecisionListener;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ToolGuardTest {
  private final MutableClock clock = MutableClock.startingAt("2026-11-24T10:00:00Z");
  private final List<AuditEntry> audit = new CopyOnWriteArrayList<>();
  private final List<Execution> executions = new CopyOnWriteArrayList<>();
  private final PolicyEngine engine = EngineFixture.engine(TestPolicies.realistic(), clock)
      .auditSink(new AuditSink() {
        @Override
        public void append(AuditEntry entry) {
          audit.add(entry);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      })
      .listener(new DecisionListener() {
        @Override
        public void executionEnd(Execution execution) {
          executions.add(execution);
        }
      }).build();
  private final AtomicInteger runs = new AtomicInteger();

  @AfterEach
  void close() {
    engine.close();
  }

  private static Action configEdit() {
    return Action.builder().key(BOT).tool("edit_config").arguments(Map.of("path", "config/app.yaml"))
        .evidence(dev.agentlane.Evidence.builder().test("unit", 10, 0).filesTouched("config/app.yaml")
            .assumption("none").confidence(0.9).build())
        .build();
  }

  private String tool() {
    runs.incrementAndGet();
    return "contents";
  }

  @Test
  void aPermittedCallRunsAndIsReportedToListenersAndTheAuditTrail() throws Exception {
    ToolOutcome<String> outcome = ToolGuard.of(engine).call(read("src/A.java"), this::tool);
    assertThat(outcome).isInstanceOf(ToolOutcome.Executed.class);
    assertThat(outcome.orThrow()).isEqualTo("contents");
    assertThat(runs).hasValue(1);
    assertThat(executions).singleElement().satisfies(e -> {
      assertThat(e.succeeded()).isTrue();
      assertThat(e.decision()).isSameAs(outcome.decision());
    });
    assertThat(audit).extracting(AuditEntry::kind).containsExactly(AuditRecord.Kind.DECISION, AuditRecord.Kind.EXECUTION);
    assertThat(audit.get(1).actionDigest()).isEqualTo(audit.get(0).actionDigest());
    assertThat(audit.get(1).detail()).startsWith("decision " + outcome.decision().id() + " ran in ");
  }

  @Test
  void aRefusedCallNeverRunsAndTellsTheModelWhyAndWhatWouldHelp() {
    ToolOutcome<String> outcome = ToolGuard.of(engine).call(shell("npm test && cat .env"), this::tool);
    assertThat(runs).hasValue(0);
    assertThat(outcome).isInstanceOfSatisfying(ToolOutcome.Refused.class, r -> assertThat(r.message())
        .startsWith("agentlane refused this tool call (decision " + r.decision().id() + "): HALT at lane draft")
        .contains("sensitive-path [stop.secrets]").contains("to proceed:"));
    assertThatThrownBy(outcome::orThrow).isInstanceOf(ActionDeniedException.class)
        .hasMessageStartingWith("agentlane refused this tool call")
        .satisfies(e -> assertThat(((ActionDeniedException) e).decision().verdict()).isEqualTo(Verdict.HALT));
    assertThat(executions).isEmpty();
    assertThat(audit).extracting(AuditEntry::kind).doesNotContain(AuditRecord.Kind.EXECUTION);
  }

  @Test
  void aToolThatThrowsIsAFailedOutcomeAndIsReported() {
    ToolOutcome<String> outcome = ToolGuard.of(engine).call(read("src/A.java"), () -> {
      throw new IOException("disk full");
    });
    assertThat(outcome).isInstanceOfSatisfying(ToolOutcome.Failed.class,
        f -> assertThat(f.failure()).hasMessage("disk full"));
    assertThatThrownBy(outcome::orThrow).isInstanceOf(IOException.class);
    assertThat(executions).singleElement().satisfies(e -> {
      assertThat(e.succeeded()).isFalse();
      assertThat(e.failure()).isEqualTo("java.io.IOException: disk full");
    });
    assertThat(audit.get(audit.size() - 1).detail()).contains(" failed in ").endsWith(": java.io.IOException: disk full");
  }

  @Test
  void anEscalationApprovedByAHumanBecomesAOneTimeGrantForExactlyThatAction() {
    put(engine, BOT, Lane.GOVERNED);
    Action config = configEdit();
    assertThat(engine.decide(config).verdict()).as("the policy escalates config edits").isEqualTo(Verdict.ESCALATE);
    List<Decision> asked = new CopyOnWriteArrayList<>();
    ToolGuard guard = ToolGuard.builder(engine).escalation((action, decision) -> {
      asked.add(decision);
      return Optional.of(new Escalation.Approved("alice", "looked at the diff"));
    }).build();

    ToolOutcome<String> outcome = guard.call(config, this::tool);
    assertThat(outcome).isInstanceOf(ToolOutcome.Executed.class);
    assertThat(outcome.decision().approver()).isEqualTo("alice");
    assertThat(outcome.decision().grantId()).isNotNull();
    assertThat(asked).singleElement().satisfies(d -> assertThat(d.verdict()).isEqualTo(Verdict.ESCALATE));
    assertThat(ToolGuard.of(engine).call(config, this::tool)).as("the grant was for one call")
        .isInstanceOf(ToolOutcome.Refused.class);
    assertThat(runs).hasValue(1);
  }

  @Test
  void anEscalationThatDeclinesOrThrowsRefusesAndNeverReachesADenyOrHalt() {
    put(engine, BOT, Lane.GOVERNED);
    AtomicInteger asked = new AtomicInteger();
    ToolGuard declines = ToolGuard.builder(engine).escalation((a, d) -> {
      asked.incrementAndGet();
      return Optional.empty();
    }).build();
    ToolGuard throwing = ToolGuard.builder(engine).escalation((a, d) -> {
      throw new IllegalStateException("the client went away");
    }).build();
    Action config = configEdit();
    assertThat(declines.call(config, this::tool)).isInstanceOf(ToolOutcome.Refused.class);
    assertThat(throwing.call(config, this::tool)).isInstanceOf(ToolOutcome.Refused.class);
    assertThat(declines.call(shell("cat .env"), this::tool)).isInstanceOf(ToolOutcome.Refused.class);
    assertThat(asked).as("a HALT is never escalated").hasValue(1);
    assertThat(runs).hasValue(0);
  }

  @Test
  void interceptorsWrapTheCallInOrderButCannotRunARefusedCall() {
    List<String> seen = new CopyOnWriteArrayList<>();
    ToolInterceptor outer = chain -> {
      seen.add("outer " + chain.decision().verdict());
      ToolOutcome<?> o = chain.proceed();
      seen.add("outer done");
      return o;
    };
    ToolInterceptor sneaky = chain -> new ToolOutcome.Executed<>(chain.decision(), "forged", Duration.ZERO);
    ToolGuard guard = ToolGuard.builder(engine).interceptor(outer).interceptor(sneaky).build();

    assertThat(guard.call(shell("cat .env"), this::tool)).as("a refusal stays a refusal")
        .isInstanceOf(ToolOutcome.Refused.class);
    engine.lanes().reset(BOT, "dave");
    assertThat(guard.call(read("src/A.java"), this::tool)).isInstanceOfSatisfying(ToolOutcome.Executed.class,
        e -> assertThat(e.result()).as("an interceptor may answer without the tool, e.g. from a cache").isEqualTo("forged"));
    assertThat(seen).containsExactly("outer HALT", "outer done", "outer ALLOW", "outer done");
    assertThat(runs).hasValue(0);
  }

  @Test
  void proceedRunsTheToolAtMostOnce() {
    ToolInterceptor twice = chain -> {
      chain.proceed();
      return chain.proceed();
    };
    ToolOutcome<String> outcome = ToolGuard.builder(engine).interceptor(twice).build().call(read("src/A.java"), this::tool);
    assertThat(outcome).isInstanceOfSatisfying(ToolOutcome.Failed.class,
        f -> assertThat(f.failure()).isInstanceOf(IllegalStateException.class).hasMessageContaining("at most once"));
    assertThat(runs).hasValue(1);
  }

  @Test
  void executionsAreValidated() {
    Decision d = engine.decide(read("src/A.java"));
    assertThatThrownBy(() -> new Execution(read("x"), d, true, "boom", Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no failure");
    assertThatThrownBy(() -> new Execution(read("x"), d, false, null, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs its failure");
    assertThatThrownBy(() -> Execution.succeeded(read("x"), d, Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AuditEntry.event(clock.instant(), AuditRecord.Kind.EXECUTION, BOT, null, "1", null, "x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AuditEntry.execution");
  }

  @Test
  void anActionThatCannotBeBuiltIsRefusedAndNeverRuns() {
    ToolGuard guard = ToolGuard.of(engine);
    ToolOutcome<String> thrown = guard.call(() -> {
      throw new IllegalArgumentException("no tenant in the request");
    }, this::tool);
    ToolOutcome<String> nothing = guard.call(() -> null, this::tool);
    assertThat(thrown).isInstanceOfSatisfying(ToolOutcome.Refused.class, r -> {
      assertThat(r.message()).isEqualTo("agentlane refused this tool call: its action could not be built "
          + "(java.lang.IllegalArgumentException: no tenant in the request), so it was not decided and did not run.");
      assertThat(r.decision().verdict()).isEqualTo(Verdict.DENY);
      assertThat(r.decision().hasReason(dev.agentlane.ReasonCode.INTERNAL_ERROR)).isTrue();
    });
    assertThat(nothing).isInstanceOfSatisfying(ToolOutcome.Refused.class,
        r -> assertThat(r.message()).contains("the mapping returned null"));
    assertThat(guard.call(() -> read("src/A.java"), this::tool)).isInstanceOf(ToolOutcome.Executed.class);
    assertThat(runs).hasValue(1);
  }

  @Test
  void anEngineThatThrowsRefusesTheCall() {
    PolicyEngine broken = new PolicyEngine() {
      @Override
      public Decision decide(Action action) {
        throw new IllegalStateException("the policy store is down");
      }

      @Override
      public void executed(Execution execution) {
        engine.executed(execution);
      }

      @Override
      public dev.agentlane.policy.Policy policy() {
        return engine.policy();
      }

      @Override
      public void update(dev.agentlane.policy.Policy policy) {
        engine.update(policy);
      }

      @Override
      public dev.agentlane.LaneDirectory lanes() {
        return engine.lanes();
      }

      @Override
      public dev.agentlane.Grants grants() {
        return engine.grants();
      }

      @Override
      public dev.agentlane.Registration addListener(DecisionListener listener) {
        return engine.addListener(listener);
      }

      @Override
      public void close() {}
    };
    ToolOutcome<String> outcome = ToolGuard.of(broken).call(read("src/A.java"), this::tool);
    assertThat(outcome).isInstanceOfSatisfying(ToolOutcome.Refused.class, r -> assertThat(r.message())
        .isEqualTo("agentlane refused this tool call: deciding it failed (java.lang.IllegalStateException: "
            + "the policy store is down), so it did not run."));
    assertThat(runs).hasValue(0);
  }
}
