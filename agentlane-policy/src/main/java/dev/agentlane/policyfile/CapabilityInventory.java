package dev.agentlane.policyfile;

import dev.agentlane.AgentKey;
import dev.agentlane.Capability;
import dev.agentlane.EffectClass;
import dev.agentlane.Lane;
import dev.agentlane.LaneDirectory;
import dev.agentlane.LaneStatus;
import dev.agentlane.policy.CommandRule;
import dev.agentlane.policy.Policy;
import dev.agentlane.policy.ToolMapping;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every capability of a policy, what needs it, and which agent/workflow pairs hold it now: data for
 * the command line and reports.
 *
 * <p>Immutable and therefore thread-safe. A snapshot: it does not follow later changes of the policy
 * or the lane directory.
 *
 * <p>A pair holds a capability when it is not halted and its lane ranks at or above the lane the
 * capability is earned at. The lane of a status is resolved by name against the policy's lanes; a
 * name the policy does not know counts as the lowest lane, as the engine does (fail closed). Pairs
 * never assigned a lane stand in the default lane but are not listed by a lane directory, so they
 * do not appear.
 *
 * <pre>{@code
 * System.out.print(CapabilityInventory.of(policy, engine.lanes()).render());
 * }</pre>
 *
 * @param entries one per capability, ordered by lane rank, then name
 */
public record CapabilityInventory(List<Entry> entries) {

  /**
   * One capability. Immutable.
   *
   * @param name the capability's name
   * @param lane the lane it is earned at
   * @param effect its effect class
   * @param tools the tools whose mapping needs it, by name, sorted
   * @param commandRules the ids of the command rules that need it, sorted
   * @param shellWrites whether shell lines need it to write through redirections and write options
   * @param heldBy the pairs that hold it now, sorted by agent then workflow
   */
  public record Entry(
      String name,
      Lane lane,
      EffectClass effect,
      List<String> tools,
      List<String> commandRules,
      boolean shellWrites,
      List<AgentKey> heldBy) {
    /** Checks for null and copies the lists. */
    public Entry {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(lane, "lane");
      Objects.requireNonNull(effect, "effect");
      tools = List.copyOf(tools);
      commandRules = List.copyOf(commandRules);
      heldBy = List.copyOf(heldBy);
    }

    /** Whether no tool mapping, command rule or shell write needs it. */
    public boolean neverNeeded() {
      return tools.isEmpty() && commandRules.isEmpty() && !shellWrites;
    }
  }

  private static final Comparator<AgentKey> BY_KEY =
      Comparator.comparing(AgentKey::agent).thenComparing(AgentKey::workflow);

  /** Copies the list. */
  public CapabilityInventory {
    entries = List.copyOf(entries);
  }

  /** The inventory of {@code policy}, with the pairs the directory lists now. */
  public static CapabilityInventory of(Policy policy, LaneDirectory lanes) {
    Objects.requireNonNull(lanes, "lanes");
    return of(policy, lanes.all());
  }

  /** The inventory of {@code policy}, with these pair statuses. */
  public static CapabilityInventory of(Policy policy, List<LaneStatus> statuses) {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(statuses, "statuses");
    Map<String, Lane> lanes = policy.lanes().stream().collect(Collectors.toMap(Lane::name, Function.identity()));
    Lane lowest = policy.lanes().get(0);
    List<Entry> entries = new ArrayList<>();
    for (Capability c : policy.capabilities().values()) {
      Set<String> tools = new TreeSet<>();
      for (ToolMapping t : policy.tools()) {
        if (t.capabilities().contains(c.name())) {
          tools.add(t.tool());
        }
      }
      Set<String> rules = new TreeSet<>();
      for (CommandRule r : policy.commands()) {
        if (r.capabilities().contains(c.name())) {
          rules.add(r.id());
        }
      }
      Set<AgentKey> holders = new LinkedHashSet<>();
      for (LaneStatus s : statuses) {
        Lane lane = lanes.getOrDefault(s.lane().name(), lowest);
        if (!s.halted() && lane.rank() >= c.lane().rank()) {
          holders.add(s.key());
        }
      }
      List<AgentKey> heldBy = new ArrayList<>(holders);
      heldBy.sort(BY_KEY);
      entries.add(new Entry(c.name(), c.lane(), c.effect(), List.copyOf(tools), List.copyOf(rules),
          policy.shellWrites().contains(c.name()), heldBy));
    }
    entries.sort(Comparator.comparingInt((Entry e) -> e.lane().rank()).thenComparing(Entry::name));
    return new CapabilityInventory(entries);
  }

  /** The entry for the capability of this name, if there is one. */
  public Optional<Entry> entry(String name) {
    return entries.stream().filter(e -> e.name().equals(name)).findFirst();
  }

  /**
   * A plain-text table, one row per capability: {@code CAPABILITY}, {@code LANE}, {@code EFFECT},
   * {@code NEEDED BY} (tools, then command rule ids, then {@code shellWrites}) and {@code HELD BY}
   * ({@code agent/workflow}). An empty cell is {@code -}. Columns are separated by two spaces; lines
   * end with {@code \n} and carry no trailing spaces.
   */
  public String render() {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"CAPABILITY", "LANE", "EFFECT", "NEEDED BY", "HELD BY"});
    for (Entry e : entries) {
      List<String> needed = new ArrayList<>(e.tools());
      needed.addAll(e.commandRules());
      if (e.shellWrites()) {
        needed.add("shellWrites");
      }
      rows.add(new String[] {e.name(), e.lane().name(), e.effect().code(), cell(needed),
          cell(e.heldBy().stream().map(AgentKey::toString).toList())});
    }
    int[] widths = new int[5];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(row[i]);
        if (i < row.length - 1) {
          line.append(" ".repeat(widths[i] - row[i].length() + 2));
        }
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  private static String cell(List<String> values) {
    return values.isEmpty() ? "-" : String.join(", ", values);
  }
}
