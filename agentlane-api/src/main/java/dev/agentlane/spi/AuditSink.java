package dev.agentlane.spi;

import dev.agentlane.AuditEntry;
import dev.agentlane.AuditException;

/**
 * Where an engine writes its audit trail: one entry per decision, promotion, demotion, halt, reset,
 * grant, revocation and policy reload or rejection. The sink numbers the entries and chains them.
 *
 * <p>Implementations must be thread-safe: the engine calls {@link #append} from many deciding threads
 * at once. {@code append} returns only when the entry is acknowledged under the sink's durability
 * promise (forced to disk, or accepted into a bounded queue, as the sink documents), or throws
 * {@link AuditException} when it cannot accept the entry. <b>A sink never drops an entry silently</b>:
 * the engine turns the exception into {@code DENY}, so an action that cannot be audited does not run.
 * Entries carry no action arguments (see {@link AuditEntry}).
 */
public interface AuditSink extends AutoCloseable {
  /**
   * Appends one entry.
   *
   * @throws AuditException if the sink cannot accept the entry (failed I/O, full queue in fail-closed
   *     mode, closed sink)
   */
  void append(AuditEntry entry);

  /**
   * Returns once every entry appended before the call is durable.
   *
   * @throws AuditException if that cannot be achieved
   */
  void flush();

  /** Writes what is pending, makes it durable and releases the sink. Idempotent. */
  @Override
  void close();
}
