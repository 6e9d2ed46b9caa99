package dev.agentlane.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentlane.AgentKey;
import dev.agentlane.Decision;
import dev.agentlane.Grant;
import dev.agentlane.GrantScope;
import dev.agentlane.PolicyEngine;
import dev.agentlane.Verdict;
import dev.agentlane.policyfile.PolicyFiles;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DecisionRecorderTest {

  private final ManualClock clock = new ManualClock();
  private final DecisionRecorder recorder = new DecisionRecorder(clock);
  private final PolicyEngine engine = PolicyEngine.builder().policy(PolicyFiles.defaultPolicy())
      .workspace("/workspace").clock(clock).listener(recorder).build();
  private final Actions bot = Actions.agent("bot", "fixes");
  private final AgentKey key = AgentKey.of("bot", "fixes");

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void recordsDecisionsInOrder() {
    Decision read = engine.decide(bot.readFile("src/a.ts"));
    clock.advance(Duration.ofMinutes(1));
    Decision test = engine.decide(bot.bash("npm test"));
    Decision other = engine.decide(Actions.agent("other", "fixes").readFile("README.md"));

    assertThat(recorder.decisions()).containsExactly(read, test, other);
    assertThat(recorder.last()).isSameAs(other);
    assertThat(recorder.decisionsFor(key)).containsExactly(read, test);
    assertThat(recorder.events()).hasSize(3).allMatch(DecisionRecorder.Decided.class::isInstance);
  }

  @Test
  void recordsHaltsResetsAndGrants() {
    engine.decide(bot.readFile(".env"));
    engine.lanes().reset(key, "alice");
    Grant grant = engine.grants().issue(bot.bash("npm test"), GrantScope.calls(1), "alice", "one run");
    engine.grants().revoke(grant.id(), "bob");

    List<DecisionRecorder.Event> events = recorder.events();
    assertThat(events).extracting(e -> e.getClass().getSimpleName())
        .containsExactly("Halted", "Decided", "Reset", "GrantIssued", "GrantRevoked");
    assertThat(((DecisionRecorder.Decided) events.get(1)).decision().verdict()).isEqualTo(Verdict.HALT);
  }

  @Test
  void timelineIsNumberedAndReadable() {
    engine.decide(bot.readFile("src/a.ts"));
    clock.advance(Duration.ofSeconds(30));
    engine.decide(bot.bash("npm test"));
    engine.lanes().halt(key, "manual stop", "alice");

    String timeline = recorder.timeline();
    assertThat(timeline).startsWith("agentlane timeline: 3 events\n");
    assertThat(timeline).contains(
        "1. 2026-01-01T00:00:00Z bot/fixes read_file {path=src/a.ts} -> ALLOW",
        "2. 2026-01-01T00:00:30Z bot/fixes bash {command=npm test} -> DENY",
        "- lane-too-low [lane.tests.run]",
        "to proceed: needs lane sandbox",
        "3. 2026-01-01T00:00:30Z HALTED bot/fixes by alice: manual stop");
    assertThat(timeline.indexOf("1. ")).isLessThan(timeline.indexOf("2. "));
    assertThat(timeline.indexOf("2. ")).isLessThan(timeline.indexOf("3. "));
    assertThat(timeline).contains("(decision " + recorder.decisions().get(1).id() + ", policy 1)");
  }

  @Test
  void clearForgetsAndLastRefusesWhenEmpty() {
    engine.decide(bot.readFile("src/a.ts"));
    recorder.clear();
    assertThat(recorder.events()).isEmpty();
    assertThat(recorder.timeline()).isEqualTo("agentlane timeline: 0 events");
    assertThatThrownBy(recorder::last).isInstanceOf(IllegalStateException.class)
        .hasMessage("no decision was recorded");
  }

  @Test
  void concurrentDecisionsAreAllRecorded() throws Exception {
    int threads = 8;
    int perThread = 200;
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> all = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Actions agent = Actions.agent("bot" + t, "fixes");
      Thread thread = new Thread(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        for (int i = 0; i < perThread; i++) {
          engine.decide(agent.readFile("src/" + i + ".ts"));
        }
      });
      thread.start();
      all.add(thread);
    }
    start.countDown();
    for (Thread thread : all) {
      thread.join();
    }
    assertThat(recorder.decisions()).hasSize(threads * perThread).allMatch(Decision::isAllowed);
    assertThat(recorder.decisionsFor(AgentKey.of("bot3", "fixes"))).hasSize(perThread);
  }
}
