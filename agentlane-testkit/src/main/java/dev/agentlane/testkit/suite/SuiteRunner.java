package dev.agentlane.testkit.suite;

import dev.agentlane.AgentKey;
import dev.agentlane.Decision;
import dev.agentlane.PolicyEngine;
import dev.agentlane.Reason;
import dev.agentlane.ReasonCode;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides cases of one suite on one engine with a fixed clock. Not thread-safe: one per run, used by one
 * thread at a time.
 */
final class SuiteRunner implements AutoCloseable {
  static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
  private final PolicySuite suite;
  private final PolicyEngine engine;

  SuiteRunner(PolicySuite suite) {
    this.suite = suite;
    this.engine = PolicyEngine.builder().policy(suite.policy()).workspace(suite.workspace())
        .clock(InstantSource.fixed(EPOCH)).build();
  }

  CaseResult run(SuiteCase c) {
    AgentKey key = AgentKey.of(c.action().agent(), c.action().workflow());
    engine.lanes().reset(key, "policy-suite");
    if (c.lane() != null) {
      engine.lanes().assign(key, suite.policy().lane(c.lane()).orElseThrow(), "policy-suite", c.name());
    }
    Decision d = engine.decide(c.action());
    List<String> failures = new ArrayList<>();
    if (d.verdict() != c.expect()) {
      failures.add("expected verdict " + c.expect() + " but was " + d.verdict());
    }
    for (ReasonCode code : c.reasons()) {
      if (!d.hasReason(code)) {
        failures.add("expected reason " + code.code() + " but the reasons were "
            + d.reasons().stream().map(r -> r.code().code()).distinct().toList());
      }
    }
    for (String rule : c.rules()) {
      if (d.reasons().stream().map(Reason::ruleId).noneMatch(rule::equals)) {
        failures.add("expected rule " + rule + " but the rules were " + d.ruleIds());
      }
    }
    engine.lanes().reset(key, "policy-suite");
    return new CaseResult(c, d, failures);
  }

  @Override
  public void close() {
    engine.close();
  }
}
