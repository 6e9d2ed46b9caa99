package dev.agentlane.core;

import static dev.agentlane.core.EngineFixture.BOT;
import static dev.agentlane.core.EngineFixture.engine;
import static dev.agentlane.core.EngineFixture.put;
import static dev.agentlane.core.EngineFixture.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentlane.Action;
import dev.agentlane.Grant;
import dev.agentlane.GrantScope;
import dev.agentlane.Lane;
import dev.agentlane.PolicyEngine;
import dev.agentlane.Verdict;
import dev.agentlane.spi.DecisionListener;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code Grants.restore}: a grant listed by one engine and restored into another (another process, in
 * production) is the same grant, with its remaining uses, its expiry, its run and its exact action.
 */
class GrantRestoreTest {
  private final MutableClock clock = MutableClock.startingAt("2026-11-24T10:00:00Z");

  private PolicyEngine sandboxed() {
    PolicyEngine e = engine(TestPolicies.realistic(), clock).build();
    put(e, BOT, Lane.SANDBOX);
    return e;
  }

  /** Lists the first engine's grants and restores them into a fresh one, as a state file would. */
  private PolicyEngine carriedOver(PolicyEngine first) {
    List<Grant> listed = first.grants().list();
    first.close();
    PolicyEngine second = sandboxed();
    listed.forEach(g -> assertThat(second.grants().restore(g)).as(g.id()).isTrue());
    return second;
  }

  @Test
  void aRestoredCallsGrantKeepsItsRemainingUsesAcrossEngines() {
    PolicyEngine first = sandboxed();
    Grant g = first.grants().issue(write("infra/main.tf"), GrantScope.calls(3), "alice", "terraform fmt");
    assertThat(first.decide(write("infra/main.tf")).verdict()).isEqualTo(Verdict.ALLOW);
    try (PolicyEngine second = carriedOver(first)) {
      assertThat(second.grants().list()).singleElement().satisfies(r -> {
        assertThat(r.id()).isEqualTo(g.id());
        assertThat(r.remainingUses()).isEqualTo(2);
        assertThat(r.issuedAt()).isEqualTo(g.issuedAt());
      });
      assertThat(second.decide(write("infra/a.tf")).grantId()).isEqualTo(g.id());
      assertThat(second.decide(write("infra/b.tf")).verdict()).isEqualTo(Verdict.ALLOW);
      assertThat(second.decide(write("infra/c.tf")).verdict()).as("two uses were left, not three")
          .isEqualTo(Verdict.ESCALATE);
      assertThat(second.grants().list()).isEmpty();
    }
  }

  @Test
  void aRestoredExactActionGrantCoversOnlyThatAction() {
    PolicyEngine first = sandboxed();
    first.grants().issue(write("infra/main.tf"), GrantScope.exactAction(), "alice", "this one");
    try (PolicyEngine second = carriedOver(first)) {
      assertThat(second.decide(write("infra/other.tf")).verdict()).isEqualTo(Verdict.ESCALATE);
      assertThat(second.decide(write("infra/main.tf")).verdict()).isEqualTo(Verdict.ALLOW);
      assertThat(second.decide(write("infra/main.tf")).verdict()).as("once").isEqualTo(Verdict.ESCALATE);
    }
  }

  @Test
  void aRestoredWindowGrantExpiresWhenTheOriginalWould() {
    PolicyEngine first = sandboxed();
    first.grants().issue(write("infra/a.tf"), GrantScope.window(Duration.ofMinutes(10)), "alice", "ok");
    clock.advance(Duration.ofMinutes(6));
    try (PolicyEngine second = carriedOver(first)) {
      assertThat(second.decide(write("infra/b.tf")).verdict()).isEqualTo(Verdict.ALLOW);
      clock.advance(Duration.ofMinutes(5));
      assertThat(second.decide(write("infra/b.tf")).verdict()).isEqualTo(Verdict.ESCALATE);
    }
  }

  @Test
  void aRestoredTaskGrantCoversOnlyItsRun() {
    PolicyEngine first = sandboxed();
    Action inRun = write("infra/a.tf").toBuilder().runId("run-1").build();
    first.grants().issue(inRun, GrantScope.task("run-1"), "alice", "ok");
    try (PolicyEngine second = carriedOver(first)) {
      assertThat(second.decide(write("infra/a.tf").toBuilder().runId("run-2").build()).verdict())
          .isEqualTo(Verdict.ESCALATE);
      assertThat(second.decide(inRun).verdict()).isEqualTo(Verdict.ALLOW);
    }
  }

