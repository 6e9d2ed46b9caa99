package dev.agentlane.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentlane.Lane;
import dev.agentlane.Verdict;
import dev.agentlane.cli.ReportData.Counted;
import dev.agentlane.cli.ReportData.LaneChange;
import dev.agentlane.cli.ReportData.Timeline;
import dev.agentlane.policyfile.PolicyFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report's figures, checked against the scripted story ({@link ReportStates}) and against the audit
 * file counted independently, line by line, with Jackson.
 */
class ReportDataTest {
  @TempDir
  static Path state;
  static ReportData data;

  @BeforeAll
  static void scriptedState() {
    ReportStates.write(state);
    data = ReportData.load(state, PolicyFiles.defaultPolicy(), InstantSource.system());
  }

  private static Timeline timeline(dev.agentlane.AgentKey key) {
    return data.timelines.stream().filter(t -> t.pair().agent().equals(key.agent())).findFirst().orElseThrow();
  }

  @Test
  void theLogVerifiesAndEveryRecordIsRead() throws Exception {
    assertThat(data.verification).isNotNull();
    assertThat(data.verification.ok()).as("%s", data.verification.problem()).isTrue();
    assertThat(data.readProblem).isNull();
    long lines = Files.readAllLines(state.resolve(StateDir.AUDIT)).size();
    assertThat(data.records).isEqualTo(lines).isEqualTo(data.verification.records());
  }

  @Test
  void eachPairsLaneFollowsItsPromotionsAndDemotions() {
    assertThat(timeline(ReportStates.CAREFUL).changes()).extracting(LaneChange::lane)
        .containsExactly("draft", "sandbox", "governed", "staging");
    assertThat(timeline(ReportStates.DOCS).changes()).extracting(LaneChange::lane)
        .containsExactly("draft", "sandbox", "governed", "sandbox");
    assertThat(timeline(ReportStates.RELEASE).changes()).extracting(LaneChange::lane)
        .containsExactly("staging", "production", "staging");
  }

  @Test
  void aHaltDecisionRecordedAfterTheDemotionItCausedDoesNotDrawAStepBackUp() {
    // The HALT decision is recorded after its demotion, with the lane it was taken in (sandbox).
    assertThat(timeline(ReportStates.HASTY).changes()).extracting(LaneChange::lane)
        .containsExactly("draft", "sandbox", "draft");
  }

  @Test
  void haltsRunFromTheHaltToTheHumanReset() {
    Timeline hasty = timeline(ReportStates.HASTY);
    assertThat(hasty.halts()).hasSize(2).allSatisfy(h -> assertThat(h.to()).isAfter(h.from()));
    assertThat(hasty.marks()).extracting(m -> m.kind().code())
        .containsExactly("halt", "reset", "promotion", "halt", "demotion", "reset");
  }

  @Test
  void blocksAndVerdictsMatchTheAuditFileCountedIndependently() throws Exception {
    Map<Verdict, Long> verdicts = new EnumMap<>(Verdict.class);
    Map<String, Map<Verdict, Long>> blocks = new HashMap<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(state.resolve(StateDir.AUDIT), StandardCharsets.UTF_8)) {
      JsonNode r = json.readTree(line);
      if (!r.get("kind").asText().equals("decision")) {
        continue;
      }
      Verdict v = Verdict.ofCode(r.get("verdict").asText());
      verdicts.merge(v, 1L, Long::sum);
      if (v != Verdict.ALLOW) {
        java.util.Set<String> codes = new java.util.HashSet<>(); // once per code and decision
        r.get("reasonCodes").forEach(c -> codes.add(c.asText()));
        codes.forEach(c -> blocks.computeIfAbsent(c, k -> new EnumMap<>(Verdict.class)).merge(v, 1L, Long::sum));
      }
    }
    assertThat(data.verdicts).isEqualTo(verdicts);
    assertThat(data.verdicts.keySet()).containsExactlyInAnyOrder(Verdict.values());
    assertThat(data.blocks).extracting(Counted::label).containsExactlyInAnyOrderElementsOf(blocks.keySet());
    for (Counted c : data.blocks) {
      assertThat(c.byVerdict()).as(c.label()).isEqualTo(blocks.get(c.label()));
    }
    assertThat(data.blocks).isSortedAccordingTo((a, b) -> Long.compare(b.total(), a.total()));
  }

  @Test
  void stopConditionHitsNameTheirRule() {
    assertThat(data.stopHits).extracting(Counted::label)
        .contains("sensitive-path stop.secrets", "sensitive-path stop.infra-and-ci", "failed-tests stop.failed-tests")
        .allSatisfy(label -> assertThat(label).doesNotContain("(rule not recorded)"));
    Counted secrets = data.stopHits.stream().filter(c -> c.label().equals("sensitive-path stop.secrets"))
        .findFirst().orElseThrow();
    assertThat(secrets.byVerdict()).isEqualTo(Map.of(Verdict.HALT, 2L));
  }

  @Test
  void eventsAreTheNonDecisionRecordsInOrder() {
    assertThat(data.events).extracting(r -> r.kind().code()).contains("promotion", "demotion", "halt", "reset", "grant")
        .doesNotContain("decision", "execution");
    assertThat(data.events).extracting(r -> r.seq()).isSorted();
    assertThat(data.eventsOmitted).isZero();
  }

  @Test
  void theLedgerGivesEachPairItsRateBoundsAndNextLaneCriteria() {
    assertThat(data.pairs).isNotNull().hasSize(4);
    ReportData.PairRow careful = data.pairs.stream()
        .filter(p -> p.metrics().key().equals(ReportStates.CAREFUL)).findFirst().orElseThrow();
    assertThat(careful.metrics().lane()).isEqualTo(Lane.STAGING);
    assertThat(careful.next()).isEqualTo(Lane.PRODUCTION);
    assertThat(careful.criteria().minCleanRateLowerBound()).isEqualTo(0.9);
    assertThat(careful.metrics().cleanRateLowerBound()).isBetween(0.0, careful.metrics().cleanRate());
  }

  @Test
  void anAuditFileAloneHasNoLedger() {
    ReportData alone = ReportData.load(state.resolve(StateDir.AUDIT), PolicyFiles.defaultPolicy(),
        InstantSource.system());
    assertThat(alone.pairs).isNull();
    assertThat(alone.records).isEqualTo(data.records);
  }

  @Test
  void aDirectoryWithNeitherLogNorLedgerIsNotAStateDirectory(@TempDir Path empty) {
    assertThatThrownBy(() -> ReportData.load(empty, PolicyFiles.defaultPolicy(), InstantSource.system()))
        .isInstanceOf(CliException.class).hasMessageContaining("is not a state directory");
    assertThatThrownBy(() -> ReportData.load(empty.resolve("nope"), PolicyFiles.defaultPolicy(),
        InstantSource.system())).isInstanceOf(CliException.class).hasMessageContaining("does not exist");
  }

  @Test
  void decisionsOverTimeKeepEveryDecision() {
    assertThat(data.decisionTimes).hasSize((int) data.decisions()).isSorted();
    assertThat(List.of(data.decisionVerdicts)).doesNotContainNull();
  }
}
