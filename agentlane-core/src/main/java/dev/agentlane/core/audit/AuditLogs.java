package dev.agentlane.core.audit;

import dev.agentlane.AuditRecord;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Factories for the embedded audit log: a JSON Lines sink, its verifier and its reader.
 *
 * <p>Thread-safe (static methods only).
 */
public final class AuditLogs {
  private AuditLogs() {}

  /**
   * Opens (or creates) a hash-chained JSON Lines audit file.
   *
   * @throws dev.agentlane.AuditException as {@link JsonLinesAuditSink#open(Path, AuditDurability)}
   */
  public static JsonLinesAuditSink jsonLines(Path file, AuditDurability durability) {
    return JsonLinesAuditSink.open(file, durability);
  }

  /**
   * Opens (or creates) a hash-chained JSON Lines audit file whose queue holds {@code queueCapacity}
   * entries (ignored in {@code SYNC} mode).
   *
   * @throws IllegalArgumentException if {@code queueCapacity < 1}
   * @throws dev.agentlane.AuditException as {@link JsonLinesAuditSink#open(Path, AuditDurability)}
   */
  public static JsonLinesAuditSink jsonLines(Path file, AuditDurability durability, int queueCapacity) {
    return JsonLinesAuditSink.open(file, durability, queueCapacity);
  }

  /** Verifies an audit file on its own; see {@link AuditVerifier}. */
  public static AuditVerification verify(Path file) {
    return AuditVerifier.verify(file);
  }

  /** Verifies an audit file against an expected head (a checkpoint); see {@link AuditVerifier}. */
  public static AuditVerification verify(Path file, @Nullable AuditHead expected) {
    return AuditVerifier.verify(file, expected);
  }

  /**
   * Passes each record of an audit file to {@code each}, in file order, without judging the chain; see
   * {@link AuditReader#read}.
   */
  public static long read(Path file, Consumer<? super AuditRecord> each) {
    return AuditReader.read(file, each);
  }
}
