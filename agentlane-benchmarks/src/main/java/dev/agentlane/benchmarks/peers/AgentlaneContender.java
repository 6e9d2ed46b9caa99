package dev.agentlane.benchmarks.peers;

import dev.agentlane.Action;
import dev.agentlane.AgentKey;
import dev.agentlane.Decision;
import dev.agentlane.Lane;
import dev.agentlane.LaneDirectory;
import dev.agentlane.LaneStatus;
import dev.agentlane.PolicyEngine;
import dev.agentlane.policy.Policy;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * agentlane as a contender of the comparison: one real {@link PolicyEngine}, shared by every thread (as
 * an application shares it), deciding the raw {@link Action}s of a {@link Workload}.
 *
 * <p>Two things differ from an engine in production, both so that a workload can be decided over and
 * over with the same verdicts:
 *
 * <ul>
 *   <li>The lane directory is a fixed map from each item's agent/workflow pair to its lane, and a halt
 *       is counted but does not latch. A latched halt would turn the second decision of an item into
 *       the short {@code halted} answer of step 2, which is cheaper than deciding the item.
 *   <li>The clock runs 200 times faster than real time, so that the policy's rate limit (300 attempts a
 *       minute per pair) sees each minute's window pass in 300 ms. Each item has its own pair, so a pair
 *       is decided once per pass over the 4,096 items: even at 0.5 µs a decision on two threads, that is
 *       at most 293 times a window, and the limit never fires. The engine still counts every attempt in
 *       its rate window, as in production, and opens a new window for a pair about every twentieth time
 *       it decides for it (at 3 µs a decision; in production, once a minute). A thousand times faster,
 *       as this clock first ran, opened one every fifth time and charged agentlane for it.
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class AgentlaneContender implements AutoCloseable {

  private final PolicyEngine engine;
  private final FixedLanes lanes;

  /** An engine for {@code policy} that knows the lanes of the items' pairs. */
  public AgentlaneContender(Policy policy, List<Workload.Item> items) {
    Map<AgentKey, LaneStatus> statuses = new HashMap<>();
    for (Workload.Item item : items) {
      AgentKey key = item.key();
      statuses.put(key, new LaneStatus(key, Lane.defaults().get(item.lane()), null, false, null, null));
    }
    this.lanes = new FixedLanes(statuses);
    this.engine = PolicyEngine.builder().policy(policy).workspace(Workload.WORKSPACE).laneDirectory(lanes)
        .clock(new FastClock()).build();
  }

  /** An engine for the base benchmark policy. */
  public static AgentlaneContender ofBase(List<Workload.Item> items) {
    return new AgentlaneContender(BenchmarkPolicy.load(), items);
  }

  /** The decision. */
  public Decision decide(Action action) {
    return engine.decide(action);
  }

  /** Whether agentlane lets the action run. */
  public boolean allows(Action action) {
    return engine.decide(action).permitsExecution();
  }

  /** How many decisions halted their pair (which the fixed lane directory does not latch). */
  public long halts() {
    return lanes.halts.sum();
  }

  @Override
  public void close() {
    engine.close();
  }

  /** Lanes from a map built once; halts are counted, not latched. Thread-safe (never written after construction). */
  private static final class FixedLanes implements LaneDirectory {
    private final Map<AgentKey, LaneStatus> statuses;
    final LongAdder halts = new LongAdder();

    FixedLanes(Map<AgentKey, LaneStatus> statuses) {
      // A HashMap, as an application's directory would hold its pairs: Map.copyOf's linear probing over
      // 4,096 keys cost 7% of a decision in profiles, charged to agentlane.
      this.statuses = new HashMap<>(statuses);
    }

    @Override
    public LaneStatus status(AgentKey key) {
      LaneStatus s = statuses.get(key);
      return s != null ? s : new LaneStatus(key, Lane.DRAFT, null, false, null, null);
    }

    @Override
    public List<LaneStatus> all() {
      return List.copyOf(statuses.values());
    }

    @Override
    public void assign(AgentKey key, Lane lane, String by, String note) {
      throw new UnsupportedOperationException("the benchmark's lanes are fixed");
    }

    @Override
    public void halt(AgentKey key, String reason, String by) {
      halts.increment();
    }

    @Override
    public boolean reset(AgentKey key, String by) {
      return false;
    }
  }

  /** Engine time: 200 times faster than real time, from a fixed start. Thread-safe. */
  private static final class FastClock implements InstantSource {
    private static final long START_MILLIS = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    private final long origin = System.nanoTime();

    @Override
    public Instant instant() {
      // Elapsed time times 200: 5,000 ns of real time are one millisecond of engine time.
      return Instant.ofEpochMilli(START_MILLIS + (System.nanoTime() - origin) / 5_000);
    }
  }
}
