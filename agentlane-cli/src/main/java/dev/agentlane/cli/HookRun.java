package dev.agentlane.cli;

import dev.agentlane.Access;
import dev.agentlane.Action;
import dev.agentlane.AgentKey;
import dev.agentlane.Decision;
import dev.agentlane.Lane;
import dev.agentlane.Obligation;
import dev.agentlane.Verdict;
import dev.agentlane.policy.Policy;
import dev.agentlane.policy.Scope;
import dev.agentlane.policy.StopConditionSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One hook call: reads the event, maps the tool call to agentlane actions, decides each with the policy
 * (on the state directory's ledger and audit log, if any) and answers with the strictest verdict. The
 * protocol of each agent is the caller's; this class knows only agentlane. Stateless: each call reads its
 * own event and opens its own state.
 */
final class HookRun {
  /** The rule id of the stop condition that denies the agent writes to what controls the hook. */
  static final String PROTECTED_RULE = "hook.protected-files";
  /** The lock file inside a state directory that serializes hook calls of concurrent agent processes. */
  static final String LOCK = "hook.lock";

  /**
   * What the hook answers.
   *
   * @param verdict the strictest verdict of the call's actions
   * @param reason the text for the agent: the verdict, each reason with its code and rule, the remedies
   */
  record Answer(Verdict verdict, String reason) {}

  private HookRun() {}

  /**
   * Decides the event on standard input.
   *
   * @param defaultAgent the agent name when {@code --agent} is not given
   * @param tools the agent's built-in tool map
   * @param configFiles the agent's hook configuration files, relative to the workspace, which the agent may not
   *     write
   * @throws HookFailure if anything prevents a decision
   */
  static Answer decide(InputStream in, HookOptions o, String defaultAgent, HookToolMap tools,
      List<String> configFiles) {
    HookEvent event = HookEvent.read(in);
    List<HookToolMap.Call> calls = toolMap(o, tools).calls(event.toolName(), event.toolInput());
    if (o.lockTimeoutSeconds < 0) {
      throw new HookFailure("--lock-timeout must be >= 0 but was " + o.lockTimeoutSeconds);
    }
    if (o.lane != null && o.state != null) {
      throw new HookFailure("--lane is for trying the hook without a state directory; with --state the pair's "
          + "lane comes from the ledger (agentlane promote)");
    }
    Policy policy;
    try {
      policy = protect(Policies.load(o.policy), o, configFiles, event.cwd());
    } catch (CliException e) {
      throw new HookFailure(e.getMessage(), e);
    }
    AgentKey key;
    try {
      key = AgentKey.of(o.agent == null ? defaultAgent : o.agent, o.workflow);
    } catch (IllegalArgumentException e) {
      throw new HookFailure("the agent/workflow pair is not valid: " + e.getMessage(), e);
    }
    if (o.state == null) {
      return decide(null, policy, key, o.lane, event, calls);
    }
    try (StateLock lock = StateLock.acquire(o.state, o.lockTimeoutSeconds)) {
      return decide(o.state, policy, key, null, event, calls);
    }
  }

  /**
   * The policy with one more stop condition, {@value #PROTECTED_RULE}: the agent a hook judges may not write
   * what controls the hook itself. A hook the agent can rewrite or switch off is no control: denied are
   * writes to the state directory (the ledger that holds the pair's lane, the audit log), the policy file and
   * the mapping file, the launcher ({@code AGENTLANE_LAUNCHER}, which the launcher sets) and the jar, and the
   * agent's own hook configuration ({@code configFiles}, relative to the workspace), wherever they lie: in the
   * workspace, or under an outside path the policy lets the agent write (such as {@code /tmp/**}).
   *
   * @throws HookFailure if the state directory is or contains the workspace, or a protected path has glob
   *     characters
   */
  static Policy protect(Policy policy, HookOptions o, List<String> configFiles, String workspace) {
    Path ws = Path.of(workspace).normalize();
    List<String> globs = new ArrayList<>();
    if (o.state != null) {
      Path state = o.state.toAbsolutePath().normalize();
      if (ws.startsWith(state)) {
        throw new HookFailure("the state directory '" + o.state + "' is or contains the workspace " + ws
            + "; keep it in a directory of its own");
      }
      globs.add(glob(ws, state) + "/");
    }
    if (!o.policy.equals(Policies.DEFAULT)) {
      globs.add(glob(ws, Path.of(o.policy).toAbsolutePath().normalize()));
    }
    if (o.mapFile != null) {
      globs.add(glob(ws, o.mapFile.toAbsolutePath().normalize()));
    }
    String launcher = System.getenv("AGENTLANE_LAUNCHER");
    if (launcher != null && !launcher.isBlank()) {
      globs.add(glob(ws, Path.of(launcher).toAbsolutePath().normalize()));
    }
    Path jar = HookLauncherCommand.runningJar();
    if (jar != null) {
      globs.add(glob(ws, jar));
    }
    configFiles.forEach(f -> globs.add(glob(ws, ws.resolve(f).normalize())));
    try {
      return policy.toBuilder().stopCondition(new StopConditionSpec.SensitivePaths(PROTECTED_RULE, Verdict.DENY,
          Scope.all(), List.copyOf(new LinkedHashSet<>(globs)), Access.WRITE)).build();
    } catch (RuntimeException e) {
      throw new HookFailure("cannot add the rule " + PROTECTED_RULE + " to the policy: " + e.getMessage(), e);
    }
  }

  /** A glob for one path: relative to the workspace inside it, absolute outside. */
  private static String glob(Path workspace, Path path) {
    String glob = path.startsWith(workspace) ? workspace.relativize(path).toString() : path.toString();
    if (glob.chars().anyMatch(c -> "*?[]{}\\".indexOf(c) >= 0)) {
      throw new HookFailure("the path '" + path + "' has glob characters (* ? [ ] { } \\), so the hook cannot "
          + "protect it; choose another");
    }
    return glob;
  }

  private static HookToolMap toolMap(HookOptions o, HookToolMap tools) {
    Map<String, String> assignments = new LinkedHashMap<>();
    if (o.mapFile != null) {
      assignments.putAll(HookToolMap.readFile(o.mapFile));
    }
    for (String m : o.maps) {
      Map.Entry<String, String> a = HookToolMap.assignment(m, "--map");
      assignments.put(a.getKey(), a.getValue());
    }
    return assignments.isEmpty() ? tools : tools.with(assignments);
  }

  private static Answer decide(@Nullable Path stateDir, Policy policy, AgentKey key, @Nullable String lane,
      HookEvent event, List<HookToolMap.Call> calls) {
    List<Decision> decisions = new ArrayList<>();
    StateDir state;
    try {
      state = StateDir.open(stateDir, policy, event.cwd());
    } catch (CliException e) {
      throw new HookFailure(e.getMessage(), e);
    }
    try (state) {
      if (lane != null) {
        Optional<Lane> l = policy.lane(lane);
        if (l.isEmpty()) {
          throw new HookFailure("--lane " + lane + " is not a lane of the policy " + policy.lanes());
        }
        state.ledger().assign(key, l.get(), "agentlane hook --lane", "command-line lane for this call");
      }
      for (HookToolMap.Call call : calls) {
        Action action;
        try {
          action = Action.builder().key(key).runId(event.sessionId()).tool(call.tool())
              .argumentsJson(call.arguments().toString()).workspace(event.cwd()).build();
        } catch (IllegalArgumentException e) {
          throw new HookFailure("cannot make an action of the " + call.label() + " call: " + e.getMessage(), e);
        }
        decisions.add(state.engine().decide(action));
      }
    }
    return answer(calls, decisions);
  }

  /** The strictest verdict, with every decision's reasons (all of them when the call made several actions). */
  static Answer answer(List<HookToolMap.Call> calls, List<Decision> decisions) {
    Verdict verdict = Verdict.ALLOW;
    for (Decision d : decisions) {
      verdict = Verdict.strictest(verdict, d.verdict());
    }
    StringBuilder sb = new StringBuilder("agentlane: ");
    if (decisions.size() == 1) {
      sb.append(text(decisions.get(0)));
    } else {
      sb.append(verdict.name()).append(" for ").append(decisions.size()).append(" actions");
      for (int i = 0; i < decisions.size(); i++) {
        sb.append("\n* ").append(calls.get(i).label()).append(": ")
            .append(text(decisions.get(i)).replace("\n", "\n  "));
      }
    }
    return new Answer(verdict, sb.toString());
  }

  private static String text(Decision d) {
    StringBuilder sb = new StringBuilder(d.explain());
    if (d.verdict() == Verdict.ALLOW) {
      for (Obligation ob : d.obligations()) {
        sb.append("\n  obligation ").append(ob.code()).append(" [").append(ob.ruleId()).append("]: ")
            .append(ob.detail());
      }
    }
    return sb.toString();
  }

  /**
   * An exclusive lock on {@code DIR/hook.lock}, so concurrent hook processes (an agent may run several
   * tool calls at once) take turns on the ledger and the audit log instead of failing on the audit
   * log's own lock.
   */
  private static final class StateLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private StateLock(FileChannel channel, FileLock lock) {
      this.channel = channel;
      this.lock = lock;
    }

    static StateLock acquire(Path dir, int timeoutSeconds) {
      FileChannel ch;
      try {
        Files.createDirectories(dir);
        ch = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      } catch (IOException e) {
        throw new HookFailure("cannot open the state directory '" + dir + "': " + e.getMessage(), e);
      }
      long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
      try {
        while (true) {
          FileLock l;
          try {
            l = ch.tryLock();
          } catch (OverlappingFileLockException e) {
            l = null;
          }
          if (l != null) {
            return new StateLock(ch, l);
          }
          if (System.nanoTime() - deadline > 0) {
            throw new HookFailure("the state directory '" + dir + "' stayed locked by another agentlane process "
                + "for " + timeoutSeconds + " s");
          }
          Thread.sleep(10);
        }
      } catch (IOException e) {
        closeQuietly(ch);
        throw new HookFailure("cannot lock the state directory '" + dir + "': " + e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        closeQuietly(ch);
        throw new HookFailure("interrupted while waiting for the state directory '" + dir + "'", e);
      } catch (HookFailure e) {
        closeQuietly(ch);
        throw e;
      }
    }

    @Override
    public void close() {
      try {
        lock.release();
      } catch (IOException e) {
        // closing the channel below releases it too
      }
      closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel ch) {
      try {
        ch.close();
      } catch (IOException e) {
        // nothing was written through it
      }
    }
  }
}
