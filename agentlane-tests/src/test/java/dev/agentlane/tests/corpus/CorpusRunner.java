package dev.agentlane.tests.corpus;

import dev.agentlane.Action;
import dev.agentlane.AgentKey;
import dev.agentlane.Decision;
import dev.agentlane.PolicyEngine;
import dev.agentlane.Reason;
import dev.agentlane.ReasonCode;
import dev.agentlane.policy.Policy;
import dev.agentlane.testkit.ManualClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Decides corpus cases with real engines over one policy: engines for virtual workspaces are shared by the
 * cases with the same options (each case uses a pair never seen before, so a HALT cannot leak into the next
 * case); a case with a setup gets its own workspace on disk, below {@code base}, and its own engine.
 *
 * <p>Not thread-safe; confine to one test. Close it to close the engines; the directories stay until the
 * caller deletes them ({@link #deleteTree}).
 */
final class CorpusRunner implements AutoCloseable {
  /** The virtual workspace root of cases without setup. */
  static final String WORKSPACE = "/workspace";

  private final Policy policy;
  private final Path base;
  private final Map<String, PolicyEngine> engines = new HashMap<>();
  private int pairs;

  /**
   * A runner.
   *
   * @param policy the policy every case is decided under
   * @param base a directory outside {@code /tmp} (the default policy lets agents write there), where
   *     workspaces on disk are created
   */
  CorpusRunner(Policy policy, Path base) {
    this.policy = policy;
    this.base = base;
  }

  /** What one case decided, and what (if anything) differs from what it expects. */
  record Outcome(CorpusCase c, Decision decision, List<String> problems) {
    boolean passed() {
      return problems.isEmpty();
    }

    /** A report naming the case, what differs, the action and the full decision. */
    String report() {
      StringBuilder sb = new StringBuilder();
      sb.append(c.where()).append(": ").append(String.join("; ", problems)).append('\n')
          .append("  lane ").append(c.lane().name()).append(", tool ").append(c.tool()).append(", arguments ")
          .append(abbreviate(c.arguments())).append('\n');
      if (c.note() != null) {
        sb.append("  note: ").append(c.note()).append('\n');
      }
      sb.append("  decision: ").append(decision.explain().replace("\n", "\n  "));
      return sb.toString();
    }

    private static String abbreviate(String s) {
      return s.length() <= 300 ? s : s.substring(0, 300) + "… (" + s.length() + " chars)";
    }
  }

  /** Decides one case and compares the decision with what the case expects. */
  Outcome run(CorpusCase c) throws IOException {
    String root;
    PolicyEngine engine;
    String arguments = c.arguments();
    if (c.onDisk()) {
      Path dir = Files.createDirectories(base.resolve(c.id()));
      Path ws = Files.createDirectories(dir.resolve("ws")).toRealPath();
      Path out = Files.createDirectories(dir.resolve("outside")).toRealPath();
      create(c, ws, out);
      root = ws.toString();
      arguments = arguments.replace("${WS}", root).replace("${OUT}", out.toString());
      engine = PolicyEngine.builder().policy(policy).clock(new ManualClock()).workspace(root)
          .resolveSymlinks(c.options().resolveSymlinks() == null || c.options().resolveSymlinks())
          .caseInsensitivePaths(c.options().caseInsensitivePaths()).build();
      engines.put("disk:" + c.id(), engine);
    } else {
      root = c.options().workspace() == null ? WORKSPACE : c.options().workspace();
      boolean resolve = Boolean.TRUE.equals(c.options().resolveSymlinks());
      boolean fold = c.options().caseInsensitivePaths();
      engine = engines.computeIfAbsent(root + "|" + resolve + "|" + fold, k -> PolicyEngine.builder().policy(policy)
          .clock(new ManualClock()).workspace(root).resolveSymlinks(resolve).caseInsensitivePaths(fold).build());
      arguments = arguments.replace("${WS}", root);
    }
    for (Map.Entry<String, CorpusCase.Repeat> r : c.repeat().entrySet()) {
      arguments = arguments.replace("${" + r.getKey() + "}", r.getValue().token().repeat(r.getValue().times()));
    }
    AgentKey key = AgentKey.of("corpus-" + (++pairs), c.file());
    engine.lanes().assign(key, c.lane(), "corpus", "the lane this case runs in");
    Action.Builder a = Action.builder().key(key).tool(c.tool()).argumentsJson(arguments).runId(c.runId());
    if (c.evidence() != null) {
      a.evidence(c.evidence());
    }
    if (c.size() != null) {
      a.size(c.size());
    }
    c.context().forEach(a::context);
    Decision d = engine.decide(a.build());
    return new Outcome(c, d, problems(c, d));
  }

  private static List<String> problems(CorpusCase c, Decision d) {
    List<String> problems = new ArrayList<>();
    if (d.verdict() != c.expect()) {
      problems.add("expected " + c.expect().code() + " but was " + d.verdict().code());
    }
    Set<ReasonCode> codes = new TreeSet<>(Comparator.comparing(ReasonCode::code));
    d.reasons().stream().map(Reason::code).forEach(codes::add);
    for (ReasonCode r : c.reasons()) {
      if (!codes.contains(r)) {
        problems.add("expected reason " + r.code() + " among " + codes.stream().map(ReasonCode::code).toList());
      }
    }
    List<String> ruleIds = d.reasons().stream().map(Reason::ruleId).toList();
    for (String rule : c.rules()) {
      if (!ruleIds.contains(rule)) {
        problems.add("expected a reason from rule " + rule + " among " + ruleIds);
      }
    }
    return problems;
  }

  private static void create(CorpusCase c, Path ws, Path out) throws IOException {
    for (CorpusCase.Setup s : c.setup()) {
      Path at = switch (s.kind()) {
        case FILE, DIR, LINK -> ws.resolve(s.path());
        case OUTSIDE_FILE, OUTSIDE_DIR -> out.resolve(s.path());
      };
      if (at.getParent() != null) {
        Files.createDirectories(at.getParent());
      }
      switch (s.kind()) {
        case FILE, OUTSIDE_FILE -> Files.writeString(at, "corpus file " + s.path() + "\n");
        case DIR, OUTSIDE_DIR -> Files.createDirectories(at);
        case LINK -> Files.createSymbolicLink(at, Path.of(target(s, ws, out)));
      }
    }
  }

  private static String target(CorpusCase.Setup s, Path ws, Path out) {
    String t = s.target();
    if (t == null) {
      throw new IllegalStateException("a link needs a target");
    }
    return t.replace("${WS}", ws.toString()).replace("${OUT}", out.toString());
  }

  @Override
  public void close() {
    engines.values().forEach(PolicyEngine::close);
    engines.clear();
  }

  /** Deletes a directory tree without following links. */
  static void deleteTree(@Nullable Path dir) {
    if (dir == null || !Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
