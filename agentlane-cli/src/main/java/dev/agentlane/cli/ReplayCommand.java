package dev.agentlane.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentlane.Action;
import dev.agentlane.AgentKey;
import dev.agentlane.AgentLaneException;
import dev.agentlane.Decision;
import dev.agentlane.Lane;
import dev.agentlane.PolicyEngine;
import dev.agentlane.Reason;
import dev.agentlane.Verdict;
import dev.agentlane.core.promotion.FileLedgerStore;
import dev.agentlane.core.promotion.LedgerLaneDirectory;
import dev.agentlane.policy.Policy;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code agentlane replay --policy NEW JOURNAL}: decides every action of an action journal again under
 * another policy and reports what would change. Writes nothing: the replay runs on a fresh engine with
 * an in-memory lane directory. Not thread-safe; one instance per command run.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Decides recorded actions again under a new policy; reports what would change.",
        "Decides every action recorded in an action journal (written by 'decide --record-actions') "
        + "again under another policy, and reports what would change: actions allowed before and refused now, "
        + "refused before and allowed now, and refusals whose verdict changed (ESCALATE to DENY ...). The safe "
        + "way to roll out a stricter policy: replay last week's actions first.",
        "Each action is decided on a fresh engine over the new policy, at the time it was recorded, with its "
        + "pair put in the lane it stood in then (--lanes recorded) or stands in now (--lanes ledger); a halt "
        + "in one replayed action does not carry over to the next. Actions refused only because their pair was "
        + "halted are skipped: the action itself was never judged. Nothing is written: not the ledger, not "
        + "the audit log.",
        "The audit log cannot be replayed: it holds only each action's digest, never its arguments."},
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
        "0:no change of the kind --fail-on names",
        "1:some verdict changed in the way --fail-on names (by default: any change), or the policy is invalid",
        "2:the command line is wrong",
        "3:the journal does not exist, cannot be read or is malformed, or the ledger cannot be read"})
final class ReplayCommand implements Callable<Integer> {
  @Spec
  private CommandSpec spec;

  @Option(names = "--policy", required = true, paramLabel = "NEW",
      description = "The policy to replay under: a YAML or JSON file, or 'default'.")
  private String policy;

  @Parameters(index = "0", paramLabel = "JOURNAL",
      description = "The action journal (" + ActionJournal.FILE + "), or the state directory that holds it.")
  private Path journal;

  @Option(names = "--lanes", paramLabel = "SOURCE", defaultValue = "recorded",
      description = "Where each pair's lane comes from: 'recorded' (the lane it stood in when the action was "
          + "decided; default) or 'ledger' (the lane it stands in now, in the state directory's ledger).")
  private String lanes;

  @Option(names = "--state", paramLabel = "DIR",
      description = "The state directory whose ledger --lanes ledger reads (default: JOURNAL, when it is a "
          + "directory).")
  private @Nullable Path state;

  @Option(names = "--workspace", paramLabel = "DIR",
      description = "The workspace root for every action (default: the one recorded with each action).")
  private @Nullable Path workspace;

  @Option(names = "--fail-on", paramLabel = "CHANGE", defaultValue = "any",
      description = "Which changes make the exit status 1: 'any' (default), 'looser' (a verdict became less "
          + "strict: a roll-out of a stricter policy should have none), 'stricter', or 'never'.")
  private String failOn;

  @Option(names = "--show-arguments",
      description = "Print each changed action's tool arguments. Off by default: arguments can hold secrets, "
          + "and replay reports often end up in CI logs; without it an action is named by its journal line "
          + "and digest.")
  private boolean showArguments;

  @Mixin
  private final FormatOption output = new FormatOption();

  /** What became of one journal entry. */
  private record Replayed(ActionJournal.Entry entry, String lane, @Nullable Decision after, @Nullable String note) {
    /** Positive: the new verdict is stricter; negative: looser; 0: the same. */
    int direction() {
      return after == null ? 0 : Integer.compare(after.verdict().severity(), entry.verdict().severity());
    }
  }

