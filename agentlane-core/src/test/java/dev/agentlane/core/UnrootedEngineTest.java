package dev.agentlane.core;

import static dev.agentlane.core.EngineFixture.BOT;
import static dev.agentlane.core.EngineFixture.put;
import static dev.agentlane.core.EngineFixture.read;
import static dev.agentlane.core.EngineFixture.shell;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentlane.Decision;
import dev.agentlane.Lane;
import dev.agentlane.PolicyEngine;
import dev.agentlane.ReasonCode;
import dev.agentlane.Verdict;
import org.junit.jupiter.api.Test;

/**
 * An engine built without a workspace root: relative paths are inside, absolute paths outside, as the
 * builder documents. Regression: every path-bearing call was denied as internal-error ("invalid workspace
 * root ''"), which failed closed but made such an engine useless and hid its real verdicts.
 */
class UnrootedEngineTest {
  @Test
  void relativePathsAreInsideAndAbsoluteOnesOutside() {
    try (PolicyEngine engine = PolicyEngine.builder().policy(TestPolicies.realistic()).build()) {
      put(engine, BOT, Lane.SANDBOX);
      assertThat(engine.decide(read("src/A.java")).verdict()).isEqualTo(Verdict.ALLOW);
      assertThat(engine.decide(read("./src/../src/A.java")).verdict()).isEqualTo(Verdict.ALLOW);
      Decision passwd = engine.decide(read("/etc/passwd"));
      assertThat(passwd.hasReason(ReasonCode.PATH_OUTSIDE_WORKSPACE)).as(passwd.explain()).isTrue();
      assertThat(engine.decide(read("../other/x")).hasReason(ReasonCode.PATH_OUTSIDE_WORKSPACE)).isTrue();
      Decision secret = engine.decide(shell("npm test && cat .env"));
      assertThat(secret.verdict()).as(secret.explain()).isEqualTo(Verdict.HALT);
      assertThat(secret.hasReason(ReasonCode.INTERNAL_ERROR)).isFalse();
    }
  }
}
