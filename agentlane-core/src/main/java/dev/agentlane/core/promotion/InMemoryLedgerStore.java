package dev.agentlane.core.promotion;

import dev.agentlane.AgentKey;
import dev.agentlane.promotion.LedgerStore;
import dev.agentlane.promotion.PairState;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link LedgerStore} in memory: nothing survives the process. For tests and for ledgers whose
 * evidence may start afresh.
 *
 * <p>Thread-safe; {@link #save} is a compare-and-set on the version.
 */
public final class InMemoryLedgerStore implements LedgerStore {
  private final ConcurrentHashMap<AgentKey, PairState> states = new ConcurrentHashMap<>();

  @Override
  public List<PairState> loadAll() {
    return List.copyOf(states.values());
  }

  @Override
  public Optional<PairState> load(AgentKey key) {
    return Optional.ofNullable(states.get(Objects.requireNonNull(key, "key")));
  }

  @Override
  public boolean save(PairState state) {
    Objects.requireNonNull(state, "state");
    boolean[] saved = {false};
    states.compute(state.key(), (k, old) -> {
      long stored = old == null ? 0 : old.version();
      if (stored != state.version() - 1) {
        return old;
      }
      saved[0] = true;
      return state;
    });
    return saved[0];
  }
}
