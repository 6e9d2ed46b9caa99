package dev.agentlane.testkit.sim;

import dev.agentlane.AgentKey;
import dev.agentlane.Lane;
import dev.agentlane.Verdict;
import java.util.List;
import java.util.Map;

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
 */
public record SimulationReport(int days, long decisions, Map<Verdict, Long> verdicts, Map<AgentKey, List<Lane>> lanes,
    List<String> events) {

  /** Copies the collections. */
  public SimulationReport {
    verdicts = Map.copyOf(verdicts);
    lanes = Map.copyOf(lanes);
    events = List.copyOf(events);
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

  /** A readable story: each agent's lane changes and the events. */
  public String story() {
    StringBuilder sb = new StringBuilder();
    sb.append(days).append(" days, ").append(decisions).append(" decisions ").append(verdicts).append('\n');
    lanes.entrySet().stream().sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(AgentKey::toString)))
        .forEach(e -> {
          sb.append(e.getKey()).append(':');
          Lane previous = null;
          for (int i = 0; i < e.getValue().size(); i++) {
            Lane l = e.getValue().get(i);
            if (!l.equals(previous)) {
              sb.append(" day ").append(i + 1).append(' ').append(l.name()).append(';');
              previous = l;
            }
          }
          sb.append('\n');
        });
    events.forEach(ev -> sb.append("  ").append(ev).append('\n'));
    return sb.toString();
  }
}
