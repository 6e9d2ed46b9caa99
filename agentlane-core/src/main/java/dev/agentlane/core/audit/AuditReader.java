package dev.agentlane.core.audit;

import dev.agentlane.AuditException;
import dev.agentlane.AuditRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads the records of a JSON Lines audit file written by {@link JsonLinesAuditSink}, in file order, for
 * reports and tools. It reads; it does not judge: a record whose hash no longer matches its content, or
 * that breaks the chain, is read as it stands. {@link AuditVerifier} says whether the file can be trusted,
 * so a tool that shows records should verify the file as well and say what it found.
 *
 * <p>Thread-safe (stateless). Reads the file once, streaming, one record at a time.
 *
 * <pre>{@code
 * List<AuditRecord> records = new ArrayList<>();
 * AuditReader.read(Path.of("audit.jsonl"), records::add);
 * AuditVerification v = AuditVerifier.verify(Path.of("audit.jsonl"));
 * }</pre>
 */
public final class AuditReader {
  private AuditReader() {}

  /**
   * Passes each record of {@code file} to {@code each}, in file order, and returns how many it passed.
   * Stops at the first line that is not a well-formed record (broken JSON, a missing or unknown field,
   * a line over 16 MiB, or a last line with no line end, which a crash leaves): every record before it
   * has been passed when the exception is thrown.
   *
   * @throws AuditException ({@code corrupt}) naming the file and the line that is not a record
   * @throws AuditException ({@code io-error}) if the file cannot be read
   */
  public static long read(Path file, Consumer<? super AuditRecord> each) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(each, "each");
    long lineNo = 0;
    try (AuditVerifier.LineReader in = new AuditVerifier.LineReader(file)) {
      AuditVerifier.Line line;
      while ((line = in.next()) != null) {
        lineNo++;
        if (!line.terminated) {
          throw corrupt(file, lineNo, "it is incomplete (no line end): a write was interrupted or the file was cut");
        }
        if (line.tooLong) {
          throw corrupt(file, lineNo, "it is longer than " + AuditVerifier.MAX_LINE + " bytes");
        }
        AuditRecord r;
        try {
          r = AuditCodec.decode(line.bytes).record();
        } catch (AuditCodec.MalformedRecordException e) {
          throw corrupt(file, lineNo, e.getMessage());
        }
        each.accept(r);
      }
      return lineNo;
    } catch (IOException e) {
      throw new AuditException(AuditException.Failure.IO_ERROR, "cannot read audit file " + file + ": " + e, e);
    }
  }

  private static AuditException corrupt(Path file, long line, String why) {
    return new AuditException(AuditException.Failure.CORRUPT, file + " line " + line + " is not an audit record: "
        + why);
  }
}
