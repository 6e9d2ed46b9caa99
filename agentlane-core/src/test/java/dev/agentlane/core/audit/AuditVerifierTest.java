package dev.agentlane.core.audit;

import static dev.agentlane.core.audit.AuditFixture.entry;
import static dev.agentlane.core.audit.AuditFixture.forge;
import static dev.agentlane.core.audit.AuditFixture.lines;
import static dev.agentlane.core.audit.AuditFixture.parse;
import static dev.agentlane.core.audit.AuditFixture.writeLines;
import static dev.agentlane.core.audit.AuditFixture.writeLog;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentlane.AuditRecord;
import dev.agentlane.core.audit.AuditVerification.Kind;
import dev.agentlane.core.audit.AuditVerification.Problem;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ten records, one kind of tampering per test; the verifier must name the first bad record. */
class AuditVerifierTest {
  @TempDir
  Path dir;
  Path file;
  AuditHead head;
  List<String> lines;

  @BeforeEach
  void tenRecords() throws Exception {
    file = dir.resolve("audit.jsonl");
    head = writeLog(file, 10);
    lines = lines(file);
  }

  private Problem problem(AuditHead expected) {
    AuditVerification v = AuditVerifier.verify(file, expected);
    assertThat(v.ok()).as("verification should fail").isFalse();
    return v.problem();
  }

  private Problem problem() {
    return problem(null);
  }

  @Test
  void intactFileVerifiesAndReachesTheSinksHead() {
    AuditVerification v = AuditVerifier.verify(file, head);
    assertThat(v.ok()).as("%s", v.problem()).isTrue();
    assertThat(v.records()).isEqualTo(10);
    assertThat(v.head()).isEqualTo(head);
  }

  @Test
  void editedFieldIsNamed() throws Exception {
    String line = lines.get(3);
    String edited = line.contains("\"verdict\":\"deny\"") ? line.replace("\"verdict\":\"deny\"", "\"verdict\":\"allow\"")
        : line.replace("\"verdict\":\"allow\"", "\"verdict\":\"deny\"");
    assertThat(edited).isNotEqualTo(line);
    lines.set(3, edited);
    writeLines(file, lines);
    Problem p = problem();
    assertThat(p.kind()).isEqualTo(Kind.EDITED);
    assertThat(p.line()).isEqualTo(4);
    assertThat(p.seq()).isEqualTo(4);
    assertThat(p.message()).contains("line 4").contains("hash");
    assertThat(AuditVerifier.verify(file).records()).isEqualTo(3);
  }

  @Test
  void recordAlteredAndRehashedIsNamed() throws Exception {
    AuditRecord original = parse(lines.get(3));
    lines.set(3, forge(4, entry("e4-forged"), original.previousHash()));
    writeLines(file, lines);
    Problem p = problem();
    assertThat(p.kind()).isEqualTo(Kind.EDITED);
    assertThat(p.line()).isEqualTo(4);
    assertThat(p.message()).contains("rehashed");
  }

  @Test
  void reorderedPairIsNamed() throws Exception {
    Collections.swap(lines, 4, 5);
    writeLines(file, lines);
    Problem p = problem();
    assertThat(p.kind()).isEqualTo(Kind.REORDERED);
    assertThat(p.line()).isEqualTo(5);
    assertThat(p.seq()).isEqualTo(6);
    assertThat(p.message()).contains("seq 5").contains("line 6");
  }

  @Test
  void lastRecordMovedUpIsAReordering() throws Exception {
    Collections.swap(lines, 8, 9);
    writeLines(file, lines);
    Problem p = problem();
    assertThat(p.kind()).isEqualTo(Kind.REORDERED);
    assertThat(p.line()).isEqualTo(9);
  }

  @Test
  void recordMovedFarDownIsAReordering() throws Exception {
    lines.add(8, lines.remove(2));
    writeLines(file, lines);
    Problem p = problem();
    assertThat(p.kind()).isEqualTo(Kind.REORDERED);
    assertThat(p.line()).isEqualTo(3);
    assertThat(p.message()).contains("line 9");
  }

