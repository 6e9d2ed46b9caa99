package dev.agentlane.cli;

import static dev.agentlane.cli.CoreFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code agentlane verify}, run as a separate process on audit logs written by {@code decide --state}. */
class VerifyCommandIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A log of four records: a decision, a halt, a demotion and the halting decision. */
  @TempDir
  static Path shared;

  static List<String> lines;

  @BeforeAll
  static void writeALog() throws Exception {
    write(shared, "policy.yaml", CoreFixtures.TEAM_POLICY);
    CliRun.in(shared, CoreFixtures.NPM_TEST, "decide", "--policy", "policy.yaml", "--state", "state", "-");
    CliRun.in(shared, CoreFixtures.CAT_ENV, "decide", "--policy", "policy.yaml", "--state", "state", "-");
    lines = Files.readAllLines(shared.resolve("state/audit.jsonl"));
    assertThat(lines).hasSize(4);
  }

  private static Path log(Path dir, List<String> records) throws Exception {
    Path file = dir.resolve("audit.jsonl");
    Files.writeString(file, String.join("\n", records) + "\n");
    return file;
  }

  @Test
  void helpExplainsTheHead() {
    CliRun run = CliRun.of("verify", "--help");
    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).startsWith("Usage: agentlane verify").contains("--expected-head=SEQ:HASH", "AUDIT",
        "Exit status:");
  }

  @Test
  void anIntactLogVerifiesAndPrintsItsHead() throws Exception {
    CliRun run = CliRun.in(shared, "", "verify", "state");
    assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.OK);
    String hash = JSON.readTree(lines.get(3)).get("hash").asText();
    assertThat(run.out()).isEqualTo("state/audit.jsonl: OK, 4 records verified\nhead 4:" + hash + "\n");
  }

  @Test
  void anEditedRecordIsNamedWithItsLine(@TempDir Path dir) throws Exception {
    List<String> edited = new ArrayList<>(lines);
    assertThat(edited.get(1)).contains("\"kind\":\"halt\"");
    edited.set(1, edited.get(1).replace("\"approver\":\"agentlane\"", "\"approver\":\"mallory\""));
    log(dir, edited);
    CliRun run = CliRun.in(dir, "", "verify", "audit.jsonl");
    assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.REFUSED);
    assertThat(run.out()).isEqualTo("audit.jsonl:2: edited: record seq 2 on line 2 does not match its hash: its "
        + "content was changed\naudit.jsonl: FAILED after 1 good record, the last of them is head 1:"
        + JSON.readTree(lines.get(0)).get("hash").asText() + "\n");
  }

  @Test
  void aDeletedRecordIsNamedAsJson(@TempDir Path dir) throws Exception {
    List<String> deleted = new ArrayList<>(lines);
    deleted.remove(1);
    log(dir, deleted);
    CliRun run = CliRun.in(dir, "", "verify", "--format", "json", "audit.jsonl");
    assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.REFUSED);
    JsonNode o = JSON.readTree(run.out());
    assertThat(o.get("ok").asBoolean()).isFalse();
    assertThat(o.get("records").asInt()).isEqualTo(1);
    assertThat(o.get("problem").get("kind").asText()).isEqualTo("deleted");
    assertThat(o.get("problem").get("line").asInt()).isEqualTo(2);
    assertThat(o.get("problem").get("message").asText()).isEqualTo("seq 2 missing before line 2: records were deleted");
  }

  @Test
  void recordsCutFromTheEndAreFoundOnlyAgainstTheExpectedHead(@TempDir Path dir) throws Exception {
    CliRun full = CliRun.in(shared, "", "verify", "--format", "json", "state");
    String head = JSON.readTree(full.out()).get("head").asText();
    assertThat(head).startsWith("4:");
    log(dir, lines.subList(0, 3));
    CliRun alone = CliRun.in(dir, "", "verify", "audit.jsonl");
    assertThat(alone.exit()).as("a shorter chain is still a chain: " + alone).isEqualTo(ExitCode.OK);
    CliRun checked = CliRun.in(dir, "", "verify", "--expected-head", head, "audit.jsonl");
    assertThat(checked.exit()).as(checked.toString()).isEqualTo(ExitCode.REFUSED);
    assertThat(checked.out()).startsWith("audit.jsonl:4: truncated: the log ends at seq 3 (line 3) but the expected "
        + "head is seq 4: seq 4 were removed from the end\n");
    CliRun same = CliRun.in(shared, "", "verify", "--expected-head", head, "state/audit.jsonl");
    assertThat(same.exit()).as(same.toString()).isEqualTo(ExitCode.OK);
    assertThat(same.out()).contains("4 records verified, reaching the expected head");
  }

  @Test
  void aMissingLogIsAnErrorAndAMalformedHeadAUsageError(@TempDir Path dir) {
    CliRun missing = CliRun.in(dir, "", "verify", "audit.jsonl");
    assertThat(missing.exit()).as(missing.toString()).isEqualTo(ExitCode.ERROR);
    assertThat(missing.err()).isEqualTo("agentlane: audit log 'audit.jsonl' does not exist\n");
    CliRun head = CliRun.in(shared, "", "verify", "--expected-head", "4:abc", "state");
    assertThat(head.exit()).as(head.toString()).isEqualTo(ExitCode.USAGE);
    assertThat(head.err()).contains("--expected-head must be SEQ:HASH");
  }
}
