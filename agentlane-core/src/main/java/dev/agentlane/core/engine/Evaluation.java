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

  /**
   * The capabilities so far, distinct, in order of first mention. Starts as the tool mapping's own list
   * (immutable, compiled distinct) and is copied only when a command rule or a shell write adds another.
   */
  private List<Capability> capabilityList = List.of();
  private boolean capabilitiesShared = true;
  private @Nullable List<Capability> capabilityView;

  // Working lists start as the shared empty list and are created on first use: most decisions fill few.
  List<Touched> touched = List.of();
  /** Each distinct raw path string normalized once per decision (few per decision: a list beats a map). */
  private List<NormalizedPath> normalized = List.of();
  private boolean normalizedOverflow;
  /** Every word and argument string, as a path, for sensitive-path conditions only. */
  List<NormalizedPath> mentions = List.of();
  List<RunCommand> commands = List.of();
  List<ParsedUrl> urls = List.of();
  List<String> environments = List.of();
  List<String> branches = List.of();
  List<String> services = List.of();

  /**
   * Ids of the rules the action matched without producing a reason (see {@code Decision.matchedRules}).
   * Starts as the tool mapping's id (a compiled immutable list), copied on the second id.
   */
  private List<String> matched;
  private boolean matchedShared = true;
  List<Reason> reasons = List.of();
  List<Remedy> remedies = List.of();
  List<Obligation> obligations = List.of();
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
    this.matched = tool.matched();
    this.capabilityList = tool.capabilities();
  }

  /** Adds to a working list, creating it (with room for a few) while it is still the shared empty one. */
  private static <T> List<T> add(List<T> list, T item) {
    List<T> out = list;
    if (!(out instanceof ArrayList)) {
      out = new ArrayList<>(Math.max(4, list.size() + 1));
      out.addAll(list);
    }
    out.add(item);
    return out;
  }

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
      normalized = add(normalized, np);
    } else {
      normalizedOverflow = true;
    }
  }

  /**
   * Every distinct path normalized in this decision (each touched path and each mention is one of
   * them), or {@code null} if there were more than the list keeps.
   */
  @Nullable List<NormalizedPath> distinctPaths() {
    return normalizedOverflow ? null : normalized;
  }

  void touch(NormalizedPath path, Access access) {
    touched = add(touched, new Touched(path, access));
  }

  void mention(NormalizedPath path) {
    mentions = add(mentions, path);
  }

  void command(RunCommand command) {
    commands = add(commands, command);
  }

  void url(ParsedUrl url) {
    urls = add(urls, url);
  }

  void environment(String name) {
    environments = add(environments, name);
  }

  void branch(String name) {
    branches = add(branches, name);
  }

  void service(String name) {
    services = add(services, name);
  }

  void addCapabilities(List<Capability> caps) {
    for (int i = 0; i < caps.size(); i++) {
      Capability c = caps.get(i);
      if (!capabilityList.contains(c)) {
        if (capabilitiesShared) {
          capabilityList = new ArrayList<>(capabilityList);
          capabilitiesShared = false;
        }
        capabilityList.add(c);
        capabilityView = null;
      }
    }
  }

  /** Notes that the action matched the rule {@code ruleId}. */
  void matched(String ruleId) {
    if (!matched.contains(ruleId)) {
      if (matchedShared) {
        matched = new ArrayList<>(matched);
        matchedShared = false;
      }
      matched.add(ruleId);
    }
  }

  /** The matched rule ids so far. */
  List<String> matchedRules() {
    return matched;
  }

  /** Records a reason; the verdict becomes the strictest so far. */
  void reason(ReasonCode code, String ruleId, Verdict v, String message, @Nullable Remedy remedy) {
    reasons = add(reasons, Reason.of(code, ruleId, v, message));
    verdict = Verdict.strictest(verdict, v);
    if (v == Verdict.HALT && haltReason == null) {
      haltReason = code.code() + " [" + ruleId + "]: " + message;
    }
    if (remedy != null && !remedies.contains(remedy)) {
      remedies = add(remedies, remedy);
    }
  }

  /** The remedies as a list that can be changed. */
  List<Remedy> mutableRemedies() {
    if (!(remedies instanceof ArrayList)) {
      remedies = new ArrayList<>(remedies);
    }
    return remedies;
  }

  void obligation(Obligation o) {
    if (!obligations.contains(o)) {
      obligations = add(obligations, o);
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
    if (capabilitiesShared) {
      return capabilityList;
    }
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
