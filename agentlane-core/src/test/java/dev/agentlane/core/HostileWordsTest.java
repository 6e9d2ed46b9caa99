package dev.agentlane.core;

import static dev.agentlane.core.EngineFixture.BOT;
import static dev.agentlane.core.EngineFixture.engine;
import static dev.agentlane.core.EngineFixture.put;
import static dev.agentlane.core.EngineFixture.shell;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentlane.Decision;
import dev.agentlane.Lane;
import dev.agentlane.PolicyEngine;
import dev.agentlane.Verdict;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Words built to make the engine's mention splitting (after '@', '=' and ':') blow up, found by fuzzing
 * (agentlane-fuzz). The exponential case, {@code x=:=:=:…}, is in the adversarial table.
 */
class HostileWordsTest {
  private final MutableClock clock = MutableClock.startingAt("2026-11-24T10:00:00Z");

  @Test
  void aWordOfFourThousandSplitsIsJudgedOnASmallStack() throws InterruptedException {
    PolicyEngine engine = engine(TestPolicies.realistic(), clock).build();
    put(engine, BOT, Lane.SANDBOX);
    AtomicReference<Object> outcome = new AtomicReference<>();
    // The longest words mention() checks: 4092 splits, then the secret.
    for (String word : new String[] {"=".repeat(4092), "@".repeat(4092), ":".repeat(4092)}) {
      // 256 KiB of stack: an application thread may have less than the JVM's default.
      Thread t = new Thread(null, () -> outcome.set(engine.decide(shell("echo " + word + ".env"))), "small-stack",
          256 * 1024);
      t.setUncaughtExceptionHandler((thread, e) -> outcome.set(e));
      t.start();
      t.join();
      assertThat(outcome.get()).as(word.substring(0, 1)).isInstanceOf(Decision.class);
      assertThat(((Decision) outcome.get()).verdict()).as(word.substring(0, 1)).isEqualTo(Verdict.HALT);
    }
  }
}
