package dev.agentlane.core.engine;

import dev.agentlane.Access;
import dev.agentlane.ReasonCode;
import dev.agentlane.Remedy;
import dev.agentlane.TestRun;
import dev.agentlane.Verdict;
import dev.agentlane.core.path.GlobSet;
import dev.agentlane.core.path.NormalizedPath;
import dev.agentlane.policy.StopConditionSpec;
import dev.agentlane.spi.StopCondition;
import dev.agentlane.spi.StopResult;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A compiled stop condition: a scope and a check that records its own reason when it fires.
 * Immutable; the rate check keeps its counts in the engine's {@link WindowCounters}.
 */
abstract class StopCheck {
  final String id;
  final Verdict effect;
  final CompiledScope scope;

  StopCheck(String id, Verdict effect, CompiledScope scope) {
    this.id = id;
    this.effect = effect;
    this.scope = scope;
  }

  /** Checks the evaluation and records a reason if the condition fires. */
  abstract void check(Evaluation e, WindowCounters counters) throws Exception;

  Remedy haltOr(Remedy remedy) {
    return effect == Verdict.HALT
        ? Remedy.of("human-reset", "the pair is halted; a named human must review and reset it")
        : remedy;
  }

  /** Compiles globs, reporting problems; {@code null} if any glob is invalid. */
  interface GlobSets {
    @Nullable GlobSet compile(List<String> patterns, String path, boolean alwaysFoldCase);
  }

  static @Nullable StopCheck compile(StopConditionSpec spec, CompiledScope scope,
      GlobSets globs) {
    String path = "stopConditions." + spec.id();
    if (spec instanceof StopConditionSpec.FailedTests s) {
      return new FailedTests(s.id(), s.effect(), scope);
    }
    if (spec instanceof StopConditionSpec.MissingContext s) {
      return new MissingContext(s, scope);
    }
    if (spec instanceof StopConditionSpec.UnusualFileScope s) {
      GlobSet normal = s.normalPaths().isEmpty() ? null : globs.compile(s.normalPaths(), path + ".normalPaths", false);
      if (!s.normalPaths().isEmpty() && normal == null) {
        return null;
      }
      return new UnusualFileScope(s, scope, normal);
    }
    if (spec instanceof StopConditionSpec.SensitivePaths s) {
      GlobSet set = globs.compile(s.globs(), path + ".globs", true);
      return set == null ? null : new SensitivePaths(s, scope, set);
    }
    if (spec instanceof StopConditionSpec.BlastRadius s) {
      return new BlastRadius(s, scope);
    }
    if (spec instanceof StopConditionSpec.Rate s) {
      return new Rate(s, scope);
    }
    if (spec instanceof StopConditionSpec.LowConfidence s) {
      return new LowConfidence(s, scope);
    }
    StopConditionSpec.Custom c = (StopConditionSpec.Custom) spec;
    return new Custom(c.condition(), scope);
  }

  static final class FailedTests extends StopCheck {
    FailedTests(String id, Verdict effect, CompiledScope scope) {
      super(id, effect, scope);
    }

    @Override
    void check(Evaluation e, WindowCounters counters) {
      for (TestRun run : e.action.evidence().tests()) {
        if (run.failed() > 0) {
          e.reason(ReasonCode.FAILED_TESTS, id, effect, "evidence reports " + run.failed() + " failed test"
              + (run.failed() == 1 ? "" : "s") + " in '" + run.name() + "'",
              haltOr(Remedy.of("fix-tests", "make the failing tests in '" + run.name() + "' pass and attach the new run")));
        }
      }
    }
  }

  static final class MissingContext extends StopCheck {
    private final StopConditionSpec.MissingContext spec;

    MissingContext(StopConditionSpec.MissingContext spec, CompiledScope scope) {
      super(spec.id(), spec.effect(), scope);
      this.spec = spec;
    }

