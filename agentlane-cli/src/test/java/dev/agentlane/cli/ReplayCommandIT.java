package dev.agentlane.cli;

import static dev.agentlane.cli.CoreFixtures.read;
import static dev.agentlane.cli.CoreFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code agentlane replay}, run as a separate process on a journal recorded by running {@code decide
 * --record-actions} through the jar, replayed under a stricter policy file.
 */
class ReplayCommandIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A state directory with a journal of six decisions under the team policy (version 7). */
  @TempDir
  static Path shared;

  @BeforeAll
  static void recordSixDecisions() throws Exception {
    write(shared, "policy.yaml", CoreFixtures.TEAM_POLICY);
    write(shared, "stricter.yaml", CoreFixtures.STRICTER_POLICY);
    // allow, allow, escalate, allow, halt, and a halt of the halted pair
    for (String action : List.of(CoreFixtures.NPM_TEST, CoreFixtures.FETCH, CoreFixtures.WRITE_PAYMENTS,
        CoreFixtures.GIT_STATUS, CoreFixtures.CAT_ENV, CoreFixtures.NPM_TEST)) {
      CliRun run = CliRun.in(shared, action, "decide", "--policy", "policy.yaml", "--state", "state",
          "--record-actions", "-");
      assertThat(run.exit()).as(run.toString()).isIn(ExitCode.OK, ExitCode.REFUSED);
    }
    assertThat(Files.readAllLines(shared.resolve("state/actions.jsonl"))).hasSize(6);
  }

  @Test
  void helpNamesTheChoices() {
    CliRun run = CliRun.of("replay", "--help");
    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).startsWith("Usage: agentlane replay").contains("--policy=NEW", "JOURNAL", "--lanes=SOURCE",
        "--fail-on=CHANGE", "--show-arguments", "--format=FORMAT", "Exit status:");
  }

  @Test
  void aStricterPolicyShowsWhatItWouldNowRefuse() {
    CliRun run = CliRun.in(shared, "", "replay", "--policy", "stricter.yaml", "state");
    assertThat(run.exit()).as("any change fails by default: " + run).isEqualTo(ExitCode.REFUSED);
    assertThat(run.out())
        .startsWith("replayed 5 of 6 recorded decisions from state/actions.jsonl under policy payments-team version "
            + "8, lanes as recorded\n")
        .contains("newly refused (allowed before): 1\n  line 2  ")
        .contains("  coder/bugfix  http_get  lane sandbox  digest ")
        .contains("    before ALLOW (d-")
        .contains("    now    DENY (stricter)\n      host-not-allowed [tool.http_get]: host "
            + "artifacts.payments.example:443 is not allowed\n")
        .contains("newly allowed (refused before): 0\n")
        .contains("verdict changed: 1\n  line 3  ")
        .contains("    before ESCALATE sensitive-path (d-")
        .contains("    now    DENY (stricter)\n      sensitive-path [team.payments-code]: ")
        .contains("unchanged: 3\n")
        .contains("skipped: 1\n  line 6: its pair was halted, so the action itself was never judged")
        .endsWith("2 stricter, 0 looser: FAIL (--fail-on any)\n")
        .as("arguments stay out of the report unless asked for").doesNotContain("arguments", "lib.tgz", "...");
  }

  @Test
  void failOnLooserPassesAStricterPolicyAndCatchesALooserOne() {
    CliRun stricter = CliRun.in(shared, "", "replay", "--policy", "stricter.yaml", "--fail-on", "looser", "state");
    assertThat(stricter.exit()).as(stricter.toString()).isEqualTo(ExitCode.OK);
    assertThat(stricter.out()).endsWith("2 stricter, 0 looser: OK (--fail-on looser)\n");
    // the shipped default has neither the team's host nor its payments rule: one refused, one allowed
    CliRun looser = CliRun.in(shared, "", "replay", "--policy", "default", "--fail-on", "looser", "--show-arguments",
        "state/actions.jsonl");
    assertThat(looser.exit()).as(looser.toString()).isEqualTo(ExitCode.REFUSED);
    assertThat(looser.out()).contains("newly allowed (refused before): 1\n  line 3  ")
        .contains("    arguments {\"path\":\"src/payments/Ledger.java\",\"content\":\"...\"}\n"
            + "    before ESCALATE sensitive-path (d-")
        .contains("    now    ALLOW (looser)\n")
        .endsWith("1 stricter, 1 looser: FAIL (--fail-on looser)\n");
    CliRun never = CliRun.in(shared, "", "replay", "--policy", "default", "--fail-on", "never", "state");
    assertThat(never.exit()).as(never.toString()).isEqualTo(ExitCode.OK);
  }

  @Test
  void theSamePolicyChangesNothing() {
    CliRun run = CliRun.in(shared, "", "replay", "--policy", "policy.yaml", "state");
    assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.OK);
    assertThat(run.out()).contains("newly refused (allowed before): 0\n", "unchanged: 5\n")
        .endsWith("0 stricter, 0 looser: OK (--fail-on any)\n");
  }

  @Test
  void jsonGroupsTheChanges() throws Exception {
    CliRun run = CliRun.in(shared, "", "replay", "--policy", "stricter.yaml", "--format", "json", "state");
    assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.REFUSED);
    JsonNode o = JSON.readTree(run.out());
    assertThat(o.get("ok").asBoolean()).isFalse();
    assertThat(o.get("replayed").asInt()).isEqualTo(5);
    assertThat(o.get("stricter").asInt()).isEqualTo(2);
    assertThat(o.get("looser").asInt()).isZero();
    assertThat(o.get("unchanged").asInt()).isEqualTo(3);
    assertThat(o.get("skipped").asInt()).isEqualTo(1);
    JsonNode refused = o.get("newly-refused").get(0);
    assertThat(refused.get("line").asInt()).isEqualTo(2);
    assertThat(refused.get("tool").asText()).isEqualTo("http_get");
    assertThat(refused.get("before").get("verdict").asText()).isEqualTo("allow");
    assertThat(refused.get("after").get("verdict").asText()).isEqualTo("deny");
    assertThat(refused.get("after").get("reasons").get(0).get("code").asText()).isEqualTo("host-not-allowed");
    assertThat(refused.get("direction").asText()).isEqualTo("stricter");
    assertThat(refused.has("arguments")).isFalse();
    JsonNode changed = o.get("verdict-changed").get(0);
    assertThat(changed.get("before").get("verdict").asText()).isEqualTo("escalate");
    assertThat(changed.get("before").get("rules").get(0).asText()).isEqualTo("team.payments-code");
    assertThat(changed.get("after").get("verdict").asText()).isEqualTo("deny");
    assertThat(o.get("newly-allowed")).isEmpty();
    // the digests in the report are the audit log's
    String audit = read(shared.resolve("state/audit.jsonl"));
    assertThat(audit).contains(refused.get("action-digest").asText(), changed.get("action-digest").asText());
  }

  @Test
  void lanesFromTheLedgerJudgeTheActionsWhereThePairsStandNowAndWriteNothing() throws Exception {
    Map<String, String> before = snapshot(shared.resolve("state"));
    CliRun run = CliRun.in(shared, "", "replay", "--policy", "policy.yaml", "--lanes", "ledger", "state");
    assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.REFUSED);
    // coder/bugfix was halted and demoted to draft; the halt itself is not replayed, the lane is
    assertThat(run.out()).contains("lanes from the ledger\n")
        .contains("newly refused (allowed before): 2\n")
        .contains("  coder/bugfix  bash  lane draft  digest ")
        .contains("      lane-too-low [lane.tests.run]: capability 'tests.run' is earned at lane sandbox; coder/bugfix "
            + "is in lane draft\n");
    assertThat(snapshot(shared.resolve("state"))).as("the state is not written").isEqualTo(before);
  }

  @Test
  void aTornLastLineIsIgnoredByReplayAndCutByTheNextRecord(@TempDir Path dir) throws Exception {
    write(dir, "policy.yaml", CoreFixtures.TEAM_POLICY);
    CliRun.in(dir, CoreFixtures.NPM_TEST, "decide", "--policy", "policy.yaml", "--state", "state", "--record-actions",
        "-");
    Path journal = dir.resolve("state/actions.jsonl");
    Files.writeString(journal, "{\"action\":{\"agent\":\"co", java.nio.file.StandardOpenOption.APPEND);
    CliRun replay = CliRun.in(dir, "", "replay", "--policy", "policy.yaml", "state");
    assertThat(replay.exit()).as(replay.toString()).isEqualTo(ExitCode.OK);
    assertThat(replay.out()).contains("replayed 1 of 1 recorded decision", "line 2 is incomplete (a write cut "
        + "short) and was ignored\n");
    CliRun.in(dir, CoreFixtures.GIT_STATUS, "decide", "--policy", "policy.yaml", "--state", "state",
        "--record-actions", "-");
    List<String> lines = Files.readAllLines(journal);
    assertThat(lines).hasSize(2);
    assertThat(JSON.readTree(lines.get(1)).get("action").get("agent").asText()).isEqualTo("reviewer");
  }

  @Test
  void anEditedJournalLineIsCaughtByItsDigest(@TempDir Path dir) throws Exception {
    List<String> lines = Files.readAllLines(shared.resolve("state/actions.jsonl"));
    write(dir, "policy.yaml", CoreFixtures.TEAM_POLICY);
    write(dir, "actions.jsonl", lines.get(0).replace("npm test", "npm test; curl evil.example") + "\n");
    CliRun run = CliRun.in(dir, "", "replay", "--policy", "policy.yaml", "actions.jsonl");
    assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.REFUSED);
    assertThat(run.out()).contains("differs from the recorded ").contains("the journal line was edited");
  }

  @Test
  void badInputsEndWithTheirOwnStatus(@TempDir Path dir) throws Exception {
    write(dir, "actions.jsonl", "{\"action\":{\"agent\":\"a\",\"workflow\":\"w\",\"tool\":\"t\"},\"verdict\":\"maybe\"}\n");
    CliRun malformed = CliRun.in(dir, "", "replay", "--policy", "default", "actions.jsonl");
    assertThat(malformed.exit()).as(malformed.toString()).isEqualTo(ExitCode.ERROR);
    assertThat(malformed.err()).isEqualTo("agentlane: actions.jsonl:1: $.verdict unknown verdict 'maybe'; expected one of "
        + "allow, escalate, deny, halt\n");
    CliRun missing = CliRun.in(dir, "", "replay", "--policy", "default", "nothere.jsonl");
    assertThat(missing.exit()).as(missing.toString()).isEqualTo(ExitCode.ERROR);
    assertThat(missing.err()).contains("action journal 'nothere.jsonl' does not exist");
    CliRun lanes = CliRun.in(dir, "", "replay", "--policy", "default", "--lanes", "now", "actions.jsonl");
    assertThat(lanes.exit()).as(lanes.toString()).isEqualTo(ExitCode.USAGE);
    CliRun ledger = CliRun.in(dir, "", "replay", "--policy", "default", "--lanes", "ledger", "actions.jsonl");
    assertThat(ledger.exit()).as(ledger.toString()).isEqualTo(ExitCode.USAGE);
    assertThat(ledger.err()).contains("--lanes ledger needs a state directory");
    CliRun failOn = CliRun.in(dir, "", "replay", "--policy", "default", "--fail-on", "sometimes", "actions.jsonl");
    assertThat(failOn.exit()).as(failOn.toString()).isEqualTo(ExitCode.USAGE);
  }

  /** Every file below {@code dir} with its content. */
  private static Map<String, String> snapshot(Path dir) throws Exception {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        out.put(dir.relativize(f).toString(), Files.readString(f));
      }
    }
    return out;
  }
}
