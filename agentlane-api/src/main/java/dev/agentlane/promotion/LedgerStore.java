package dev.agentlane.promotion;

import dev.agentlane.AgentKey;
import java.util.List;
import java.util.Optional;

/**
 * Where a ledger keeps its pairs' state, so that lanes, evidence and halts survive a restart.
 *
 * <p>Implementations must be thread-safe. The ledger loads every pair once when it starts and then
 * saves one pair's state per change. The contract is a per-key upsert with optimistic concurrency, so
 * that a shared database can back ledgers on many replicas:
 *
 * <ul>
 *   <li>{@link #save} is a compare-and-set on {@link PairState#version()}: it stores {@code state}
 *       only if the stored version is {@code state.version() - 1} (absent counts as 0), atomically,
 *       and returns {@code false} without storing otherwise. In SQL:
 *       {@code UPDATE pair SET …, version = :v WHERE agent = :a AND workflow = :w AND version = :v - 1},
 *       or {@code INSERT} (failing on the primary key) when {@code :v = 1}.
 *   <li>On {@code false} the ledger {@linkplain #load(AgentKey) reloads} the pair and applies its
 *       change again, so concurrent writers never lose an update.
 *   <li>A saved state is durable when {@code save} returns.
 *   <li>A record that cannot be read is an error ({@link LedgerStoreException} naming it), never an
 *       absent pair: an unreadable ledger must not silently put a pair back in its default lane.
 * </ul>
 */
public interface LedgerStore {
  /**
   * Every stored pair.
   *
   * @throws LedgerStoreException naming the record, if one cannot be read
   */
  List<PairState> loadAll();

  /**
   * One stored pair, or empty if never saved.
   *
   * @throws LedgerStoreException naming the record, if it cannot be read
   */
  Optional<PairState> load(AgentKey key);

  /**
   * Stores a pair's state if the stored version is exactly one less (absent counts as 0).
   *
   * @return whether it was stored; {@code false} if another writer got there first
   * @throws LedgerStoreException if it cannot be stored durably
   */
  boolean save(PairState state);
}
