package dev.agentlane.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentlane.AgentKey;
import dev.agentlane.AgentLaneException;
import dev.agentlane.LaneStatus;
import dev.agentlane.core.promotion.FileLedgerStore;
import dev.agentlane.core.promotion.LedgerLaneDirectory;
import dev.agentlane.policy.Policy;
import dev.agentlane.policyfile.CapabilityInventory;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code agentlane inventory}: every capability of a policy, the lane that earns it, what needs it, and
 * which agent/workflow pairs of a state directory hold it now. Reads the ledger, writes nothing. Not
 * thread-safe; one instance per command run.
 */
@Command(name = "inventory", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Lists each capability: its lane, what needs it, and which pairs hold it.",
        "Lists every capability of a policy: the lane that earns it, its effect class, the tools and "
        + "command rules that need it, and which agent/workflow pairs hold it now (from the state directory's "
        + "ledger), followed by the pairs and their lanes.",
        "A pair holds a capability when it is not halted and its lane is at or above the capability's lane. "
        + "Pairs never assigned a lane are not in the ledger and are not listed. Nothing is written."},
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
        "0:the inventory was printed",
        "1:the policy is invalid",
        "2:the command line is wrong",
        "3:the policy file or the state directory does not exist, or the ledger cannot be read"})
final class InventoryCommand implements Callable<Integer> {
  @Spec
  private CommandSpec spec;

  @Option(names = "--policy", required = true, paramLabel = "POLICY",
      description = "The policy: a YAML or JSON file, or 'default' for the shipped default policy.")
  private String policy;

  @Option(names = "--state", paramLabel = "DIR",
      description = "The state directory whose ledger (DIR/ledger/) says which pair stands in which lane. "
          + "Without it, nobody holds anything.")
  private @Nullable Path state;

  @Mixin
  private final FormatOption output = new FormatOption();

  @Override
  public Integer call() {
    Policy p = Policies.load(policy);
    List<LaneStatus> pairs = pairs(p);
    CapabilityInventory inventory = CapabilityInventory.of(p, pairs);
    PrintWriter out = spec.commandLine().getOut();
    if (output.json()) {
      out.println(Output.json(json(p, inventory, pairs)));
    } else {
      out.println("policy " + p.name() + " version " + p.version() + ": " + inventory.entries().size()
          + " capabilities, lanes " + String.join(" -> ", p.lanes().stream().map(l -> l.name()).toList()));
      out.println();
      out.print(table(inventory));
      out.println();
      if (pairs.isEmpty()) {
        out.println(state == null ? "no state directory (--state): no pair holds anything"
            : "no pair in the ledger of " + state);
      } else {
        out.println("PAIR" + " ".repeat(Math.max(2, width(pairs) - 2)) + "LANE");
        for (LaneStatus s : pairs) {
          String key = s.key().toString();
          out.println(key + " ".repeat(width(pairs) - key.length() + 2) + s.lane().name()
              + (s.halted() ? "  HALTED since " + s.haltedAt() + ": " + s.haltReason() : ""));
        }
      }
    }
    out.flush();
    return ExitCode.OK;
  }

  /**
   * One row per capability: CAPABILITY, LANE, EFFECT, HELD BY, NEEDED BY. Unlike
   * {@link CapabilityInventory#render()}, the long column (the tools and command rules that need it) comes
   * last, so a terminal that wraps it keeps the other columns aligned.
   */
  private static String table(CapabilityInventory inventory) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"CAPABILITY", "LANE", "EFFECT", "HELD BY", "NEEDED BY"});
    for (CapabilityInventory.Entry e : inventory.entries()) {
      List<String> needed = new ArrayList<>(e.tools());
      needed.addAll(e.commandRules());
      if (e.shellWrites()) {
        needed.add("shellWrites");
      }
      rows.add(new String[] {e.name(), e.lane().name(), e.effect().code(),
          cell(e.heldBy().stream().map(AgentKey::toString).toList()), cell(needed)});
    }
    int[] widths = new int[4];
    for (String[] row : rows) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      for (int i = 0; i < widths.length; i++) {
        out.append(row[i]).append(" ".repeat(widths[i] - row[i].length() + 2));
      }
      out.append(row[4]).append('\n');
    }
    return out.toString();
  }

  private static String cell(List<String> values) {
    return values.isEmpty() ? "-" : String.join(", ", values);
  }

  private static int width(List<LaneStatus> pairs) {
    return Math.max(4, pairs.stream().mapToInt(s -> s.key().toString().length()).max().orElse(0));
  }

  /** The pairs of the state's ledger, read without writing anything; none without a state directory. */
  private List<LaneStatus> pairs(Policy p) {
    if (state == null) {
      return List.of();
    }
    if (!Files.isDirectory(state)) {
      throw new CliException("state directory '" + state + "' does not exist");
    }
    Path ledger = state.resolve(StateDir.LEDGER);
    if (!Files.isDirectory(ledger)) {
      return List.of();
    }
    try {
      return LedgerLaneDirectory.builder().policy(p).store(FileLedgerStore.open(ledger)).build().all();
    } catch (AgentLaneException e) {
      throw new CliException("cannot read the ledger in '" + ledger + "': " + e.getMessage());
    }
  }

  private static ObjectNode json(Policy p, CapabilityInventory inventory, List<LaneStatus> pairs) {
    ObjectNode root = DecisionJson.MAPPER.createObjectNode();
    root.put("policy", p.name()).put("version", p.version());
    ArrayNode lanes = root.putArray("lanes");
    p.lanes().forEach(l -> lanes.add(l.name()));
    ArrayNode caps = root.putArray("capabilities");
    for (CapabilityInventory.Entry e : inventory.entries()) {
      ObjectNode o = caps.addObject();
      o.put("name", e.name()).put("lane", e.lane().name()).put("effect", e.effect().code());
      e.tools().forEach(o.putArray("tools")::add);
      e.commandRules().forEach(o.putArray("command-rules")::add);
      o.put("shell-writes", e.shellWrites());
      ArrayNode held = o.putArray("held-by");
      for (AgentKey k : e.heldBy()) {
        held.addObject().put("agent", k.agent()).put("workflow", k.workflow());
      }
    }
    ArrayNode list = root.putArray("pairs");
    for (LaneStatus s : pairs) {
      ObjectNode o = list.addObject().put("agent", s.key().agent()).put("workflow", s.key().workflow())
          .put("lane", s.lane().name()).put("since", s.since() == null ? null : s.since().toString())
          .put("halted", s.halted());
      if (s.halted()) {
        o.put("halt-reason", s.haltReason()).put("halted-at", String.valueOf(s.haltedAt()));
      }
    }
    return root;
  }
}
