package dev.agentlane.core;

import static dev.agentlane.core.EngineFixture.BOT;
import static dev.agentlane.core.EngineFixture.engine;
import static dev.agentlane.core.EngineFixture.freshPair;
import static dev.agentlane.core.EngineFixture.put;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentlane.Action;
import dev.agentlane.Decision;
import dev.agentlane.Lane;
import dev.agentlane.PolicyEngine;
import dev.agentlane.ReasonCode;
import dev.agentlane.Verdict;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Words built to make the engine's mention splitting (after '@', '=' and ':') blow up, found by fuzzing
 * (agentlane-fuzz). The exponential case, {@code x=:=:=:…}, is in the adversarial table.
 */
class HostileWordsTest {
  private final MutableClock clock = MutableClock.startingAt("2026-11-24T10:00:00Z");

  @Test
  void aStringOfFourThousandSplitsIsJudgedOnASmallStack() throws InterruptedException {
    PolicyEngine engine = engine(TestPolicies.realistic(), clock).build();
    put(engine, BOT, Lane.SANDBOX);
    AtomicReference<Object> outcome = new AtomicReference<>();
    // Every string argument is a mention too; splitting one of 4092 '=' or '@' recursed that deep.
    for (String word : new String[] {"=".repeat(4092), "@".repeat(4092), ":".repeat(4092)}) {
      Action call = Action.builder().key(BOT).tool("bash").arguments(Map.of("command", "echo hi", "note", word)).build();
      // 256 KiB of stack: an application thread may have less than the JVM's default.
      Thread t = new Thread(null, () -> outcome.set(engine.decide(call)), "small-stack", 256 * 1024);
      t.setUncaughtExceptionHandler((thread, e) -> outcome.set(e));
      t.start();
      t.join();
      assertThat(outcome.get()).as(word.substring(0, 1)).isInstanceOf(Decision.class);
      assertThat(((Decision) outcome.get()).verdict()).as(word.substring(0, 1)).isEqualTo(Verdict.ALLOW);
    }
  }

  @Test
  void aShellWordIsCheckedThroughAThousandSplitsAndRefusedBeyond() {
    PolicyEngine engine = engine(TestPolicies.realistic(), clock).build();
    for (String word : new String[] {"=".repeat(1024), "@".repeat(1024), ":".repeat(1024), "=:@".repeat(341) + "="}) {
      assertThat(decide(engine, "echo " + word + ".env").verdict()).as(word.substring(0, 3)).isEqualTo(Verdict.HALT);
      assertThat(decide(engine, "echo " + word + "x").verdict()).as(word.substring(0, 3)).isEqualTo(Verdict.ALLOW);
      assertThat(decide(engine, "echo =" + word + ".env").verdict()).as(word.substring(0, 3)).isNotEqualTo(Verdict.ALLOW);
      Decision refused = decide(engine, "echo =" + word + "x");
      assertThat(refused.verdict()).as(word.substring(0, 3)).isEqualTo(Verdict.DENY);
      assertThat(refused.hasReason(ReasonCode.UNPARSEABLE_COMMAND)).as(word.substring(0, 3)).isTrue();
    }
  }

  /** A halt latches: each line is decided for a pair of its own. */
  private static Decision decide(PolicyEngine engine, String line) {
    return engine.decide(Action.builder().key(freshPair(engine, Lane.SANDBOX)).tool("bash")
        .arguments(Map.of("command", line)).build());
  }
}