  /** A clock that reads the time of the entry being replayed. */
  private static final class ReplayClock implements InstantSource {
    private volatile Instant now = Instant.EPOCH;

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Override
  public Integer call() {
    if (!List.of("recorded", "ledger").contains(lanes)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--lanes must be 'recorded' or 'ledger' but was '" + lanes + "'");
    }
    if (!List.of("any", "looser", "stricter", "never").contains(failOn)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--fail-on must be 'any', 'looser', 'stricter' or 'never' but was '" + failOn + "'");
    }
    Path file = Files.isDirectory(journal) ? ActionJournal.in(journal) : journal;
    Path stateDir = state != null ? state : Files.isDirectory(journal) ? journal : null;
    if (lanes.equals("ledger") && stateDir == null) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--lanes ledger needs a state directory: pass it as JOURNAL or with --state DIR");
    }
    if (!Files.isRegularFile(file)) {
      throw new CliException("action journal '" + file + "' does not exist (record one with 'agentlane decide "
          + "--state DIR --record-actions')");
    }
    ActionJournal.Contents contents = ActionJournal.read(file);
    Policy p = Policies.load(policy);
    LedgerLaneDirectory ledger = lanes.equals("ledger") ? ledger(p, stateDir) : null;
    List<Replayed> results = new ArrayList<>();
    ReplayClock clock = new ReplayClock();
    PolicyEngine.Builder b = PolicyEngine.builder().policy(p).clock(clock);
    String ws = workspace == null ? null : workspace.toAbsolutePath().normalize().toString();
    if (ws != null) {
      b.workspace(ws);
    }
    try (PolicyEngine engine = b.build()) {
      for (ActionJournal.Entry e : contents.entries()) {
        results.add(replay(engine, clock, p, ledger, ws, e));
      }
    }
    List<Replayed> refused = results.stream().filter(r -> r.after() != null && r.entry().verdict() == Verdict.ALLOW
        && r.after().verdict() != Verdict.ALLOW).toList();
    List<Replayed> allowed = results.stream().filter(r -> r.after() != null && r.entry().verdict() != Verdict.ALLOW
        && r.after().verdict() == Verdict.ALLOW).toList();
    List<Replayed> changed = results.stream().filter(r -> r.after() != null && r.entry().verdict() != Verdict.ALLOW
        && r.after().verdict() != Verdict.ALLOW && r.direction() != 0).toList();
    List<Replayed> skipped = results.stream().filter(r -> r.after() == null).toList();
    long unchanged = results.stream().filter(r -> r.after() != null && r.direction() == 0).count();
    long otherReasons = results.stream().filter(r -> r.after() != null && r.direction() == 0
        && !codes(r.after()).equals(r.entry().reasons())).count();
    long stricter = results.stream().filter(r -> r.direction() > 0).count();
    long looser = results.stream().filter(r -> r.direction() < 0).count();
    boolean fails = switch (failOn) {
      case "any" -> stricter + looser > 0;
      case "looser" -> looser > 0;
      case "stricter" -> stricter > 0;
      default -> false;
    };
    PrintWriter out = spec.commandLine().getOut();
    if (output.json()) {
      ObjectNode root = DecisionJson.MAPPER.createObjectNode();
      root.put("journal", file.toString()).put("policy", p.name()).put("policy-version", p.version())
          .put("lanes", lanes).put("fail-on", failOn).put("ok", !fails).put("replayed", results.size() - skipped.size())
          .put("stricter", stricter).put("looser", looser).put("unchanged", unchanged)
          .put("unchanged-with-other-reasons", otherReasons).put("skipped", skipped.size());
      if (contents.tornLine() > 0) {
        root.put("torn-line", contents.tornLine());
      }
      items(root.putArray("newly-refused"), refused);
      items(root.putArray("newly-allowed"), allowed);
      items(root.putArray("verdict-changed"), changed);
      items(root.putArray("skipped-entries"), skipped);
      out.println(Output.json(root));
    } else {
      out.println("replayed " + (results.size() - skipped.size()) + " of " + results.size() + " recorded "
          + (results.size() == 1 ? "decision" : "decisions") + " from " + file + " under policy " + p.name()
          + " version " + p.version() + ", lanes " + (lanes.equals("recorded") ? "as recorded" : "from the ledger"));
      if (contents.tornLine() > 0) {
        out.println("line " + contents.tornLine() + " is incomplete (a write cut short) and was ignored");
      }
      section(out, "newly refused (allowed before)", refused);
      section(out, "newly allowed (refused before)", allowed);
      section(out, "verdict changed", changed);
      out.println();
      out.println("unchanged: " + unchanged + (otherReasons == 0 ? "" : " (" + otherReasons + " with other reasons)"));
      if (!skipped.isEmpty()) {
        out.println("skipped: " + skipped.size());
        for (Replayed r : skipped) {
          out.println("  line " + r.entry().line() + ": " + r.note());
        }
      }
      out.println(stricter + " stricter, " + looser + " looser: " + (fails ? "FAIL" : "OK") + " (--fail-on "
          + failOn + ")");
    }
    out.flush();
    return fails ? ExitCode.REFUSED : ExitCode.OK;
  }

