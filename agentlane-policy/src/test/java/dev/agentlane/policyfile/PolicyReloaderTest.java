package dev.agentlane.policyfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentlane.Action;
import dev.agentlane.Decision;
import dev.agentlane.PolicyEngine;
import dev.agentlane.PolicyException;
import dev.agentlane.Verdict;
import dev.agentlane.policy.Policy;
import dev.agentlane.spi.DecisionListener;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyReloaderTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path dir;
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
  }

  // ---- on demand --------------------------------------------------------------------------------

  @Test
  void reloadAppliesTheNewVersionAndItsDecisions() throws IOException {
    Path file = write("policy.yaml", policy("1", false));
    PolicyEngine engine = engine(file);
    Recorder recorder = new Recorder();
    PolicyReloader reloader = reloader(PolicyReloader.builder(engine).file(file).listener(recorder));
    assertThat(engine.decide(listFiles()).verdict()).isNotEqualTo(Verdict.ALLOW);

    write("policy.yaml", policy("2", true));
    ReloadResult result = reloader.reload();

    assertThat(result.outcome()).isEqualTo(ReloadResult.Outcome.APPLIED);
    assertThat(result.applied()).isTrue();
    assertThat(result.previousVersion()).isEqualTo("1");
    assertThat(result.version()).isEqualTo("2");
    assertThat(result.file()).isEqualTo(file.toAbsolutePath().normalize());
    assertThat(result.problems()).isEmpty();
    assertThat(engine.policy().version()).isEqualTo("2");
    Decision d = engine.decide(listFiles());
    assertThat(d.verdict()).isEqualTo(Verdict.ALLOW);
    assertThat(d.policyVersion()).isEqualTo("2");
    assertThat(recorder.events).containsExactly("reloaded 1 -> 2");
  }

  @Test
  void syntaxErrorIsRejectedWithItsLocationAndTheEngineKeepsItsPolicy() throws IOException {
    brokenFileIsRejected(policy("2", true).replace("list_files: {capabilities: [code.read], read-paths: [/path]}",
        "list_files: {capabilities: [code.read], read-paths: [/path]"));
  }

  @Test
  void unknownFieldIsRejectedWithItsLocationAndTheEngineKeepsItsPolicy() throws IOException {
    PolicyException e = brokenFileIsRejected(policy("2", true).replace("list_files: {capabilities: [code.read], read-paths",
        "list_files: {capabilities: [code.read], read-pathz"));
    assertThat(e.problems()).anySatisfy(p -> {
      assertThat(p.message()).contains("read-pathz");
      assertThat(p.line()).isEqualTo(8);
    });
  }

  private PolicyException brokenFileIsRejected(String broken) throws IOException {
    Path file = write("policy.yaml", policy("1", false));
    PolicyEngine engine = engine(file);
    AtomicInteger engineUpdates = countUpdates(engine);
    Recorder recorder = new Recorder();
    PolicyReloader reloader = reloader(PolicyReloader.builder(engine).file(file).listener(recorder));

    write("policy.yaml", broken);
    ReloadResult result = reloader.reload();

    assertThat(result.outcome()).isEqualTo(ReloadResult.Outcome.REJECTED);
    assertThat(result.rejected()).isTrue();
    assertThat(result.previousVersion()).isEqualTo("1");
    assertThat(result.version()).isEqualTo("1");
    assertThat(result.problems()).isNotEmpty().allSatisfy(p -> {
      assertThat(p.source()).endsWith("policy.yaml");
      assertThat(p.line()).isPositive();
      assertThat(p.column()).isPositive();
    });
    assertThat(engine.policy().version()).isEqualTo("1");
    assertThat(engine.decide(listFiles()).verdict()).isNotEqualTo(Verdict.ALLOW);
    assertThat(engineUpdates).hasValue(0);
    assertThat(recorder.events).containsExactly("rejected");
    PolicyException heard = recorder.lastRejection;
    assertThat(heard).isNotNull();
    assertThat(heard.problems()).isEqualTo(result.problems());
    return heard;
  }

  @Test
  void missingFileIsRejectedNotThrown() throws IOException {
    Path file = write("policy.yaml", policy("1", false));
    PolicyEngine engine = engine(file);
    PolicyReloader reloader = reloader(PolicyReloader.builder(engine).file(file));
    Files.delete(file);

    ReloadResult result = reloader.reload();

    assertThat(result.outcome()).isEqualTo(ReloadResult.Outcome.REJECTED);
    assertThat(result.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("cannot read"));
    assertThat(engine.policy().version()).isEqualTo("1");
  }

  @Test
  void unchangedFileDoesNotUpdateTheEngine() throws IOException {
    Path file = write("policy.yaml", policy("1", false));
    PolicyEngine engine = engine(file);
    AtomicInteger engineUpdates = countUpdates(engine);
    Recorder recorder = new Recorder();
    PolicyReloader reloader = reloader(PolicyReloader.builder(engine).file(file).listener(recorder));
    write("policy.yaml", policy("2", true));
    assertThat(reloader.reload().outcome()).isEqualTo(ReloadResult.Outcome.APPLIED);
    Policy applied = engine.policy();

    ReloadResult again = reloader.reload();
    write("policy.yaml", policy("2", true)); // rewritten, same bytes
    ReloadResult rewritten = reloader.reload();

    assertThat(again.outcome()).isEqualTo(ReloadResult.Outcome.UNCHANGED);
    assertThat(again.previousVersion()).isEqualTo("2");
    assertThat(again.version()).isEqualTo("2");
    assertThat(rewritten.outcome()).isEqualTo(ReloadResult.Outcome.UNCHANGED);
    assertThat(engine.policy()).isSameAs(applied);
    assertThat(engineUpdates).hasValue(1);
    assertThat(recorder.events).containsExactly("reloaded 1 -> 2");
  }

  @Test
  void revertingToTheLastGoodFileAfterARejectionIsUnchanged() throws IOException {
    Path file = write("policy.yaml", policy("1", false));
    PolicyEngine engine = engine(file);
    AtomicInteger engineUpdates = countUpdates(engine);
    PolicyReloader reloader = reloader(PolicyReloader.builder(engine).file(file));
    write("policy.yaml", policy("2", true));
    reloader.reload();

    write("policy.yaml", "kind: [");
    assertThat(reloader.reload().outcome()).isEqualTo(ReloadResult.Outcome.REJECTED);
    write("policy.yaml", policy("2", true));

    assertThat(reloader.reload().outcome()).isEqualTo(ReloadResult.Outcome.UNCHANGED);
    assertThat(engineUpdates).hasValue(1);
  }

  @Test
  void policyChangedBehindTheReloadersBackIsAppliedAgain() throws IOException {
    Path file = write("policy.yaml", policy("1", false));
    PolicyEngine engine = engine(file);
    PolicyReloader reloader = reloader(PolicyReloader.builder(engine).file(file));
    write("policy.yaml", policy("2", true));
    reloader.reload();
    engine.update(PolicyFiles.parse(policy("3", false), "elsewhere.yaml"));

    ReloadResult result = reloader.reload();

    assertThat(result.outcome()).isEqualTo(ReloadResult.Outcome.APPLIED);
    assertThat(result.previousVersion()).isEqualTo("3");
    assertThat(engine.policy().version()).isEqualTo("2");
  }

  @Test
  void throwingListenerNeverBreaksReloadingOrTheOtherListeners() throws IOException {
    Path file = write("policy.yaml", policy("1", false));
    PolicyEngine engine = engine(file);
    Recorder recorder = new Recorder();
    ReloadListener throwing = new ReloadListener() {
      @Override
      public void reloaded(String previousVersion, String newVersion, Path f) {
        throw new IllegalStateException("listener bug (expected by the test)");
      }

      @Override
      public void rejected(Path f, PolicyException problems) {
        throw new IllegalStateException("listener bug (expected by the test)");
      }
    };
    PolicyReloader reloader = reloader(PolicyReloader.builder(engine).file(file).listener(throwing).listener(recorder));

    write("policy.yaml", policy("2", true));
    ReloadResult applied = reloader.reload();
    write("policy.yaml", "apiVersion: agentlane.dev/v1\nkind: Policy\nunknown: 1\n");
    ReloadResult rejected = reloader.reload();

    assertThat(applied.outcome()).isEqualTo(ReloadResult.Outcome.APPLIED);
    assertThat(rejected.outcome()).isEqualTo(ReloadResult.Outcome.REJECTED);
    assertThat(engine.policy().version()).isEqualTo("2");
    assertThat(recorder.events).containsExactly("reloaded 1 -> 2", "rejected");
  }

  @Test
  void concurrentReloadsOfOneChangeApplyItOnce() throws Exception {
    Path file = write("policy.yaml", policy("1", false));
    PolicyEngine engine = engine(file);
    AtomicInteger engineUpdates = countUpdates(engine);
    PolicyReloader reloader = reloader(PolicyReloader.builder(engine).file(file));
    write("policy.yaml", policy("2", true));
    int threads = 8;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<ReloadResult>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        futures.add(pool.submit(() -> {
          start.await();
          return reloader.reload();
        }));
      }
      start.countDown();
      List<ReloadResult.Outcome> outcomes = new ArrayList<>();
      for (Future<ReloadResult> f : futures) {
        outcomes.add(f.get(WAIT.toSeconds(), TimeUnit.SECONDS).outcome());
      }

      assertThat(outcomes).containsOnlyOnce(ReloadResult.Outcome.APPLIED)
          .containsOnly(ReloadResult.Outcome.APPLIED, ReloadResult.Outcome.UNCHANGED);
      assertThat(engineUpdates).hasValue(1);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Deciders run in a loop while the file flips between two versions that decide {@code list_files}
   * differently; every decision must carry one of the two versions and exactly that version's verdict.
   */
  @Test
  void reloadUnderConcurrentDecisionsNeverShowsAMixedPolicy() throws Exception {
    Path file = write("policy.yaml", policy("1", false));
    PolicyEngine engine = engine(file);
    PolicyReloader reloader = reloader(PolicyReloader.builder(engine).file(file));
    Verdict verdict1 = engine.decide(listFiles()).verdict();
    write("policy.yaml", policy("2", true));
    reloader.reload();
    Verdict verdict2 = engine.decide(listFiles()).verdict();
    assertThat(verdict2).isEqualTo(Verdict.ALLOW);
    assertThat(verdict1).isNotEqualTo(verdict2);
    Map<String, Verdict> expected = Map.of("1", verdict1, "2", verdict2);

    int deciders = 4;
    CountDownLatch start = new CountDownLatch(1);
    AtomicBoolean stop = new AtomicBoolean();
    Map<String, LongAdder> seen = new ConcurrentHashMap<>();
    Set<String> violations = ConcurrentHashMap.newKeySet();
    ExecutorService pool = Executors.newFixedThreadPool(deciders);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < deciders; t++) {
        futures.add(pool.submit(() -> {
          start.await();
          Action action = listFiles();
          while (!stop.get()) {
            Decision d = engine.decide(action);
            seen.computeIfAbsent(d.policyVersion(), v -> new LongAdder()).increment();
            if (d.verdict() != expected.get(d.policyVersion())) {
              violations.add("version " + d.policyVersion() + " decided " + d.verdict());
            }
          }
          return null;
        }));
      }
      start.countDown();

      String version = "2";
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      for (int i = 0; i < 200 || !sawBoth(seen); i++) {
        assertThat(System.nanoTime()).as("deciders saw both versions within 30 s").isLessThan(deadline);
        if (i == 100) {
          write("policy.yaml", policy("3", true).replace("read-paths: [/path]}\n  list", "read-pathz: [/path]}\n  list"));
          ReloadResult rejected = reloader.reload();
          assertThat(rejected.outcome()).isEqualTo(ReloadResult.Outcome.REJECTED);
          assertThat(rejected.version()).isEqualTo(version);
          assertThat(engine.policy().version()).isEqualTo(version);
          assertThat(engine.decide(listFiles()).verdict()).isEqualTo(expected.get(version));
        }
        version = version.equals("1") ? "2" : "1";
        write("policy.yaml", policy(version, version.equals("2")));
        ReloadResult result = reloader.reload();
        assertThat(result.outcome()).isEqualTo(ReloadResult.Outcome.APPLIED);
        assertThat(result.version()).isEqualTo(version);
        assertThat(engine.policy().version()).isEqualTo(version);
      }
      stop.set(true);
      for (Future<?> f : futures) {
        f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      }

      assertThat(violations).isEmpty();
      assertThat(seen.keySet()).containsExactlyInAnyOrder("1", "2");
    } finally {
      stop.set(true);
      pool.shutdownNow();
    }
  }

  private static boolean sawBoth(Map<String, LongAdder> seen) {
    return seen.containsKey("1") && seen.containsKey("2");
  }

  // ---- watching ---------------------------------------------------------------------------------

  @Test
  void watchingPicksUpAChange() throws Exception {
    Path file = write("policy.yaml", policy("1", false));
    PolicyEngine engine = engine(file);
    Recorder recorder = new Recorder();
    PolicyReloader reloader = reloader(PolicyReloader.builder(engine).file(file).listener(recorder)
        .debounce(Duration.ofMillis(100)));
    reloader.startWatching();
    assertThat(reloader.watching()).isTrue();

    write("policy.yaml", policy("2", true));

    recorder.await("reloaded 1 -> 2");
    assertThat(engine.policy().version()).isEqualTo("2");
    assertThat(engine.decide(listFiles()).verdict()).isEqualTo(Verdict.ALLOW);
  }

  @Test
  void watchingRejectsABrokenFileThenAppliesTheFix() throws Exception {
    Path file = write("policy.yaml", policy("1", false));
    PolicyEngine engine = engine(file);
    Recorder recorder = new Recorder();
    PolicyReloader reloader = reloader(PolicyReloader.builder(engine).file(file).listener(recorder)
        .debounce(Duration.ofMillis(100)));
    reloader.startWatching();

    replaceAtomically(file, "apiVersion: agentlane.dev/v1\nkind: Policy\nmetadata: {name: t, versio: \"2\"}\n");
    recorder.await("rejected");
    assertThat(engine.policy().version()).isEqualTo("1");
    PolicyException problems = recorder.lastRejection;
    assertThat(problems).isNotNull();
    assertThat(problems.problems()).anySatisfy(p -> {
      assertThat(p.line()).isEqualTo(3);
      assertThat(p.message()).contains("versio");
    });

    replaceAtomically(file, policy("2", true));
    recorder.await("reloaded 1 -> 2");
    assertThat(engine.policy().version()).isEqualTo("2");
  }

  /**
   * An editor's save: the old file is renamed away, the new one created and written in pieces. The
   * first piece cuts a flow mapping in half, so only the whole file loads; it is applied exactly once.
   */
  @Test
  void editorSaveSequenceIsAppliedOnceAfterItSettles() throws Exception {
    Path file = write("policy.yaml", policy("1", false));
    PolicyEngine engine = engine(file);
    AtomicInteger engineUpdates = countUpdates(engine);
    Recorder recorder = new Recorder();
    // Generous, so that the pieces below are written well within one interval.
    PolicyReloader reloader = reloader(PolicyReloader.builder(engine).file(file).listener(recorder)
        .debounce(Duration.ofSeconds(1)));
    reloader.startWatching();

    byte[] text = policy("2", true).getBytes(StandardCharsets.UTF_8);
    int cut = policy("2", true).indexOf("read-paths: [/path]}\n  list_files") + 5;
    Files.move(file, dir.resolve("policy.yaml~"), StandardCopyOption.REPLACE_EXISTING);
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(text, 0, cut);
      out.flush();
      out.write(text, cut, text.length - cut);
    }

    recorder.await("reloaded 1 -> 2");
    assertThat(reloader.reload().outcome()).isEqualTo(ReloadResult.Outcome.UNCHANGED);
    assertThat(recorder.events).containsOnlyOnce("reloaded 1 -> 2").doesNotContain("rejected");
    assertThat(engineUpdates).hasValue(1);
  }

  @Test
  void changesToOtherFilesInTheDirectoryAreIgnored() throws Exception {
    Path file = write("policy.yaml", policy("1", false));
    PolicyEngine engine = engine(file);
    Recorder recorder = new Recorder();
    PolicyReloader reloader = reloader(PolicyReloader.builder(engine).file(file).listener(recorder)
        .debounce(Duration.ofMillis(50)));
    reloader.startWatching();

    write("other.yaml", "not: [a policy");
    write("policy.yaml", policy("2", true));

    recorder.await("reloaded 1 -> 2");
    assertThat(recorder.events).doesNotContain("rejected");
  }

  @Test
  void closeStopsWatchingAndReloadStillWorks() throws Exception {
    Path file = write("policy.yaml", policy("1", false));
    PolicyEngine engine = engine(file);
    PolicyReloader reloader = reloader(PolicyReloader.builder(engine).file(file));
    reloader.startWatching();
    reloader.startWatching(); // idempotent

    reloader.close();
    reloader.close(); // idempotent

    assertThat(reloader.watching()).isFalse();
    assertThat(Thread.getAllStackTraces().keySet()).noneSatisfy(
        t -> assertThat(t.getName()).isEqualTo("agentlane-policy-reloader-policy.yaml"));
    assertThatThrownBy(reloader::startWatching).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    write("policy.yaml", policy("2", true));
    assertThat(reloader.reload().outcome()).isEqualTo(ReloadResult.Outcome.APPLIED);
  }

  @Test
  void watchingAMissingDirectoryFailsAtOnce() throws IOException {
    Path file = write("policy.yaml", policy("1", false));
    PolicyEngine engine = engine(file);
    PolicyReloader reloader = reloader(PolicyReloader.builder(engine).file(dir.resolve("gone/policy.yaml")));

    assertThatThrownBy(reloader::startWatching).isInstanceOf(java.io.UncheckedIOException.class)
        .hasMessageContaining("gone");
    assertThat(reloader.watching()).isFalse();
  }

  // ---- builder ----------------------------------------------------------------------------------

  @Test
  void builderTakesExactlyOneFileAndAPositiveDebounce() throws IOException {
    Path file = write("policy.yaml", policy("1", false));
    PolicyEngine engine = engine(file);
    PolicyReloader.Builder builder = PolicyReloader.builder(engine);

    assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class).hasMessageContaining("file(");
    builder.file(file);
    assertThatThrownBy(() -> builder.file(dir.resolve("team.yaml"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exactly one policy file");
    assertThatThrownBy(() -> builder.debounce(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("debounce must be > 0 and at most 1 minute but was PT0S");
    assertThatThrownBy(() -> PolicyReloader.builder(null)).isInstanceOf(NullPointerException.class);
    try (PolicyReloader a = builder.build(); PolicyReloader b = builder.build()) {
      assertThat(a.file()).isEqualTo(b.file()).isEqualTo(file.toAbsolutePath().normalize());
    }
  }

  @Test
  void resultCarriesProblemsOnlyWhenRejected() {
    Path file = dir.resolve("p.yaml");
    assertThatThrownBy(() -> new ReloadResult(ReloadResult.Outcome.REJECTED, file, "1", "1", List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(ReloadResult.Outcome.UNCHANGED.code()).isEqualTo("unchanged");
  }

  // ---- helpers ----------------------------------------------------------------------------------

  private static String policy(String version, boolean listFiles) {
    return """
        apiVersion: agentlane.dev/v1
        kind: Policy
        metadata: {name: t, version: "%s"}
        capabilities:
          code.read: {lane: draft, effect: read}
        tools:
          read_file: {capabilities: [code.read], read-paths: [/path]}
        """.formatted(version)
        + (listFiles ? "  list_files: {capabilities: [code.read], read-paths: [/path]}\n" : "");
  }

  private static Action listFiles() {
    return Action.builder().agent("agent").workflow("reload").tool("list_files").arguments(Map.of("path", "src")).build();
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  private void replaceAtomically(Path file, String text) throws IOException {
    Path tmp = Files.writeString(dir.resolve("." + file.getFileName() + ".tmp"), text);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private PolicyEngine engine(Path file) {
    PolicyEngine engine = PolicyEngine.builder().policy(PolicyFiles.load(file)).workspace("/work/repo").build();
    toClose.add(engine);
    return engine;
  }

  private PolicyReloader reloader(PolicyReloader.Builder builder) {
    PolicyReloader reloader = builder.build();
    toClose.add(reloader);
    return reloader;
  }

  private static AtomicInteger countUpdates(PolicyEngine engine) {
    AtomicInteger updates = new AtomicInteger();
    engine.addListener(new DecisionListener() {
      @Override
      public void policyUpdated(String previousVersion, String newVersion) {
        updates.incrementAndGet();
      }
    });
    return updates;
  }

  /** Records what a reloader reports, in order. */
  private static final class Recorder implements ReloadListener {
    final List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
    volatile @Nullable PolicyException lastRejection;

    @Override
    public void reloaded(String previousVersion, String newVersion, Path file) {
      record("reloaded " + previousVersion + " -> " + newVersion);
    }

    @Override
    public void rejected(Path file, PolicyException problems) {
      lastRejection = problems;
      record("rejected");
    }

    private void record(String event) {
      events.add(event);
      queue.add(event);
    }

    /** Waits, at most {@link #WAIT}, until {@code expected} is reported; other events may come first. */
    void await(String expected) throws InterruptedException {
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (true) {
        long left = deadline - System.nanoTime();
        String event = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
        assertThat(event).as("'%s' within %s; heard %s", expected, WAIT, events).isNotNull();
        if (expected.equals(event)) {
          return;
        }
      }
    }
  }
}
