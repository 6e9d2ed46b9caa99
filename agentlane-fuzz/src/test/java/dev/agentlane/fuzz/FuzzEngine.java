package dev.agentlane.fuzz;

import static dev.agentlane.fuzz.Oracle.check;

import dev.agentlane.Action;
import dev.agentlane.AgentKey;
import dev.agentlane.Decision;
import dev.agentlane.Lane;
import dev.agentlane.PolicyEngine;
import dev.agentlane.Reason;
import dev.agentlane.ReasonCode;
import dev.agentlane.Verdict;
import dev.agentlane.policyfile.PolicyFiles;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An engine on the shipped default policy for fuzz targets, with one agent in the most trusted lane.
 *
 * <p>Not thread-safe: confine to one fuzz target (Jazzer runs one input at a time).
 *
 * <p>Each decision starts from the same state, so that inputs do not influence each other and a
 * finding replays on its own: the pair's halt (and the demotion that comes with it) is reset and the
 * pair is put back in {@code production}, the lane that allows the most, which makes "never ALLOW"
 * oracles as strict as they can be; and the clock moves a minute ahead, past the default policy's rate
 * window, so that a rate limit never stands in for the judgement under test.
 */
final class FuzzEngine {
  static final String WORKSPACE = "/work/repo";
  private static final AgentKey KEY = AgentKey.of("fuzz-bot", "fuzzing");

  private final AtomicLong seconds = new AtomicLong(1_800_000_000L);
  private final PolicyEngine engine;

  FuzzEngine() {
    InstantSource clock = () -> Instant.ofEpochSecond(seconds.get());
    engine = PolicyEngine.builder().policy(PolicyFiles.defaultPolicy()).clock(clock).workspace(WORKSPACE).build();
  }

  /** The engine itself. */
  PolicyEngine engine() {
    return engine;
  }

  /** Decides a shell tool call of {@code line}. */
  Decision shell(String line) {
    return decide(Action.builder().key(KEY).tool("bash").arguments(Map.of("command", line)));
  }

  /** Decides a read of {@code path}. */
  Decision read(String path) {
    return decide(Action.builder().key(KEY).tool("read_file").arguments(Map.of("path", path)));
  }

  /** Decides a fetch of {@code url}. */
  Decision fetch(String url) {
    return decide(Action.builder().key(KEY).tool("fetch").arguments(Map.of("url", url)));
  }

  /** Decides a shell tool call whose arguments are the raw JSON text {@code json}. */
  Decision shellJson(String json) {
    return decide(Action.builder().key(KEY).tool("bash").argumentsJson(json));
  }

  /**
   * Decides from a fresh state. The decision must not come from a caught exception (that is
   * fail-closed, but still a bug) and must explain any verdict but ALLOW.
   */
  Decision decide(Action.Builder action) {
    seconds.addAndGet(61);
    engine.lanes().reset(KEY, "fuzz");
    engine.lanes().assign(KEY, Lane.PRODUCTION, "fuzz", "every input starts in production");
    Action a = action.build();
    Decision d = engine.decide(a);
    check(d != null && d.verdict() != null, "decide returned no verdict", a);
    for (Reason r : d.reasons()) {
      check(r.code() != ReasonCode.INTERNAL_ERROR, () -> "the engine failed internally: " + r.message(), a);
    }
    check(d.verdict() == Verdict.ALLOW || !d.reasons().isEmpty(), () -> "a " + d.verdict() + " without reasons", a);
    return d;
  }
}