  @Test
  void restoringIsSilentAndARestoredGrantCanBeRevoked() {
    PolicyEngine first = sandboxed();
    Grant g = first.grants().issue(write("infra/a.tf"), GrantScope.calls(2), "alice", "ok");
    first.close();
    try (PolicyEngine second = sandboxed()) {
      List<String> heard = new ArrayList<>();
      second.addListener(new DecisionListener() {
        @Override
        public void grantIssued(Grant grant) {
          heard.add("issued " + grant.id());
        }

        @Override
        public void grantRevoked(Grant grant, String by) {
          heard.add("revoked " + grant.id() + " by " + by);
        }
      });
      second.grants().restore(g);
      assertThat(second.grants().revoke(g.id(), "bob")).isTrue();
      assertThat(heard).containsExactly("revoked " + g.id() + " by bob");
      assertThat(second.decide(write("infra/a.tf")).verdict()).isEqualTo(Verdict.ESCALATE);
    }
  }

  @Test
  void aGrantThatCanNoLongerApplyIsNotHeld() {
    try (PolicyEngine e = sandboxed()) {
      Instant now = clock.instant();
      Grant usedUp = new Grant("g-old-1", BOT, "write_file", GrantScope.calls(2), null, "alice", "ok", now, null, 0);
      Grant expired = new Grant("g-old-2", BOT, "write_file", GrantScope.window(Duration.ofMinutes(1)), null, "alice",
          "ok", now.minus(Duration.ofMinutes(2)), now.minus(Duration.ofMinutes(1)), -1);
      assertThat(e.grants().restore(usedUp)).isFalse();
      assertThat(e.grants().restore(expired)).isFalse();
      assertThat(e.grants().list()).isEmpty();
      assertThat(e.decide(write("infra/a.tf")).verdict()).isEqualTo(Verdict.ESCALATE);
    }
  }

  @Test
  void aGrantIssueCouldNotHaveMadeIsRefused() {
    try (PolicyEngine e = sandboxed()) {
      Instant now = clock.instant();
      assertThatThrownBy(() -> e.grants().restore(new Grant("g-1", BOT, "write_file", GrantScope.exactAction(), null,
          "alice", "ok", now, null, 1))).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("needs its action digest");
      assertThatThrownBy(() -> e.grants().restore(new Grant("g-2", BOT, "write_file", GrantScope.calls(2), null,
          "alice", "ok", now, null, 5))).hasMessageContaining("within 0..2 but were 5");
      assertThatThrownBy(() -> e.grants().restore(new Grant("g-3", BOT, "write_file",
          GrantScope.window(Duration.ofHours(1)), null, "alice", "ok", now, null, -1)))
          .hasMessageContaining("needs its expiry");
      assertThatThrownBy(() -> e.grants().restore(new Grant("g-4", BOT, "write_file", GrantScope.task("r"), null,
          "alice", "ok", now, null, 3))).hasMessageContaining("unlimited uses (-1)");
      assertThat(e.grants().list()).isEmpty();
    }
  }

  @Test
  void anIdAlreadyHeldIsRefusedAndNewGrantsNeverReuseARestoredId() {
    PolicyEngine first = sandboxed();
    Grant g = first.grants().issue(write("infra/a.tf"), GrantScope.calls(2), "alice", "ok");
    first.close();
    try (PolicyEngine second = sandboxed()) {
      second.grants().restore(g);
      assertThatThrownBy(() -> second.grants().restore(g)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("a grant with that id is held");
      // An id in the form this engine issues: the next issue must step over it.
      String prefix = second.grants().issue(write("x"), GrantScope.calls(1), "alice", "probe").id();
      String next = prefix.substring(0, prefix.lastIndexOf('-') + 1) + (Long.parseLong(
          prefix.substring(prefix.lastIndexOf('-') + 1)) + 1);
      second.grants().restore(new Grant(next, BOT, "write_file", GrantScope.calls(1), null, "alice", "ok",
          clock.instant(), null, 1));
      Grant fresh = second.grants().issue(write("y"), GrantScope.calls(1), "alice", "after");
      assertThat(fresh.id()).isNotEqualTo(next);
      assertThat(second.grants().list()).extracting(Grant::id).doesNotHaveDuplicates().hasSize(4);
    }
  }
}
