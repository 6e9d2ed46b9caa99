package dev.agentlane.core.audit;

import dev.agentlane.AuditException;
import dev.agentlane.AuditRecord;
import dev.agentlane.core.audit.AuditVerification.Kind;
import dev.agentlane.core.audit.AuditVerification.Problem;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Verifies a JSON Lines audit file written by {@link JsonLinesAuditSink}: every line must be a
 * well-formed record in canonical form whose hash matches its content, sequence numbers must run
 * 1, 2, 3 … and each record must chain to the one before. The first bad record is named with its
 * line number and what is wrong with it: edited, reordered, deleted, inserted, malformed or torn.
 *
 * <p>Removing records from the end leaves a valid, shorter chain; only a head kept elsewhere (a
 * checkpoint of {@link JsonLinesAuditSink#head()}) reveals it, so {@link #verify(Path, AuditHead)}
 * takes one. The same check reveals a log rewritten and rehashed from some record on.
 *
 * <p>Thread-safe (stateless). Reads the file once, streaming; after the first problem it reads the
 * rest once more to tell a deletion from a reordering or an insertion.
 */
public final class AuditVerifier {
  static final int MAX_LINE = 16 * 1024 * 1024;

  private AuditVerifier() {}

  /**
   * Verifies a file.
   *
   * @throws AuditException ({@code io-error}) if the file cannot be read
   */
  public static AuditVerification verify(Path file) {
    return verify(file, null);
  }

  /**
   * Verifies a file against an expected head: the record with the head's sequence number must have
   * the head's hash, and the file must reach it.
   *
   * @param expected a checkpoint, or {@code null} to check the file alone
   * @throws AuditException ({@code io-error}) if the file cannot be read
   */
  public static AuditVerification verify(Path file, @Nullable AuditHead expected) {
    Objects.requireNonNull(file, "file");
    try (LineReader in = new LineReader(file)) {
      return run(file, in, expected);
    } catch (IOException e) {
      throw new AuditException(AuditException.Failure.IO_ERROR, "cannot read audit file " + file + ": " + e, e);
    }
  }

  private static AuditVerification run(Path file, LineReader in, @Nullable AuditHead expected) throws IOException {
    long lineNo = 0;
    long count = 0;
    AuditHead head = AuditHead.EMPTY;
    AuditHead before = AuditHead.EMPTY;
    Line line;
    while ((line = in.next()) != null) {
      lineNo++;
      if (!line.terminated) {
        return fail(count, head, Kind.TORN, lineNo, 0, "line " + lineNo + " is incomplete (no line end): a write"
            + " was interrupted or the file was cut; opening a sink on the file removes it");
      }
      if (line.tooLong) {
        return fail(count, head, Kind.MALFORMED, lineNo, 0, "line " + lineNo + " is longer than " + MAX_LINE
            + " bytes; it is not a record");
      }
      AuditCodec.Decoded d;
      try {
        d = AuditCodec.decode(line.bytes);
      } catch (AuditCodec.MalformedRecordException e) {
        return fail(count, head, Kind.MALFORMED, lineNo, 0, "line " + lineNo + " is not a valid record: "
            + e.getMessage());
      }
      AuditRecord r = d.record();
      long s = r.seq();
      String at = "record seq " + s + " on line " + lineNo;
      if (!d.hashMatches()) {
        return fail(count, head, Kind.EDITED, lineNo, s, at + " does not match its hash: its content was changed");
      }
      if (!d.canonical()) {
        return fail(count, head, Kind.EDITED, lineNo, s, at + " is not in canonical form: the line was rewritten");
      }
      long expectedSeq = head.seq() + 1;
      if (s == expectedSeq) {
        if (!r.previousHash().equals(head.hash())) {
          if (lineNo == 1) {
            return fail(count, head, Kind.EDITED, lineNo, s, at + " does not start the chain: its previousHash is"
                + " not 64 zeros");
          }
          return fail(count - 1, before, Kind.EDITED, lineNo - 1, head.seq(), "record seq " + head.seq() + " on line "
              + (lineNo - 1) + " is not the record that seq " + s + " (line " + lineNo + ") was chained to: it was"
              + " replaced, or altered and rehashed");
        }
      } else if (s <= head.seq()) {
        if (s == head.seq()) {
          Scan next = scan(file, lineNo, 0, 0, "", "");
          if (next.next != null && next.next.previousHash().equals(r.hash())) {
            return fail(count - 1, before, Kind.INSERTED, lineNo - 1, s, "record seq " + s + " on line " + (lineNo - 1)
                + " was inserted: line " + lineNo + " repeats its seq and the chain continues from line " + lineNo);
          }
        }
        return fail(count, head, Kind.INSERTED, lineNo, s, at + " was inserted: seq " + s + " was already used"
            + " on line " + s + ", and seq " + expectedSeq + " was expected");
      } else {
        Scan later = scan(file, lineNo, expectedSeq, s, r.hash(), r.previousHash());
        if (later.dupLine > 0) {
          return fail(count, head, Kind.INSERTED, lineNo, s, at + " was inserted: seq " + s + " appears again on line "
              + later.dupLine + " (seq " + expectedSeq + " was expected)");
        }
        if (later.wantedLine > 0) {
          if (later.linked || later.predecessor) {
            return fail(count, head, Kind.REORDERED, lineNo, s, at + " is out of order: seq " + expectedSeq
                + " was expected here and comes later, on line " + later.wantedLine);
          }
          return fail(count, head, Kind.INSERTED, lineNo, s, at + " was inserted: no record chains to it, and seq "
              + expectedSeq + " follows on line " + later.wantedLine);
        }
        String missing = s - 1 == expectedSeq ? "seq " + expectedSeq : "seqs " + expectedSeq + " to " + (s - 1);
        return fail(count, head, Kind.DELETED, lineNo, expectedSeq, missing + " missing before line " + lineNo
            + ": records were deleted");
      }
      if (expected != null && s == expected.seq() && !r.hash().equals(expected.hash())) {
        return fail(count, head, Kind.EDITED, lineNo, s, at + " differs from the expected head: the log was"
            + " rewritten and rehashed up to here");
      }
      count++;
      before = head;
      head = AuditHead.of(r);
    }
    if (expected != null && head.seq() < expected.seq()) {
      String missing = head.seq() + 1 == expected.seq() ? "seq " + expected.seq()
          : "seqs " + (head.seq() + 1) + " to " + expected.seq();
      return fail(count, head, Kind.TRUNCATED, lineNo + 1, head.seq() + 1, "the log ends at seq " + head.seq()
          + " (line " + lineNo + ") but the expected head is seq " + expected.seq() + ": " + missing
          + " were removed from the end");
    }
    return new AuditVerification(count, head, null);
  }

  private static AuditVerification fail(long count, AuditHead head, Kind kind, long line, long seq, String message) {
    return new AuditVerification(count, head, new Problem(kind, line, seq, message));
  }

  /** What the lines after {@code afterLine} hold. */
  private static final class Scan {
    @Nullable AuditRecord next;
    long wantedLine;
    long dupLine;
    boolean linked;
    boolean predecessor;
  }

  /**
   * Reads the lines after {@code afterLine}: where {@code wantedSeq} and {@code dupSeq} appear, whether
   * a record chains to {@code linkHash}, and whether the record {@code dupSeq - 1} has the hash
   * {@code previousHash} (a moved record's neighbours are still there; an inserted one has none).
   */
  private static Scan scan(Path file, long afterLine, long wantedSeq, long dupSeq, String linkHash,
      String previousHash) throws IOException {
    Scan out = new Scan();
    try (LineReader in = new LineReader(file)) {
      long lineNo = 0;
      Line line;
      while ((line = in.next()) != null) {
        lineNo++;
        if (lineNo <= afterLine || line.tooLong) {
          continue;
        }
        AuditRecord r;
        try {
          r = AuditCodec.decode(line.bytes).record();
        } catch (AuditCodec.MalformedRecordException e) {
          continue;
        }
        if (out.next == null) {
          out.next = r;
        }
        if (out.wantedLine == 0 && r.seq() == wantedSeq) {
          out.wantedLine = lineNo;
        }
        if (out.dupLine == 0 && r.seq() == dupSeq) {
          out.dupLine = lineNo;
        }
        out.linked |= r.previousHash().equals(linkHash);
        out.predecessor |= r.seq() == dupSeq - 1 && r.hash().equals(previousHash);
      }
    }
    return out;
  }

  /** One line of an audit file, as bytes without its line end. */
  static final class Line {
    final byte[] bytes;
    final boolean terminated;
    final boolean tooLong;

    Line(byte[] bytes, boolean terminated, boolean tooLong) {
      this.bytes = bytes;
      this.terminated = terminated;
      this.tooLong = tooLong;
    }
  }

  /** Reads lines as bytes, noting whether each ended with '\n'. Shared with {@link AuditReader}. */
  static final class LineReader implements AutoCloseable {
    private final InputStream in;
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream(1024);

    LineReader(Path file) throws IOException {
      this.in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    }

    @Nullable Line next() throws IOException {
      buf.reset();
      boolean tooLong = false;
      int b;
      while ((b = in.read()) >= 0) {
        if (b == '\n') {
          return new Line(buf.toByteArray(), true, tooLong);
        }
        if (buf.size() < MAX_LINE) {
          buf.write(b);
        } else {
          tooLong = true;
        }
      }
      return buf.size() == 0 && !tooLong ? null : new Line(buf.toByteArray(), false, tooLong);
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
