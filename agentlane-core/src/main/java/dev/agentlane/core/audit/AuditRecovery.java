package dev.agentlane.core.audit;

/**
 * What opening an existing audit file found: the head the chain continues from and how many bytes of
 * a torn last line (a write interrupted by a crash) were cut away.
 *
 * <p>Immutable.
 *
 * @param head the last complete record, {@link AuditHead#EMPTY} for a new or empty file
 * @param truncatedBytes bytes of an incomplete last line removed on open; 0 when the file was clean
 */
public record AuditRecovery(AuditHead head, long truncatedBytes) {
  /** Whether a torn last line was removed. */
  public boolean repaired() {
    return truncatedBytes > 0;
  }
}