    @Override
    void check(Evaluation e, WindowCounters counters) {
      for (String k : spec.contextKeys()) {
        String v = e.action.context().get(k);
        if (v == null || v.isBlank()) {
          e.reason(ReasonCode.MISSING_CONTEXT, id, effect, "required context '" + k + "' is absent",
              haltOr(Remedy.of("fix-action", "set context '" + k + "' on the action")));
        }
      }
      if (spec.requireRunId() && (e.action.runId() == null || e.action.runId().isBlank())) {
        e.reason(ReasonCode.MISSING_CONTEXT, id, effect, "the action has no run id",
            haltOr(Remedy.of("fix-action", "set the run id on the action")));
      }
    }
  }

  static final class UnusualFileScope extends StopCheck {
    private final StopConditionSpec.UnusualFileScope spec;
    private final @Nullable GlobSet normal;

    UnusualFileScope(StopConditionSpec.UnusualFileScope spec, CompiledScope scope, @Nullable GlobSet normal) {
      super(spec.id(), spec.effect(), scope);
      this.spec = spec;
      this.normal = normal;
    }

    @Override
    void check(Evaluation e, WindowCounters counters) {
      Set<String> distinct = new HashSet<>();
      for (int ti = 0; ti < e.touched.size(); ti++) {
        Evaluation.Touched t = e.touched.get(ti);
        distinct.add(t.path().path());
        if (normal != null && (t.path().location() != NormalizedPath.Location.INSIDE || !normal.matchesAny(t.path().path()))) {
          e.reason(ReasonCode.UNUSUAL_FILE_SCOPE, id, effect, "path '" + t.path().path()
              + "' is outside this workflow's normal paths", haltOr(Remedy.of("reduce-scope",
                  "keep changes within " + spec.normalPaths())));
          return;
        }
      }
      int files = Math.max(distinct.size(), e.action.size().files());
      if (spec.maxFiles() > 0 && files > spec.maxFiles()) {
        e.reason(ReasonCode.UNUSUAL_FILE_SCOPE, id, effect, "the action touches " + files
            + " files; this workflow normally touches at most " + spec.maxFiles(),
            haltOr(Remedy.of("reduce-scope", "split the change into parts of at most " + spec.maxFiles() + " files")));
      }
    }
  }

  static final class SensitivePaths extends StopCheck {
    private final StopConditionSpec.SensitivePaths spec;
    private final GlobSet globs;
    /**
     * Answers of {@link GlobSet#wildcardMayMatch} by word: it compiles the word as a glob and matches it
     * against every protected name, which costs microseconds, and agents repeat their wildcards
     * ({@code find -name '*.java'}). Lives as long as the compiled policy, so a reload starts afresh.
     */
    private final LossyCache<Boolean> wildcardAnswers = new LossyCache<>(256);

    SensitivePaths(StopConditionSpec.SensitivePaths spec, CompiledScope scope, GlobSet globs) {
      super(spec.id(), spec.effect(), scope);
      this.spec = spec;
      this.globs = globs;
    }

    GlobSet globs() {
      return globs;
    }

    @Override
    void check(Evaluation e, WindowCounters counters) {
      for (int ti = 0; ti < e.touched.size(); ti++) {
        Evaluation.Touched t = e.touched.get(ti);
        if (spec.access() == Access.READ || t.access() == Access.WRITE) {
          if (hit(e, t.path(), t.access().code())) {
            return;
          }
        }
        if (spec.access() == Access.WRITE && t.access() == Access.WRITE
            && t.path().location() == NormalizedPath.Location.INSIDE && globs.mayMatchBelow(t.path().path())) {
          e.reason(ReasonCode.SENSITIVE_PATH, id, effect, "writing '" + t.path().raw()
              + "' changes the sensitive paths below it", haltOr(Remedy.of("avoid-path", "leave sensitive paths to a human")));
          return;
        }
      }
      if (spec.access() == Access.READ) {
        for (int mi = 0; mi < e.mentions.size(); mi++) {
          NormalizedPath m = e.mentions.get(mi);
          if (isTouched(e, m)) {
            continue; // already judged as a touched path, with any access
          }
          if (hit(e, m, "mention")) {
            return;
          }
        }
      }
    }

