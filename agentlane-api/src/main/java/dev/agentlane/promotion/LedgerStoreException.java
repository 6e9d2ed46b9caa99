package dev.agentlane.promotion;

import dev.agentlane.AgentLaneException;

/**
 * A {@link LedgerStore} could not load or save ledger state: an I/O failure or a corrupt record. The
 * message names the file or record. A ledger never treats a failed load as an empty one.
 *
 * <p>Immutable.
 */
public class LedgerStoreException extends AgentLaneException {
  private static final long serialVersionUID = 1L;

  /** An exception with a message naming the file or record. */
  public LedgerStoreException(String message) {
    super(message);
  }

  /** An exception with a message naming the file or record, and a cause. */
  public LedgerStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