  private Replayed replay(PolicyEngine engine, ReplayClock clock, Policy p, @Nullable LedgerLaneDirectory ledger,
      @Nullable String ws, ActionJournal.Entry e) {
    if (e.reasons().contains("halted")) {
      return new Replayed(e, String.valueOf(e.lane()), null,
          "its pair was halted, so the action itself was never judged (" + e.decision() + ")");
    }
    Action action = e.action();
    if (ws == null && action.workspace() == null && e.workspace() != null) {
      action = action.toBuilder().workspace(e.workspace()).build();
    }
    AgentKey key;
    try {
      key = AgentKey.of(action.agent(), action.workflow());
    } catch (IllegalArgumentException ex) {
      key = null; // not a valid pair: step 1 refuses the action, in no lane
    }
    Lane lane;
    String note = null;
    if (key == null) {
      lane = p.defaultLane();
    } else if (ledger != null) {
      lane = ledger.status(key).lane();
    } else if (e.lane() == null) {
      lane = p.defaultLane();
    } else {
      lane = p.lane(e.lane()).orElse(null);
      if (lane == null) {
        lane = p.lanes().get(0);
        note = "lane " + e.lane() + " is not a lane of the new policy: replayed in its lowest lane, " + lane.name();
      }
    }
    if (key != null) {
      engine.lanes().reset(key, "replay");
      engine.lanes().assign(key, lane, "replay", "the lane for replaying " + e.decision());
    }
    clock.now = e.time();
    Decision d = engine.decide(action);
    if (!d.actionDigest().equals(e.actionDigest())) {
      note = (note == null ? "" : note + "; ") + "the replayed action's digest " + d.actionDigest()
          + " differs from the recorded " + e.actionDigest() + ": the journal line was edited";
    }
    return new Replayed(e, lane.name(), d, note);
  }

  private static LedgerLaneDirectory ledger(Policy p, Path stateDir) {
    Path dir = stateDir.resolve(StateDir.LEDGER);
    if (!Files.isDirectory(dir)) {
      throw new CliException("state directory '" + stateDir + "' has no ledger (" + dir + ")");
    }
    try {
      return LedgerLaneDirectory.builder().policy(p).store(FileLedgerStore.open(dir)).build();
    } catch (AgentLaneException e) {
      throw new CliException("cannot read the ledger in '" + dir + "': " + e.getMessage());
    }
  }

  private static List<String> codes(Decision d) {
    return d.reasons().stream().map(r -> r.code().code()).toList();
  }

  private void section(PrintWriter out, String title, List<Replayed> list) {
    out.println();
    out.println(title + ": " + list.size());
    for (Replayed r : list) {
      ActionJournal.Entry e = r.entry();
      Decision d = r.after();
      out.println("  line " + e.line() + "  " + e.time() + "  " + Output.printable(e.action().agent()) + "/"
          + Output.printable(e.action().workflow()) + "  " + Output.printable(e.action().tool()) + "  lane " + r.lane() + "  digest " + e.actionDigest().substring(0,
              Math.min(12, e.actionDigest().length())));
      if (showArguments) {
        out.println("    arguments " + ActionJson.toTree(e.action()).get("arguments"));
      }
      out.println("    before " + e.verdict() + (e.reasons().isEmpty() ? "" : " " + String.join(", ", e.reasons()))
          + " (" + e.decision() + ", policy version " + e.policyVersion() + ")");
      out.println("    now    " + d.verdict() + (r.direction() > 0 ? " (stricter)" : " (looser)"));
      for (Reason reason : d.reasons()) {
        out.println("      " + reason.code().code() + " [" + reason.ruleId() + "]: " + reason.message());
      }
      if (r.note() != null) {
        out.println("    note: " + r.note());
      }
    }
  }

  private void items(ArrayNode array, List<Replayed> list) {
    for (Replayed r : list) {
      ActionJournal.Entry e = r.entry();
      ObjectNode o = array.addObject();
      o.put("line", e.line()).put("decision", e.decision()).put("time", e.time().toString())
          .put("agent", e.action().agent()).put("workflow", e.action().workflow()).put("tool", e.action().tool())
          .put("action-digest", e.actionDigest()).put("lane", r.lane());
      if (showArguments) {
        o.set("arguments", ActionJson.toTree(e.action()).get("arguments"));
      }
      ObjectNode before = o.putObject("before");
      before.put("verdict", e.verdict().code()).put("policy-version", e.policyVersion());
      e.reasons().forEach(before.putArray("reasons")::add);
      e.rules().forEach(before.putArray("rules")::add);
      Decision d = r.after();
      if (d != null) {
        ObjectNode after = o.putObject("after");
        after.put("verdict", d.verdict().code()).put("decision", d.id());
        ArrayNode reasons = after.putArray("reasons");
        for (Reason reason : d.reasons()) {
          reasons.addObject().put("code", reason.code().code()).put("rule", reason.ruleId())
              .put("verdict", reason.verdict().code()).put("message", reason.message());
        }
        o.put("direction", r.direction() > 0 ? "stricter" : r.direction() < 0 ? "looser" : "same");
      }
      if (r.note() != null) {
        o.put("note", r.note());
      }
    }
  }
}
