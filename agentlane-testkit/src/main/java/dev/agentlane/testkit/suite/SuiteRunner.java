package dev.agentlane.testkit.suite;

import dev.agentlane.AgentKey;
import dev.agentlane.Decision;
import dev.agentlane.Lane;
import dev.agentlane.ReasonCode;
import dev.agentlane.core.promotion.LedgerLaneDirectory;
import dev.agentlane.testkit.AgentLaneFixture;
import dev.agentlane.testkit.ManualClock;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides cases of one suite on the engine and ledger of one {@link AgentLaneFixture}, with a clock that
 * stays at {@link ManualClock#DEFAULT_START}. Each case starts with its pair un-halted and in the case's
 * lane (the policy's default lane when the case names none). Not thread-safe: one per run, used by one
 * thread at a time.
 */
final class SuiteRunner implements AutoCloseable {
  private final PolicySuite suite;
  private final AgentLaneFixture fixture;

  SuiteRunner(PolicySuite suite) {
    this.suite = suite;
    this.fixture = AgentLaneFixture.builder().policy(suite.policy()).workspace(suite.workspace()).recording(false)
        .build();
  }

  CaseResult run(SuiteCase c) {
    AgentKey key = AgentKey.of(c.action().agent(), c.action().workflow());
    LedgerLaneDirectory lanes = fixture.ledger();
    lanes.reset(key, "policy-suite");
    Lane lane = c.lane() == null ? suite.policy().defaultLane() : suite.policy().lane(c.lane()).orElseThrow();
    lanes.assign(key, lane, "policy-suite", c.name());
    Decision d = fixture.engine().decide(c.action());
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
      if (!d.matchedRules().contains(rule)) {
        failures.add("expected rule " + rule + " but the decision's rules were " + d.matchedRules());
      }
    }
    lanes.reset(key, "policy-suite");
    return new CaseResult(c, d, failures);
  }

  @Override
  public void close() {
    fixture.close();
  }
}
