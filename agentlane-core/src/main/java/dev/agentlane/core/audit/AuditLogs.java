package dev.agentlane.core.audit;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Factories for the embedded audit log: a JSON Lines sink and its verifier.
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
}
