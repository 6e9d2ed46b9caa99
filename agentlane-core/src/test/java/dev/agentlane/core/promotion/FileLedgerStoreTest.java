package dev.agentlane.core.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentlane.AgentKey;
import dev.agentlane.Lane;
import dev.agentlane.core.MutableClock;
import dev.agentlane.LaneStatus;
import dev.agentlane.policy.Policy;
import dev.agentlane.promotion.LedgerStoreException;
import dev.agentlane.promotion.Outcome;
import dev.agentlane.promotion.OutcomeCounts;
import dev.agentlane.promotion.PairMetrics;
import dev.agentlane.promotion.PairState;
import dev.agentlane.promotion.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileLedgerStoreTest {
  static final AgentKey KEY = AgentKey.of("release-bot", "dependency-bumps");
  static final AgentKey OTHER = AgentKey.of("docs/bot", "typo-fixes");
  static final Policy POLICY = Policy.builder().build();

  @TempDir Path dir;
  final MutableClock clock = MutableClock.startingAt("2024-06-01T00:00:00Z");

  LedgerLaneDirectory open() {
    return LedgerLaneDirectory.builder().policy(POLICY).clock(clock).store(FileLedgerStore.open(dir)).build();
  }

  @Test
  void aNewInstanceOverTheSameDirectorySeesTheSameLanesOutcomesAndHalts() {
    LedgerLaneDirectory first = open();
    LedgerLaneDirectoryTest.earnPromotion(first, clock);
    first.promote(KEY, "alice", "earned");
    first.halt(KEY, "secrets path", "engine"); // halts and demotes back to draft, where evidence starts afresh
    first.record(KEY, Outcome.clean(), "review-bot");
    first.record(KEY, Outcome.incident(Severity.LOW, "minor"), "oncall");
    first.record(KEY, Outcome.stopConditionHit("blast-radius", "max-files"), "engine");
    first.assign(OTHER, Lane.GOVERNED, "admin", "seeded");
    clock.advanceDays(2);

    LedgerLaneDirectory second = open();
    assertThat(second.all()).isEqualTo(first.all());
    LaneStatus s = second.status(KEY);
    assertThat(s.lane()).isEqualTo(Lane.DRAFT);
    assertThat(s.halted()).isTrue();
    assertThat(s.haltReason()).isEqualTo("secrets path");
    PairMetrics m = second.metrics(KEY);
    assertThat(m).isEqualTo(first.metrics(KEY));
    assertThat(m.clean()).isEqualTo(1);
    assertThat(m.incidents()).isEqualTo(Map.of(Severity.LOW, 1L));
    assertThat(m.stopConditionHits()).isEqualTo(Map.of("blast-radius", 1L));
    assertThat(m.promotions()).isEqualTo(1);
    assertThat(m.demotions()).isEqualTo(1);
    assertThat(second.status(OTHER).lane()).isEqualTo(Lane.GOVERNED);

    second.reset(KEY, "dave");
    assertThat(open().status(KEY).halted()).as("the reset is persisted too").isFalse();
  }

  @Test
  void everyFieldSurvivesTheRoundTrip() {
    FileLedgerStore store = FileLedgerStore.open(dir);
    PairState s = new PairState(OTHER, 1, Lane.STAGING, Instant.parse("2024-01-02T03:04:05.678Z"), "alice",
        "note with \"quotes\" and ünïcödé", true, "why", "engine", Instant.parse("2024-02-03T00:00:00Z"),
        new OutcomeCounts(1, 2, 3, 4, 5, 6, Map.of(Severity.HIGH, 7L, Severity.LOW, 8L), Map.of("rate", 9L)),
        Instant.parse("2024-03-04T00:00:00Z"), 10, 11);
    assertThat(store.save(s)).isTrue();
    assertThat(FileLedgerStore.open(dir).loadAll()).containsExactly(s);
    assertThat(store.load(OTHER)).contains(s);
  }

  @Test
  void saveIsACompareAndSetOnTheVersion() {
    FileLedgerStore store = FileLedgerStore.open(dir);
    PairState v1 = PairState.initial(KEY, Lane.DRAFT, clock.instant());
    assertThat(store.save(v1)).isTrue();
    assertThat(store.save(v1)).as("version 1 again").isFalse();
    PairState v3 = new PairState(KEY, 3, Lane.DRAFT, clock.instant(), null, null, false, null, null, null,
        OutcomeCounts.NONE, null, 0, 0);
    assertThat(store.save(v3)).as("skips version 2").isFalse();
    PairState v2 = new PairState(KEY, 2, Lane.SANDBOX, clock.instant(), "a", "n", false, null, null, null,
        OutcomeCounts.NONE, null, 1, 0);
    assertThat(store.save(v2)).isTrue();
    assertThat(store.load(KEY)).contains(v2);
  }

  @Test
  void aLeftoverTempFileIsIgnored() throws IOException {
    LedgerLaneDirectory first = open();
    first.assign(KEY, Lane.STAGING, "admin", "seeded");
    Path file = FileLedgerStore.open(dir).fileOf(KEY);
    // What a crash between writing and renaming leaves behind: a torn temporary file.
    Files.writeString(dir.resolve("." + file.getFileName() + ".12345.tmp"), "{\"format\":1,\"agent\":\"rel",
        StandardCharsets.UTF_8);

    LedgerLaneDirectory second = open();
    assertThat(second.status(KEY).lane()).isEqualTo(Lane.STAGING);
    second.record(KEY, Outcome.clean(), "review-bot");
    assertThat(open().metrics(KEY).clean()).isEqualTo(1);
  }

  @Test
  void writesLeaveNoTemporaryFilesBehind() throws IOException {
    LedgerLaneDirectory ledger = open();
    for (int i = 0; i < 5; i++) {
      ledger.record(KEY, Outcome.clean(), "review-bot");
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactly(FileLedgerStore.open(dir).fileOf(KEY).getFileName().toString());
    }
    assertThat(Files.readString(FileLedgerStore.open(dir).fileOf(KEY))).contains("\"version\" : 5", "\"clean\" : 5");
  }

  @Test
  void aCorruptFileIsAClearErrorNamingTheFileNotASilentReset() throws IOException {
    LedgerLaneDirectory first = open();
    first.assign(KEY, Lane.PRODUCTION, "admin", "seeded");
    Path file = FileLedgerStore.open(dir).fileOf(KEY);
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));

    assertThatThrownBy(this::open).isInstanceOf(LedgerStoreException.class)
        .hasMessageContaining(file.toString()).hasMessageContaining("corrupt");
    FileLedgerStore store = FileLedgerStore.open(dir);
    assertThatThrownBy(() -> store.save(PairState.initial(KEY, Lane.DRAFT, clock.instant())))
        .as("a corrupt file is never overwritten as if absent").isInstanceOf(LedgerStoreException.class)
        .hasMessageContaining(file.toString());
  }

  @Test
  void unknownFieldsAndBadValuesAreErrors() throws IOException {
    open().assign(KEY, Lane.SANDBOX, "admin", "seeded");
    Path file = FileLedgerStore.open(dir).fileOf(KEY);
    String json = Files.readString(file);

    Files.writeString(file, json.replace("\"halted\" : false", "\"halted\" : false, \"extra\" : 1"));
    assertThatThrownBy(this::open).isInstanceOf(LedgerStoreException.class).hasMessageContaining("unknown field 'extra'");

    Files.writeString(file, json.replace("\"clean\" : 0", "\"clean\" : -4"));
    assertThatThrownBy(this::open).isInstanceOf(LedgerStoreException.class).hasMessageContaining("clean must be >= 0");

    Files.writeString(file, json.replace("\"format\" : 1", "\"format\" : 2"));
    assertThatThrownBy(this::open).isInstanceOf(LedgerStoreException.class).hasMessageContaining("format 2");
  }

  @Test
  void aFileUnderAnotherPairsNameIsAnError() throws IOException {
    open().assign(KEY, Lane.SANDBOX, "admin", "seeded");
    FileLedgerStore store = FileLedgerStore.open(dir);
    Files.move(store.fileOf(KEY), store.fileOf(OTHER));
    assertThatThrownBy(this::open).isInstanceOf(LedgerStoreException.class)
        .hasMessageContaining(store.fileOf(OTHER).toString()).hasMessageContaining("holds pair " + KEY);
  }
}
