package dev.agentlane.core.engine;

import dev.agentlane.Access;
import dev.agentlane.Action;
import dev.agentlane.AgentKey;
import dev.agentlane.Capability;
import dev.agentlane.Lane;
import dev.agentlane.Obligation;
import dev.agentlane.Reason;
import dev.agentlane.ReasonCode;
import dev.agentlane.Remedy;
import dev.agentlane.Verdict;
import dev.agentlane.core.net.ParsedUrl;
import dev.agentlane.core.path.NormalizedPath;
import dev.agentlane.spi.StopContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The working state of one decision: the normalized, mapped action and the reasons found so far.
 * Confined to the deciding thread; custom stop conditions see it as a read-only {@link StopContext}.
 */
final class Evaluation implements StopContext {
  /** A path the action touches, with how. */
  record Touched(NormalizedPath path, Access access) {}

  /** One command a shell line would run, as the words it runs. */
  record RunCommand(String program, List<String> words, String text, boolean assignments) {}

  final Action action;
  final AgentKey key;
  final Lane lane;
  final Instant now;
  /** The arguments as plain Java values ({@link Arguments}). */
  final java.util.Map<String, Object> args;
  final CompiledPolicy.Tool tool;

  private final List<Capability> capabilityList = new ArrayList<>(4);
  private @Nullable List<Capability> capabilityView;
  final List<Touched> touched = new ArrayList<>();
  /** Each distinct raw path string normalized once per decision (few per decision: a list beats a map). */
  private final List<NormalizedPath> normalized = new ArrayList<>(4);

  @Nullable NormalizedPath normalizedFor(String raw) {
    for (int i = 0; i < normalized.size(); i++) {
      NormalizedPath np = normalized.get(i);
      if (np.raw().equals(raw)) {
        return np;
      }
    }
    return null;
  }

  void rememberNormalized(NormalizedPath np) {
    if (normalized.size() < 64) {
      normalized.add(np);
    }
  }
  /** Every word and argument string, as a path, for sensitive-path conditions only. */
  final List<NormalizedPath> mentions = new ArrayList<>();
  final List<RunCommand> commands = new ArrayList<>();
  final List<ParsedUrl> urls = new ArrayList<>();
  final List<String> environments = new ArrayList<>();
  final List<String> branches = new ArrayList<>();
  final List<String> services = new ArrayList<>();

  /** Ids of the rules the action matched without producing a reason (see {@code Decision.matchedRules}). */
  final List<String> matched = new ArrayList<>(4);
  final List<Reason> reasons = new ArrayList<>();
  final List<Remedy> remedies = new ArrayList<>();
  final List<Obligation> obligations = new ArrayList<>();
  Verdict verdict = Verdict.ALLOW;
  /** The starting points of the last find on the line, for writes through find -exec ... {}. */
  List<String> findRoots = List.of(".");
  @Nullable String haltReason;

  Evaluation(Action action, AgentKey key, Lane lane, Instant now, java.util.Map<String, Object> args, CompiledPolicy.Tool tool) {
    this.action = action;
    this.key = key;
    this.lane = lane;
    this.now = now;
    this.args = args;
    this.tool = tool;
  }

  void addCapabilities(List<Capability> caps) {
    for (int i = 0; i < caps.size(); i++) {
      Capability c = caps.get(i);
      if (!capabilityList.contains(c)) {
        capabilityList.add(c);
        capabilityView = null;
      }
    }
  }

  /** Notes that the action matched the rule {@code ruleId}. */
  void matched(String ruleId) {
    if (!matched.contains(ruleId)) {
      matched.add(ruleId);
    }
  }

  /** Records a reason; the verdict becomes the strictest so far. */
  void reason(ReasonCode code, String ruleId, Verdict v, String message, @Nullable Remedy remedy) {
    reasons.add(Reason.of(code, ruleId, v, message));
    verdict = Verdict.strictest(verdict, v);
    if (v == Verdict.HALT && haltReason == null) {
      haltReason = code.code() + " [" + ruleId + "]: " + message;
    }
    if (remedy != null && !remedies.contains(remedy)) {
      remedies.add(remedy);
    }
  }

  void obligation(Obligation o) {
    if (!obligations.contains(o)) {
      obligations.add(o);
    }
  }

  @Override
  public Action action() {
    return action;
  }

  @Override
  public AgentKey key() {
    return key;
  }

  @Override
  public Lane lane() {
    return lane;
  }

  @Override
  public List<Capability> capabilities() {
    List<Capability> view = capabilityView;
    if (view == null) {
      view = List.copyOf(capabilityList);
      capabilityView = view;
    }
    return view;
  }

  @Override
  public List<TouchedPath> paths() {
    List<TouchedPath> out = new ArrayList<>(touched.size());
    for (Touched t : touched) {
      out.add(new TouchedPath(t.path().path(), t.path().location() == NormalizedPath.Location.INSIDE, t.access()));
    }
    return Collections.unmodifiableList(out);
  }

  @Override
  public List<String> commands() {
    return commands.stream().map(RunCommand::program).toList();
  }

  @Override
  public List<String> hosts() {
    return urls.stream().map(ParsedUrl::host).toList();
  }

  @Override
  public List<String> environments() {
    return Collections.unmodifiableList(environments);
  }

  @Override
  public List<String> branches() {
    return Collections.unmodifiableList(branches);
  }

  @Override
  public Instant now() {
    return now;
  }
}
