package dev.agentlane.core.engine;

import dev.agentlane.AgentKey;
import dev.agentlane.Lane;
import dev.agentlane.LaneDirectory;
import dev.agentlane.LaneStatus;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Lanes and halts in memory. Thread-safe: each pair's status is replaced atomically; listeners are
 * notified after the change, outside any lock.
 */
final class InMemoryLaneDirectory implements LaneDirectory {
  private final ConcurrentHashMap<AgentKey, LaneStatus> statuses = new ConcurrentHashMap<>();
  private final Supplier<CompiledPolicy> policy;
  private final InstantSource clock;
  private final Listeners listeners;

  InMemoryLaneDirectory(Supplier<CompiledPolicy> policy, InstantSource clock, Listeners listeners) {
    this.policy = policy;
    this.clock = clock;
    this.listeners = listeners;
  }

  @Override
  public LaneStatus status(AgentKey key) {
    Objects.requireNonNull(key, "key");
    LaneStatus s = statuses.get(key);
    return s != null ? s : new LaneStatus(key, policy.get().policy.defaultLane(), null, false, null, null);
  }

  @Override
  public List<LaneStatus> all() {
    List<LaneStatus> out = new ArrayList<>(statuses.values());
    out.sort(Comparator.comparing((LaneStatus s) -> s.key().agent()).thenComparing(s -> s.key().workflow()));
    return out;
  }

  @Override
  public void assign(AgentKey key, Lane lane, String by, String note) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(lane, "lane");
    requireActor(by);
    Objects.requireNonNull(note, "note");
    Lane known = policy.get().lanes.get(lane.name());
    if (known == null || known.rank() != lane.rank()) {
      throw new IllegalArgumentException("lane " + lane.name() + " (rank " + lane.rank()
          + ") is not one of the policy's lanes " + policy.get().policy.lanes());
    }
    statuses.compute(key, (k, old) -> new LaneStatus(k, known, clock.instant(),
        old != null && old.halted(), old == null ? null : old.haltReason(), old == null ? null : old.haltedAt()));
  }

  @Override
  public void halt(AgentKey key, String reason, String by) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(reason, "reason");
    requireActor(by);
    boolean[] changed = {false};
    statuses.compute(key, (k, old) -> {
      LaneStatus base = old != null ? old : status(k);
      if (base.halted()) {
        return base;
      }
      changed[0] = true;
      return new LaneStatus(k, base.lane(), base.since(), true, reason, clock.instant());
    });
    if (changed[0]) {
      listeners.each(l -> l.halted(key, reason, by));
    }
  }

  @Override
  public boolean reset(AgentKey key, String by) {
    Objects.requireNonNull(key, "key");
    requireActor(by);
    boolean[] changed = {false};
    statuses.computeIfPresent(key, (k, old) -> {
      if (!old.halted()) {
        return old;
      }
      changed[0] = true;
      return new LaneStatus(k, old.lane(), old.since(), false, null, null);
    });
    if (changed[0]) {
      listeners.each(l -> l.reset(key, by));
    }
    return changed[0];
  }

  static void requireActor(String by) {
    Objects.requireNonNull(by, "by");
    if (by.isBlank()) {
      throw new IllegalArgumentException("a lane change must name who made it, but 'by' was blank");
    }
  }
}
