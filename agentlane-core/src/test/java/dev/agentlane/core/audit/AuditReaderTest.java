package dev.agentlane.core.audit;

import static dev.agentlane.core.audit.AuditFixture.lines;
import static dev.agentlane.core.audit.AuditFixture.writeLines;
import static dev.agentlane.core.audit.AuditFixture.writeLog;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentlane.AuditException;
import dev.agentlane.AuditRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader gives back what the sink wrote, reads without judging, and stops at a line that is not a record. */
class AuditReaderTest {
  @TempDir
  Path dir;

  @Test
  void readsEveryRecordTheSinkWroteInOrder() {
    Path file = dir.resolve("audit.jsonl");
    AuditHead head = writeLog(file, 5);
    List<AuditRecord> records = new ArrayList<>();
    assertThat(AuditLogs.read(file, records::add)).isEqualTo(5);
    assertThat(records).extracting(AuditRecord::detail).containsExactly("e1", "e2", "e3", "e4", "e5");
    assertThat(records).extracting(AuditRecord::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(records.get(4).hash()).isEqualTo(head.hash());
    assertThat(records.get(0).entry()).isEqualTo(AuditFixture.entry("e1"));
  }

  @Test
  void anEditedRecordIsReadAsItStandsAndOnlyTheVerifierFlagsIt() throws Exception {
    Path file = dir.resolve("audit.jsonl");
    writeLog(file, 3);
    List<String> lines = lines(file);
    lines.set(1, lines.get(1).replace("\"detail\":\"e2\"", "\"detail\":\"forged\""));
    writeLines(file, lines);
    List<AuditRecord> records = new ArrayList<>();
    AuditReader.read(file, records::add);
    assertThat(records).extracting(AuditRecord::detail).containsExactly("e1", "forged", "e3");
    assertThat(AuditVerifier.verify(file).ok()).isFalse();
  }

  @Test
  void stopsAtTheFirstLineThatIsNotARecordAfterPassingTheOnesBefore() throws Exception {
    Path file = dir.resolve("audit.jsonl");
    writeLog(file, 4);
    List<String> lines = lines(file);
    lines.set(2, "{\"seq\":3}");
    writeLines(file, lines);
    List<AuditRecord> records = new ArrayList<>();
    assertThatThrownBy(() -> AuditReader.read(file, records::add))
        .isInstanceOfSatisfying(AuditException.class,
            e -> assertThat(e.failure()).isEqualTo(AuditException.Failure.CORRUPT))
        .hasMessageContaining("line 3 is not an audit record: missing field 'time'");
    assertThat(records).extracting(AuditRecord::detail).containsExactly("e1", "e2");
  }

  @Test
  void anIncompleteLastLineIsNotARecord() throws Exception {
    Path file = dir.resolve("audit.jsonl");
    writeLog(file, 2);
    Files.writeString(file, "{\"seq\":3,\"ti", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
    List<AuditRecord> records = new ArrayList<>();
    assertThatThrownBy(() -> AuditReader.read(file, records::add)).isInstanceOf(AuditException.class)
        .hasMessageContaining("line 3 is not an audit record: it is incomplete");
    assertThat(records).hasSize(2);
  }

  @Test
  void aMissingFileIsAnIoError() {
    assertThatThrownBy(() -> AuditReader.read(dir.resolve("absent.jsonl"), r -> { }))
        .isInstanceOfSatisfying(AuditException.class,
            e -> assertThat(e.failure()).isEqualTo(AuditException.Failure.IO_ERROR))
        .hasMessageContaining("absent.jsonl");
  }
}
