package dev.agentlane.tests.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentlane.Verdict;
import dev.agentlane.policyfile.PolicyFiles;
import dev.agentlane.tests.corpus.CorpusReader.CorpusFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The adversarial corpus ({@code src/test/resources/corpus}, one YAML file per attack class) against the
 * shipped default policy, with real engines: one dynamic test per case, which reports a failing case by id
 * with the action and the full decision; and the corpus-level invariant that no case expected to be refused
 * is allowed, whatever else changes. Cases that need a workspace on disk run in their own directory under
 * {@code target/corpus-workspaces}, or under {@code /var/tmp} when the checkout itself is under {@code /tmp}
 * (which the default policy lets agents write to).
 * How to add a case: {@code src/test/resources/corpus/README.md}.
 */
class AdversarialCorpusTest {
  private static final Path CORPUS = Path.of("src/test/resources/corpus");
  /** The corpus may grow, never shrink unnoticed: a deleted file or a lost block of cases fails the build. */
  private static final int MINIMUM_CASES = 1000;

  private static List<CorpusFile> files;
  private static Path base;
  private static CorpusRunner perCase;

  @BeforeAll
  static void load() throws IOException {
    files = new CorpusReader().readAll(CORPUS);
    Path dir = Path.of("target", "corpus-workspaces");
    CorpusRunner.deleteTree(dir);
    base = Files.createDirectories(dir).toRealPath();
    if (base.startsWith("/tmp")) {
      // A checkout under /tmp (as some CI runners make) would put every "outside" target where the default
      // policy lets agents write: the on-disk cases need a directory the policy does not open.
      CorpusRunner.deleteTree(base);
      base = Files.createTempDirectory(Path.of("/var/tmp"), "agentlane-corpus-").toRealPath();
    }
    perCase = runner("cases");
  }

  @AfterAll
  static void clean() {
    if (perCase != null) {
      perCase.close();
    }
    CorpusRunner.deleteTree(base);
  }

  private static List<CorpusCase> all() {
    return files.stream().flatMap(f -> f.cases().stream()).toList();
  }

  private static CorpusRunner runner(String name) throws IOException {
    return new CorpusRunner(PolicyFiles.defaultPolicy(), Files.createDirectories(base.resolve(name)));
  }

  @TestFactory
  Stream<DynamicContainer> everyCaseReachesItsVerdict() {
    CorpusRunner runner = perCase;
    return files.stream().map(f -> DynamicContainer.dynamicContainer(f.name() + " (" + f.cases().size() + ")",
        f.cases().stream().map(c -> DynamicTest.dynamicTest(c.id() + " → " + c.expect().code(), () -> {
          CorpusRunner.Outcome o = runner.run(c);
          assertThat(o.problems()).as(o::report).isEmpty();
        }))));
  }

  /**
   * Whatever else a change to the engine or the default policy does, it must not let through an attack the
   * corpus expects to be refused. Also prints the corpus's figures.
   */
  @Test
  void noCaseExpectedToBeRefusedIsAllowed() throws IOException {
    List<String> allowed = new ArrayList<>();
    Map<Verdict, Integer> actual = new EnumMap<>(Verdict.class);
    try (CorpusRunner runner = runner("invariant")) {
      for (CorpusCase c : all()) {
        CorpusRunner.Outcome o = runner.run(c);
        actual.merge(o.decision().verdict(), 1, Integer::sum);
        if (c.expect() != Verdict.ALLOW && o.decision().permitsExecution()) {
          allowed.add(o.report());
        }
      }
    }
    System.out.println(summary(actual));
    assertThat(allowed).as("cases expected to be refused but allowed:%n%s", String.join("\n", allowed)).isEmpty();
  }

  @Test
  void corpusIsLargeAndCoversEveryVerdictInEveryWay() {
    List<CorpusCase> all = all();
    assertThat(all).hasSizeGreaterThanOrEqualTo(MINIMUM_CASES);
    assertThat(all).extracting(CorpusCase::expect).contains(Verdict.values());
    assertThat(all).as("cases with a workspace on disk").anyMatch(CorpusCase::onDisk);
    assertThat(all).as("cases reproducing public reports").anyMatch(c -> !c.sources().isEmpty());
    for (CorpusFile f : files) {
      assertThat(f.cases()).as("%s: every attack class also has benign look-alikes (ALLOW), to catch over-blocking",
          f.name()).anyMatch(c -> c.expect() == Verdict.ALLOW && c.knownGap() == null);
    }
  }

  /** One line: cases per file, per expected verdict, reproduced reports and known gaps. */
  private static String summary(Map<Verdict, Integer> actual) {
    List<CorpusCase> all = all();
    String perFile = files.stream().map(f -> f.name() + " " + f.cases().size()).collect(Collectors.joining(", "));
    Map<Verdict, Long> expected = new EnumMap<>(Verdict.class);
    all.forEach(c -> expected.merge(c.expect(), 1L, Long::sum));
    String perVerdict = expected.entrySet().stream().map(e -> e.getKey().code() + " " + e.getValue())
        .collect(Collectors.joining(", "));
    long reports = all.stream().flatMap(c -> c.sources().stream()).map(s -> s.replaceFirst(" .*", "")).distinct().count();
    long cited = all.stream().filter(c -> !c.sources().isEmpty()).count();
    long gaps = all.stream().filter(c -> c.knownGap() != null).count();
    long disk = all.stream().filter(CorpusCase::onDisk).count();
    return "adversarial corpus: " + all.size() + " cases in " + files.size() + " files (" + perFile + "); expected: "
        + perVerdict + "; " + disk + " on disk; " + cited + " cases reproduce " + reports + " public reports; "
        + gaps + " known gaps (allowed by design); decided: " + actual;
  }
}