  @Test
  void deletedLineIsNamed() throws Exception {
    lines.remove(5);
    writeLines(file, lines);
    Problem p = problem();
    assertThat(p.kind()).isEqualTo(Kind.DELETED);
    assertThat(p.line()).isEqualTo(6);
    assertThat(p.seq()).isEqualTo(6);
  }

  @Test
  void deletedFirstLineIsNamed() throws Exception {
    lines.remove(0);
    writeLines(file, lines);
    Problem p = problem();
    assertThat(p.kind()).isEqualTo(Kind.DELETED);
    assertThat(p.line()).isEqualTo(1);
    assertThat(p.seq()).isEqualTo(1);
  }

  @Test
  void replayedCopyOfAnEarlierRecordIsNamed() throws Exception {
    lines.add(7, lines.get(1));
    writeLines(file, lines);
    Problem p = problem();
    assertThat(p.kind()).isEqualTo(Kind.INSERTED);
    assertThat(p.line()).isEqualTo(8);
    assertThat(p.seq()).isEqualTo(2);
  }

  @Test
  void forgedRecordWithAValidHashInsertedInTheChainIsNamed() throws Exception {
    AuditRecord fourth = parse(lines.get(3));
    lines.add(4, forge(5, entry("forged"), fourth.hash()));
    writeLines(file, lines);
    Problem p = problem();
    assertThat(p.kind()).isEqualTo(Kind.INSERTED);
    assertThat(p.line()).isEqualTo(5);
    assertThat(p.seq()).isEqualTo(5);
  }

  @Test
  void forgedRecordWithAFutureSeqIsAnInsertionNotAReordering() throws Exception {
    lines.add(4, forge(99, entry("forged"), AuditRecord.GENESIS_HASH));
    writeLines(file, lines);
    Problem p = problem();
    assertThat(p.kind()).isEqualTo(Kind.INSERTED);
    assertThat(p.line()).isEqualTo(5);
  }

  @Test
  void truncatedTailIsInvisibleAloneAndNamedAgainstTheExpectedHead() throws Exception {
    writeLines(file, lines.subList(0, 7));
    assertThat(AuditVerifier.verify(file).ok()).as("a shorter chain is a valid chain on its own").isTrue();
    Problem p = problem(head);
    assertThat(p.kind()).isEqualTo(Kind.TRUNCATED);
    assertThat(p.line()).isEqualTo(8);
    assertThat(p.seq()).isEqualTo(8);
    assertThat(p.message()).contains("seqs 8 to 10");
  }

  @Test
  void tailRewrittenWithValidHashesIsNamedAgainstTheExpectedHead() throws Exception {
    AuditRecord ninth = parse(lines.get(8));
    lines.set(9, forge(10, entry("rewritten"), ninth.hash()));
    writeLines(file, lines);
    assertThat(AuditVerifier.verify(file).ok()).isTrue();
    Problem p = problem(head);
    assertThat(p.kind()).isEqualTo(Kind.EDITED);
    assertThat(p.line()).isEqualTo(10);
  }

  @Test
  void brokenJsonLineIsNamed() throws Exception {
    lines.set(2, lines.get(2).substring(0, 40));
    writeLines(file, lines);
    Problem p = problem();
    assertThat(p.kind()).isEqualTo(Kind.MALFORMED);
    assertThat(p.line()).isEqualTo(3);
    assertThat(p.message()).contains("line 3");
  }

  @Test
  void unknownFieldIsMalformed() throws Exception {
    lines.set(2, lines.get(2).replace("{\"seq\"", "{\"extra\":1,\"seq\""));
    writeLines(file, lines);
    Problem p = problem();
    assertThat(p.kind()).isEqualTo(Kind.MALFORMED);
    assertThat(p.message()).contains("extra");
  }

  @Test
  void reformattedLineIsAnEdit() throws Exception {
    lines.set(6, lines.get(6).replace(",\"kind\"", ", \"kind\""));
    writeLines(file, lines);
    Problem p = problem();
    assertThat(p.kind()).isEqualTo(Kind.EDITED);
    assertThat(p.line()).isEqualTo(7);
  }
}
