package dev.agentlane.core.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentlane.AgentKey;
import dev.agentlane.Lane;
import dev.agentlane.core.MutableClock;
import dev.agentlane.LaneStatus;
import dev.agentlane.Registration;
import dev.agentlane.policy.Policy;
import dev.agentlane.promotion.CriterionResult;
import dev.agentlane.promotion.LedgerListener;
import dev.agentlane.promotion.Outcome;
import dev.agentlane.promotion.PairMetrics;
import dev.agentlane.promotion.PromotionCriteria;
import dev.agentlane.promotion.PromotionException;
import dev.agentlane.promotion.PromotionProposal;
import dev.agentlane.promotion.RecordedOutcome;
import dev.agentlane.promotion.ReviewResult;
import dev.agentlane.promotion.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class LedgerLaneDirectoryTest {
  static final AgentKey KEY = AgentKey.of("release-bot", "dependency-bumps");
  static final Policy POLICY = Policy.builder().build();

  final MutableClock clock = MutableClock.startingAt("2024-06-01T00:00:00Z");
  final List<String> events = new CopyOnWriteArrayList<>();
  final LedgerListener recorder = new LedgerListener() {
    @Override
    public void outcomeRecorded(RecordedOutcome outcome) {
      events.add("recorded " + outcome.outcome().kind());
    }

    @Override
    public void promoted(AgentKey key, Lane from, Lane to, String approver, String note, PromotionProposal p) {
      events.add("promoted " + from + "→" + to + " by " + approver + " (" + note + ")");
    }

    @Override
    public void demoted(AgentKey key, Lane from, Lane to, String reason, String by) {
      events.add("demoted " + from + "→" + to + " by " + by + ": " + reason);
    }

    @Override
    public void assigned(AgentKey key, Lane from, Lane to, String by, String note) {
      events.add("assigned " + from + "→" + to + " by " + by);
    }

    @Override
    public void halted(AgentKey key, String reason, String by) {
      events.add("halted by " + by + ": " + reason);
    }

    @Override
    public void reset(AgentKey key, String by) {
      events.add("reset by " + by);
    }
  };

  LedgerLaneDirectory ledger() {
    return LedgerLaneDirectory.builder().policy(POLICY).clock(clock).listener(recorder).build();
  }

  /** Enough evidence under the defaults: 95 of 100 clean, 3 rework, 4 release cycles, 15 days. */
  static void earnPromotion(LedgerLaneDirectory ledger, MutableClock clock) {
    for (int i = 0; i < 100; i++) {
      ledger.record(KEY, i < 95 ? Outcome.clean() : Outcome.review(ReviewResult.CHANGES_REQUESTED), "review-bot");
    }
    for (int i = 0; i < 3; i++) {
      ledger.record(KEY, Outcome.rework(), "ci");
    }
    for (int i = 0; i < 4; i++) {
      ledger.record(KEY, Outcome.releaseCycle("2024." + i), "release-train");
    }
    clock.advanceDays(15);
  }

  @Test
  void unseenPairStandsInTheDefaultLaneWithoutEvidence() {
    LedgerLaneDirectory ledger = ledger();
    assertThat(ledger.status(KEY)).isEqualTo(new LaneStatus(KEY, Lane.DRAFT, null, false, null, null));
    assertThat(ledger.all()).isEmpty();
    PairMetrics m = ledger.metrics(KEY);
    assertThat(m.lane()).isEqualTo(Lane.DRAFT);
    assertThat(m.since()).isNull();
    assertThat(m.reviews()).isZero();
    assertThat(m.cleanRateLowerBound()).isEqualTo(0.0);
    assertThat(m.cleanRateUpperBound()).isEqualTo(1.0);
    assertThat(ledger.propose(KEY).eligible()).isFalse();
  }

  @Test
  void eligiblePairMovesExactlyOneLaneUpWithANamedApprover() {
    LedgerLaneDirectory ledger = ledger();
    earnPromotion(ledger, clock);
    PromotionProposal p = ledger.propose(KEY);
    assertThat(p.eligible()).as(p.toString()).isTrue();
    assertThat(p.to()).isEqualTo(Lane.SANDBOX);

    LaneStatus after = ledger.promote(KEY, "alice", "clean for four releases");
    assertThat(after.lane()).isEqualTo(Lane.SANDBOX);
    assertThat(after.since()).isEqualTo(clock.instant());
    assertThat(events).last().isEqualTo("promoted draft→sandbox by alice (clean for four releases)");
    assertThat(ledger.metrics(KEY).promotions()).isEqualTo(1);
    assertThat(ledger.metrics(KEY).reviews()).as("evidence starts afresh in the new lane").isZero();
  }

  @Test
  void promotingTwiceQuicklyNeedsEligibilityAgainInTheNewLane() {
    LedgerLaneDirectory ledger = ledger();
    earnPromotion(ledger, clock);
    ledger.promote(KEY, "alice", "first");

    assertThatThrownBy(() -> ledger.promote(KEY, "alice", "second")).isInstanceOfSatisfying(PromotionException.class,
        e -> {
          assertThat(e.proposal().from()).isEqualTo(Lane.SANDBOX);
          assertThat(e.proposal().to()).isEqualTo(Lane.GOVERNED);
          assertThat(e.proposal().eligible()).isFalse();
          assertThat(e.proposal().failing()).extracting(CriterionResult::name).contains(CriterionResult.OBSERVATIONS,
              CriterionResult.RELEASE_CYCLES, CriterionResult.TIME_IN_LANE);
          assertThat(e.getMessage()).contains("0 of 20 reviews", "0 of 3 release cycles", "0 of 14 days in lane");
        });
    assertThat(ledger.status(KEY).lane()).isEqualTo(Lane.SANDBOX);

    earnPromotion(ledger, clock);
    assertThat(ledger.promote(KEY, "bob", "second").lane()).as("never skips a lane").isEqualTo(Lane.GOVERNED);
  }

  @Test
  void ineligiblePromotionIsRefusedWithTheProposalAndChangesNothing() {
    LedgerLaneDirectory ledger = ledger();
    for (int i = 0; i < 3; i++) {
      ledger.record(KEY, Outcome.clean(), "review-bot");
    }
    clock.advanceDays(30);
    assertThatThrownBy(() -> ledger.promote(KEY, "alice", "looks good"))
        .isInstanceOfSatisfying(PromotionException.class, e -> assertThat(e.proposal().failing())
            .extracting(CriterionResult::detail).contains("clean rate lower bound 0.44 < 0.85 (3 of 3 reviews clean)"));
    assertThat(ledger.status(KEY).lane()).isEqualTo(Lane.DRAFT);
    assertThat(ledger.metrics(KEY).clean()).isEqualTo(3);
  }

  @Test
  void topLaneCannotBePromoted() {
    LedgerLaneDirectory ledger = ledger();
    ledger.assign(KEY, Lane.PRODUCTION, "admin", "seeded");
    earnPromotion(ledger, clock);
    assertThatThrownBy(() -> ledger.promote(KEY, "alice", "more"))
        .isInstanceOf(PromotionException.class).hasMessageContaining("already in the top lane");
  }

  @Test
  void approverMustBeNamed() {
    LedgerLaneDirectory ledger = ledger();
    earnPromotion(ledger, clock);
    assertThatThrownBy(() -> ledger.promote(KEY, " ", "x")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("approver");
    assertThat(ledger.status(KEY).lane()).isEqualTo(Lane.DRAFT);
  }

  @Test
  void severeIncidentDemotesOneLaneAtOnceAndBlocksPromotionForTheWindow() {
    LedgerLaneDirectory ledger = ledger();
    ledger.assign(KEY, Lane.STAGING, "admin", "migrated");
    events.clear();

    ledger.record(KEY, Outcome.incident(Severity.HIGH, "deleted a staging bucket"), "oncall");

    assertThat(ledger.status(KEY).lane()).isEqualTo(Lane.GOVERNED);
    assertThat(events).containsExactly("recorded incident",
        "demoted staging→governed by oncall: severe incident (high): deleted a staging bucket");
    PairMetrics m = ledger.metrics(KEY);
    assertThat(m.demotions()).isEqualTo(1);
    assertThat(m.lastSevereIncidentAt()).isEqualTo(clock.instant());

    earnPromotion(ledger, clock);
    PromotionProposal p = ledger.propose(KEY);
    assertThat(p.failing()).extracting(CriterionResult::name).containsExactly(CriterionResult.SEVERE_INCIDENTS);
    clock.advanceDays(16);
    assertThat(ledger.propose(KEY).eligible()).isTrue();
  }

  @Test
  void criticalIncidentDemotesAndMinorOnesAreOnlyCounted() {
    LedgerLaneDirectory ledger = ledger();
    ledger.assign(KEY, Lane.GOVERNED, "admin", "migrated");
    ledger.record(KEY, Outcome.incident(Severity.LOW, "typo in a PR title"), "oncall");
    ledger.record(KEY, Outcome.incident(Severity.MEDIUM, "flaky test merged"), "oncall");
    assertThat(ledger.status(KEY).lane()).isEqualTo(Lane.GOVERNED);
    assertThat(ledger.metrics(KEY).incidents()).isEqualTo(Map.of(Severity.LOW, 1L, Severity.MEDIUM, 1L));

    ledger.record(KEY, Outcome.incident(Severity.CRITICAL, "leaked a token"), "oncall");
    assertThat(ledger.status(KEY).lane()).isEqualTo(Lane.SANDBOX);
  }

  @Test
  void severeIncidentInTheLowestLaneCannotDemoteFurther() {
    LedgerLaneDirectory ledger = ledger();
    ledger.record(KEY, Outcome.incident(Severity.CRITICAL, "x"), "oncall");
    assertThat(ledger.status(KEY).lane()).isEqualTo(Lane.DRAFT);
    assertThat(ledger.metrics(KEY).demotions()).isZero();
    assertThat(ledger.metrics(KEY).incidents()).containsEntry(Severity.CRITICAL, 1L);
  }

  @Test
  void demoteMovesOneLaneDownAndNeverBelowTheLowest() {
    LedgerLaneDirectory ledger = ledger();
    ledger.assign(KEY, Lane.SANDBOX, "admin", "start");
    assertThat(ledger.demote(KEY, "too many reverts", "carol").lane()).isEqualTo(Lane.DRAFT);
    assertThat(ledger.demote(KEY, "again", "carol").lane()).isEqualTo(Lane.DRAFT);
    assertThat(ledger.metrics(KEY).demotions()).isEqualTo(1);
    assertThat(events).filteredOn(e -> e.startsWith("demoted")).containsExactly(
        "demoted sandbox→draft by carol: too many reverts");
    assertThatThrownBy(() -> ledger.demote(KEY, "r", "")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void haltLatchesUntilANamedHumanResetsIt() {
    LedgerLaneDirectory ledger = ledger();
    ledger.halt(KEY, "secrets path in shell argument", "engine");
    ledger.halt(KEY, "second reason", "engine");
    LaneStatus s = ledger.status(KEY);
    assertThat(s.halted()).isTrue();
    assertThat(s.haltReason()).as("the first reason is kept").isEqualTo("secrets path in shell argument");
    assertThat(s.haltedAt()).isEqualTo(clock.instant());

    clock.advanceDays(365);
    ledger.record(KEY, Outcome.clean(), "review-bot");
    assertThat(ledger.status(KEY).halted()).as("time and outcomes do not lift a halt").isTrue();
    assertThat(ledger.propose(KEY).failing()).extracting(CriterionResult::detail)
        .contains("halted: secrets path in shell argument");

    assertThatThrownBy(() -> ledger.reset(KEY, " ")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("blank");
    assertThat(ledger.status(KEY).halted()).isTrue();

    assertThat(ledger.reset(KEY, "dave")).isTrue();
    assertThat(ledger.status(KEY).halted()).isFalse();
    assertThat(ledger.reset(KEY, "dave")).isFalse();
    assertThat(events).filteredOn(e -> e.startsWith("halted") || e.startsWith("reset")).containsExactly(
        "halted by engine: secrets path in shell argument", "reset by dave");
  }

  @Test
  void aHaltDemotesOneLaneAtOnceAndTheLaneIsEarnedAgainAfterTheReset() {
    LedgerLaneDirectory ledger = ledger();
    ledger.assign(KEY, Lane.GOVERNED, "admin", "seeded");
    ledger.record(KEY, Outcome.clean(), "review-bot");
    ledger.halt(KEY, "sensitive-path [stop.secrets]: reads .env", "engine");
    ledger.halt(KEY, "second reason", "engine");

    LaneStatus s = ledger.status(KEY);
    assertThat(s.halted()).isTrue();
    assertThat(s.lane()).as("one lane down, once").isEqualTo(Lane.SANDBOX);
    assertThat(ledger.metrics(KEY).demotions()).isEqualTo(1);
    assertThat(ledger.metrics(KEY).reviews()).as("evidence starts afresh in the lower lane").isZero();
    assertThat(events).filteredOn(e -> e.startsWith("halted") || e.startsWith("demoted")).containsExactly(
        "halted by engine: sensitive-path [stop.secrets]: reads .env",
        "demoted governed→sandbox by engine: halted: sensitive-path [stop.secrets]: reads .env");
    ledger.reset(KEY, "dave");
    assertThat(ledger.status(KEY).lane()).as("a reset lifts the halt, not the demotion").isEqualTo(Lane.SANDBOX);
  }

  @Test
  void aHaltInTheLowestLaneOnlyHalts() {
    LedgerLaneDirectory ledger = ledger();
    ledger.halt(KEY, "secrets", "engine");
    assertThat(ledger.status(KEY).lane()).isEqualTo(Lane.DRAFT);
    assertThat(ledger.metrics(KEY).demotions()).isZero();
    assertThat(events).noneMatch(e -> e.startsWith("demoted"));
  }

  @Test
  void demoteOnHaltCanBeSwitchedOff() {
    LedgerLaneDirectory ledger = LedgerLaneDirectory.builder().policy(POLICY).clock(clock).listener(recorder)
        .demoteOnHalt(false).build();
    ledger.assign(KEY, Lane.GOVERNED, "admin", "seeded");
    ledger.halt(KEY, "secrets", "engine");
    assertThat(ledger.status(KEY).halted()).isTrue();
    assertThat(ledger.status(KEY).lane()).isEqualTo(Lane.GOVERNED);
    assertThat(events).noneMatch(e -> e.startsWith("demoted"));
  }

  /** A store in memory that can be switched to fail every save, as a full disk or a lost database would. */
  private static final class BreakableStore implements dev.agentlane.promotion.LedgerStore {
    final InMemoryLedgerStore delegate = new InMemoryLedgerStore();
    volatile boolean broken;

    @Override
    public List<dev.agentlane.promotion.PairState> loadAll() {
      return delegate.loadAll();
    }

    @Override
    public java.util.Optional<dev.agentlane.promotion.PairState> load(AgentKey key) {
      return delegate.load(key);
    }

    @Override
    public boolean save(dev.agentlane.promotion.PairState state) {
      if (broken) {
        throw new dev.agentlane.promotion.LedgerStoreException("No space left on device");
      }
      return delegate.save(state);
    }
  }

  @Test
  void haltLatchesEvenWhenTheStoreCannotSaveIt() {
    BreakableStore store = new BreakableStore();
    LedgerLaneDirectory ledger = LedgerLaneDirectory.builder().policy(POLICY).clock(clock).listener(recorder)
        .store(store).build();
    ledger.assign(KEY, Lane.GOVERNED, "admin", "seeded");
    store.broken = true;

    assertThatThrownBy(() -> ledger.halt(KEY, "reads .env", "engine"))
        .isInstanceOf(dev.agentlane.promotion.LedgerStoreException.class).hasMessageContaining("No space left");
    assertThat(ledger.status(KEY).halted()).as("the halt is in force though unsaved").isTrue();
    assertThat(ledger.status(KEY).haltReason()).isEqualTo("reads .env");
    assertThat(ledger.all()).extracting(LaneStatus::halted).containsExactly(true);
    assertThat(ledger.propose(KEY).failing()).extracting(CriterionResult::detail).contains("halted: reads .env");
    assertThatThrownBy(() -> ledger.reset(KEY, "dave")).isInstanceOf(dev.agentlane.promotion.LedgerStoreException.class);
    assertThat(ledger.status(KEY).halted()).as("a reset that cannot be saved lifts nothing").isTrue();

    store.broken = false;
    assertThat(ledger.reset(KEY, "dave")).isTrue();
    assertThat(ledger.status(KEY).halted()).isFalse();
    assertThat(ledger.status(KEY).lane()).as("the reset saves the demotion the halt could not").isEqualTo(Lane.SANDBOX);
    assertThat(store.load(KEY).orElseThrow().lane()).isEqualTo(Lane.SANDBOX);
    assertThat(events).filteredOn(e -> e.startsWith("demoted") || e.startsWith("reset")).containsExactly(
        "demoted governed→sandbox by engine: halted: reads .env", "reset by dave");
  }

  @Test
  void haltOfANeverSeenPairLatchesWhenTheStoreCannotSaveIt() {
    BreakableStore store = new BreakableStore();
    store.broken = true;
    LedgerLaneDirectory ledger = LedgerLaneDirectory.builder().policy(POLICY).clock(clock).store(store).build();
    assertThatThrownBy(() -> ledger.halt(KEY, "reads .env", "engine"))
        .isInstanceOf(dev.agentlane.promotion.LedgerStoreException.class);
    assertThat(ledger.status(KEY).halted()).isTrue();
    assertThat(ledger.reset(KEY, "dave")).isTrue();
    assertThat(ledger.status(KEY).halted()).isFalse();
  }

  @Test
  void storeAnsweringWithAnotherPairsStateIsAnErrorNotAPromotion() {
    AgentKey boss = AgentKey.of("ops-bot", "incidents");
    InMemoryLedgerStore real = new InMemoryLedgerStore();
    int[] botSaves = {0};
    dev.agentlane.promotion.LedgerStore garbled = new dev.agentlane.promotion.LedgerStore() {
      @Override
      public List<dev.agentlane.promotion.PairState> loadAll() {
        return real.loadAll();
      }

      @Override
      public java.util.Optional<dev.agentlane.promotion.PairState> load(AgentKey key) {
        return real.load(boss); // a buggy query: the wrong row
      }

      @Override
      public boolean save(dev.agentlane.promotion.PairState state) {
        if (state.key().equals(KEY) && botSaves[0]++ == 0) {
          return false; // a concurrent writer: the ledger reloads the pair
        }
        return real.save(state);
      }
    };
    LedgerLaneDirectory ledger = LedgerLaneDirectory.builder().policy(POLICY).clock(clock).store(garbled).build();
    ledger.assign(boss, Lane.PRODUCTION, "admin", "seeded");
    assertThatThrownBy(() -> ledger.record(KEY, Outcome.clean(), "review-bot"))
        .isInstanceOf(dev.agentlane.promotion.LedgerStoreException.class)
        .hasMessageContaining("state of ops-bot/incidents when asked for release-bot/dependency-bumps");
    assertThat(ledger.status(KEY).lane()).isEqualTo(Lane.DRAFT);
    assertThat(ledger.status(boss).lane()).isEqualTo(Lane.PRODUCTION);
  }

  @Test
  void resetOfAnUnknownPairIsFalse() {
    assertThat(ledger().reset(KEY, "dave")).isFalse();
  }

  @Test
  void assignIsTheAdministrativeOverrideAndRestartsTheEvidence() {
    LedgerLaneDirectory ledger = ledger();
    ledger.record(KEY, Outcome.clean(), "review-bot");
    ledger.assign(KEY, Lane.STAGING, "admin", "migrated from the old tool");
    assertThat(ledger.status(KEY).lane()).isEqualTo(Lane.STAGING);
    assertThat(ledger.metrics(KEY).reviews()).isZero();
    assertThat(ledger.metrics(KEY).promotions()).as("an override is not a promotion").isZero();
    assertThat(events).last().isEqualTo("assigned draft→staging by admin");
    assertThatThrownBy(() -> ledger.assign(KEY, Lane.of("moon", 9), "admin", "x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("moon");
  }

  @Test
  void stopConditionHitsAreCountedByCode() {
    LedgerLaneDirectory ledger = ledger();
    ledger.record(KEY, Outcome.stopConditionHit("blast-radius", "max-files"), "engine");
    ledger.record(KEY, Outcome.stopConditionHit("blast-radius", "max-files"), "engine");
    ledger.record(KEY, Outcome.stopConditionHit("secret-path", "no-secrets"), "engine");
    assertThat(ledger.metrics(KEY).stopConditionHits()).isEqualTo(Map.of("blast-radius", 2L, "secret-path", 1L));
    assertThat(ledger.status(KEY).lane()).isEqualTo(Lane.DRAFT);
  }

  @Test
  void metricsAreAnOperatingSnapshot() {
    LedgerLaneDirectory ledger = ledger();
    earnPromotion(ledger, clock);
    ledger.record(KEY, Outcome.revert(), "ci");
    ledger.record(KEY, Outcome.review(ReviewResult.REJECTED), "review-bot");
    PairMetrics m = ledger.metrics(KEY);
    assertThat(m.reviews()).isEqualTo(101);
    assertThat(m.clean()).isEqualTo(95);
    assertThat(m.changesRequested()).isEqualTo(5);
    assertThat(m.rejected()).isEqualTo(1);
    assertThat(m.rework()).isEqualTo(3);
    assertThat(m.reverts()).isEqualTo(1);
    assertThat(m.cleanRate()).isEqualTo(95.0 / 101);
    assertThat(m.cleanRateLowerBound()).isLessThan(m.cleanRate()).isGreaterThan(0.85);
    assertThat(m.cleanRateUpperBound()).isGreaterThan(m.cleanRate());
    assertThat(m.reworkRate()).isEqualTo(4.0 / 101);
    assertThat(m.reworkRateUpperBound()).isGreaterThan(m.reworkRate());
    assertThat(m.releaseCycles()).isEqualTo(4);
    assertThat(m.timeInLane()).isEqualTo(Duration.ofDays(15));
    assertThat(m.confidence()).isEqualTo(0.95);
    assertThat(ledger.metrics()).containsExactly(m);
    assertThatThrownBy(() -> m.incidents().put(Severity.LOW, 1L)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void criteriaArePerTransition() {
    PromotionCriteria lenient = PromotionCriteria.builder().minObservations(1).minReleaseCycles(0).minDaysInLane(0)
        .minCleanRateLowerBound(0).maxReworkUpperBound(1).build();
    LedgerLaneDirectory ledger = LedgerLaneDirectory.builder().policy(POLICY).clock(clock)
        .criteria(Map.of("sandbox", lenient)).build();
    ledger.record(KEY, Outcome.clean(), "review-bot");
    assertThat(ledger.promote(KEY, "alice", "sandbox is cheap").lane()).isEqualTo(Lane.SANDBOX);
    ledger.record(KEY, Outcome.clean(), "review-bot");
    assertThat(ledger.propose(KEY).eligible()).as("sandbox → governed uses the defaults").isFalse();
    assertThat(ledger.criteriaFor(Lane.GOVERNED)).isEqualTo(PromotionCriteria.defaults());

    assertThatThrownBy(() -> LedgerLaneDirectory.builder().policy(POLICY).criteria("moon", lenient).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'moon'");
    assertThatThrownBy(() -> LedgerLaneDirectory.builder().policy(POLICY).criteria("draft", lenient).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lowest lane");
    assertThatThrownBy(() -> LedgerLaneDirectory.builder().build()).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aThrowingListenerCannotBreakTheLedgerAndRegistrationsClose() {
    LedgerLaneDirectory ledger = ledger();
    Registration r = ledger.addListener(new LedgerListener() {
      @Override
      public void outcomeRecorded(RecordedOutcome outcome) {
        throw new IllegalStateException("boom");
      }
    });
    ledger.record(KEY, Outcome.clean(), "review-bot");
    assertThat(ledger.metrics(KEY).clean()).isEqualTo(1);
    assertThat(events).containsExactly("recorded review");
    r.close();
    r.close();
    ledger.record(KEY, Outcome.clean(), "review-bot");
    assertThat(events).hasSize(2);
  }

  @Test
  void recordingNeedsANamedRecorder() {
    assertThatThrownBy(() -> ledger().record(KEY, Outcome.clean(), "")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("recordedBy");
  }

  @Test
  void lanesFollowThePolicyInForce() {
    Policy custom = Policy.builder().lanes(List.of(Lane.of("low", 0), Lane.of("mid", 5), Lane.of("high", 9)))
        .defaultLane("mid").build();
    java.util.concurrent.atomic.AtomicReference<Policy> current = new java.util.concurrent.atomic.AtomicReference<>(
        custom);
    LedgerLaneDirectory ledger = LedgerLaneDirectory.builder().policy(current::get).clock(clock).build();
    assertThat(ledger.status(KEY).lane()).isEqualTo(Lane.of("mid", 5));
    ledger.demote(KEY, "start low", "admin");
    assertThat(ledger.status(KEY).lane()).isEqualTo(Lane.of("low", 0));
    ledger.assign(KEY, Lane.of("high", 9), "admin", "x");
    current.set(Policy.builder().lanes(List.of(Lane.of("low", 0), Lane.of("mid", 5))).build());
    assertThat(ledger.status(KEY).lane()).as("a lane the policy dropped reads as the lowest")
        .isEqualTo(Lane.of("low", 0));
  }
}
