package dev.agentlane.testkit.sim;

import dev.agentlane.AgentKey;
import dev.agentlane.Lane;
import dev.agentlane.Verdict;
import dev.agentlane.promotion.PairMetrics;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a simulation produced: every agent's lane day by day, decisions by verdict, and the events.
 *
 * <p>Immutable.
 *
 * @param days simulated days
 * @param decisions tool calls decided
 * @param verdicts decisions by verdict
 * @param lanes each agent's lane at the end of every day (index 0 is day 1)
 * @param events promotions, demotions, halts and resets, in order, as text
 * @param metrics each agent's ledger metrics at the end (its lane, reviews with the clean rate and its
 *     confidence bounds, rework, incidents, stop-condition hits, promotions and demotions)
 */
public record SimulationReport(int days, long decisions, Map<Verdict, Long> verdicts, Map<AgentKey, List<Lane>> lanes,
    List<String> events, Map<AgentKey, PairMetrics> metrics) {

  /** Copies the collections. */
  public SimulationReport {
    verdicts = Map.copyOf(verdicts);
    lanes = lanes.entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
        e -> List.copyOf(e.getValue())));
    events = List.copyOf(events);
    metrics = Map.copyOf(metrics);
  }

  /**
   * The lane changes of one agent, as {@code day → lane} from the first day (1-based), in order: the
   * agent's lane over time without the days on which nothing changed.
   *
   * @throws IllegalArgumentException if the agent was not simulated
   */
  public SortedMap<Integer, Lane> laneChanges(AgentKey key) {
    List<Lane> history = lanes.get(key);
    if (history == null) {
      throw new IllegalArgumentException("no agent " + key + " in the simulation; agents: " + lanes.keySet());
    }
    TreeMap<Integer, Lane> changes = new TreeMap<>();
    Lane previous = null;
    for (int i = 0; i < history.size(); i++) {
      if (!history.get(i).equals(previous)) {
        changes.put(i + 1, history.get(i));
        previous = history.get(i);
      }
    }
    return Collections.unmodifiableSortedMap(changes);
  }

  /** An agent's lane at the end of the simulation. */
  public Lane finalLane(AgentKey key) {
    List<Lane> history = lanes.get(key);
    if (history == null || history.isEmpty()) {
      throw new IllegalArgumentException("no agent " + key + " in the simulation");
    }
    return history.get(history.size() - 1);
  }

  /** The first day (1-based) an agent stood in {@code lane}, or -1. */
  public int firstDayIn(AgentKey key, Lane lane) {
    List<Lane> history = lanes.getOrDefault(key, List.of());
    for (int i = 0; i < history.size(); i++) {
      if (history.get(i).equals(lane)) {
        return i + 1;
      }
    }
    return -1;
  }

  /**
   * A readable story: the totals, then each agent's lane changes with its final review numbers, then the
   * events in order.
   */
  public String story() {
    StringBuilder sb = new StringBuilder();
    sb.append(days).append(" days, ").append(decisions).append(" decisions ").append(new TreeMap<>(verdicts))
        .append('\n');
    lanes.keySet().stream().sorted(Comparator.comparing(AgentKey::toString)).forEach(key -> {
      sb.append(key).append(':');
      laneChanges(key).forEach((day, lane) -> sb.append(" day ").append(day).append(' ').append(lane.name()).append(';'));
      PairMetrics m = metrics.get(key);
      if (m != null) {
        sb.append(String.format(Locale.ROOT, "  (in %s: %d reviews, clean rate %.2f, lower bound %.2f)",
            m.lane().name(), m.reviews(), m.cleanRate(), m.cleanRateLowerBound()));
      }
      sb.append('\n');
    });
    events.forEach(ev -> sb.append("  ").append(ev).append('\n'));
    return sb.toString();
  }
}