    private static boolean isTouched(Evaluation e, NormalizedPath m) {
      for (int ti = 0; ti < e.touched.size(); ti++) {
        Evaluation.Touched t = e.touched.get(ti);
        if (t.path() == m) {
          return true;
        }
      }
      return false;
    }

    private boolean wildcardMayMatch(String word) {
      if (!GlobSet.hasWildcard(word)) {
        return false;
      }
      Boolean known = wildcardAnswers.get("", word);
      if (known == null) {
        known = globs.wildcardMayMatch(word);
        if (word.length() <= 256) {
          wildcardAnswers.put("", word, known);
        }
      }
      return known;
    }

    private boolean hit(Evaluation e, NormalizedPath p, String how) {
      if (p.location() == NormalizedPath.Location.INVALID) {
        return false;
      }
      if (wildcardMayMatch(p.path())) {
        e.reason(ReasonCode.SENSITIVE_PATH, id, effect, "'" + p.raw() + "' is a wildcard that can select a"
            + " sensitive path", haltOr(Remedy.of("avoid-path", "leave sensitive paths to a human")));
        return true;
      }
      String path = p.path();
      boolean match = globs.matchesAny(path);
      if (!match && p.location() == NormalizedPath.Location.OUTSIDE) {
        // Unanchored patterns (".env", "*.pem") also apply to absolute paths outside the workspace.
        String relative = path.startsWith("~/") ? path.substring(2) : path.startsWith("/") ? path.substring(1) : path;
        match = !relative.isEmpty() && globs.matchesAny(relative);
      }
      if (match) {
        String pattern = globs.matching(path).stream().findFirst().map(g -> g.pattern()).orElse(spec.globs().get(0));
        e.reason(ReasonCode.SENSITIVE_PATH, id, effect, "'" + p.raw() + "' (" + how + ") is a sensitive path"
            + (pattern.isEmpty() ? "" : " matching '" + pattern + "'"),
            haltOr(Remedy.of("avoid-path", "leave sensitive paths to a human")));
      }
      return match;
    }
  }

  static final class BlastRadius extends StopCheck {
    private final StopConditionSpec.BlastRadius spec;

    BlastRadius(StopConditionSpec.BlastRadius spec, CompiledScope scope) {
      super(spec.id(), spec.effect(), scope);
      this.spec = spec;
    }

    @Override
    void check(Evaluation e, WindowCounters counters) {
      var size = e.action.size();
      boolean writes = false;
      for (int ti = 0; ti < e.touched.size(); ti++) {
        Evaluation.Touched t = e.touched.get(ti);
        writes |= t.access() == Access.WRITE;
      }
      if (!writes && e.services.size() <= 1 && e.environments.size() <= 1
          && e.action.evidence().filesTouched().isEmpty()) {
        // Nothing to count twice: the declared size and the single service or environment decide.
        over(e, "files", size.files(), spec.maxFiles());
        over(e, "lines", size.lines(), spec.maxLines());
        over(e, "directories", size.directories(), spec.maxDirectories());
        over(e, "services", Math.max(e.services.size(), size.services()), spec.maxServices());
        over(e, "environments", e.environments.size(), spec.maxEnvironments());
        return;
      }
      Set<String> written = new HashSet<>();
      Set<String> dirs = new HashSet<>();
      for (int ti = 0; ti < e.touched.size(); ti++) {
        Evaluation.Touched t = e.touched.get(ti);
        if (t.access() == Access.WRITE) {
          String p = t.path().path();
          written.add(p);
          int slash = p.lastIndexOf('/');
          dirs.add(slash < 0 ? "" : p.substring(0, slash));
        }
      }
      int files = Math.max(Math.max(written.size(), size.files()), e.action.evidence().filesTouched().size());
      int directories = Math.max(dirs.size(), size.directories());
      int services = Math.max(new HashSet<>(e.services).size(), size.services());
      int environments = new HashSet<>(e.environments).size();
      over(e, "files", files, spec.maxFiles());
      over(e, "lines", size.lines(), spec.maxLines());
      over(e, "directories", directories, spec.maxDirectories());
      over(e, "services", services, spec.maxServices());
      over(e, "environments", environments, spec.maxEnvironments());
    }

    private void over(Evaluation e, String what, int value, int max) {
      if (max > 0 && value > max) {
        e.reason(ReasonCode.BLAST_RADIUS, id, effect, "the change touches " + value + " " + what
            + "; the limit is " + max, haltOr(Remedy.of("reduce-scope", "split the change to at most " + max + " " + what)));
      }
    }
  }

  static final class Rate extends StopCheck {
    private final StopConditionSpec.Rate spec;

    private final long millis;
    /** The handle of this rule's counters in the engine that checks it (racy: any handle of the right engine will do). */
    private WindowCounters.@Nullable Rule counters;

    Rate(StopConditionSpec.Rate spec, CompiledScope scope) {
      super(spec.id(), spec.effect(), scope);
      this.spec = spec;
      this.millis = WindowCounters.millis(spec.window());
    }

    @Override
    void check(Evaluation e, WindowCounters counters) {
      long window = WindowCounters.windowIndex(e.now, millis);
      Object subject = WindowCounters.subject(spec.per(), e.key, e.action);
      WindowCounters.Rule rule = this.counters;
      if (rule == null || !rule.of(counters)) {
        rule = counters.rule(id);
        this.counters = rule;
      }
      long count = rule.increment(subject, window, millis);
      if (count > spec.limit()) {
        WindowCounters.Key key = new WindowCounters.Key(id, subject, window, millis);
        e.reason(ReasonCode.RATE_LIMITED, id, effect, "attempt " + count + " in the current window; at most "
            + spec.limit() + " per " + spec.window() + " per " + spec.per().code(),
            haltOr(Remedy.of("wait", "wait until " + WindowCounters.windowEnd(key))));
      }
    }
  }

  static final class LowConfidence extends StopCheck {
    private final StopConditionSpec.LowConfidence spec;

    LowConfidence(StopConditionSpec.LowConfidence spec, CompiledScope scope) {
      super(spec.id(), spec.effect(), scope);
      this.spec = spec;
    }

    @Override
    void check(Evaluation e, WindowCounters counters) {
      Double c = e.action.evidence().confidence();
      if (c == null) {
        if (spec.requireStated()) {
          e.reason(ReasonCode.LOW_CONFIDENCE, id, effect, "no confidence is stated; at least " + spec.minimum() + " is required",
              haltOr(Remedy.of("attach-evidence", "state a confidence of at least " + spec.minimum())));
        }
      } else if (!(c >= spec.minimum())) {
        e.reason(ReasonCode.LOW_CONFIDENCE, id, effect, "stated confidence " + c + " is below the minimum " + spec.minimum(),
            haltOr(Remedy.of("escalate", "ask a human to take over, or gather more context")));
      }
    }
  }

  static final class Custom extends StopCheck {
    private final StopCondition condition;

    Custom(StopCondition condition, CompiledScope scope) {
      super(condition.id(), Verdict.DENY, scope);
      this.condition = condition;
    }

    @Override
    void check(Evaluation e, WindowCounters counters) throws Exception {
      StopResult r = condition.check(e);
      if (r == null) {
        throw new IllegalStateException("stop condition '" + id + "' returned null");
      }
      if (r.hit()) {
        e.reason(ReasonCode.STOP_CONDITION, id, r.verdict(), r.message().isEmpty() ? "stop condition fired" : r.message(),
            r.verdict() == Verdict.HALT ? Remedy.of("human-reset", "the pair is halted; a named human must review and reset it") : r.remedy());
      }
    }
  }
}
