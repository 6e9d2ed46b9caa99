package dev.agentlane.fuzz;

import static dev.agentlane.fuzz.Oracle.check;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.agentlane.Decision;
import dev.agentlane.PolicyException;
import dev.agentlane.PolicyProblem;
import dev.agentlane.Verdict;
import dev.agentlane.policy.Policy;
import dev.agentlane.policyfile.PolicyFiles;
import dev.agentlane.policyfile.PolicyReloader;
import dev.agentlane.policyfile.ReloadResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the policy loader (YAML and strict JSON) and reloading a running engine from a policy file.
 *
 * <p>Not thread-safe (Jazzer runs one input at a time); see {@code docs/security/fuzzing.md}.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS) // per input while fuzzing: longer is a hang (see pom.xml)
class PolicyFuzzTest {
  private static FuzzEngine engine;
  private static Policy defaults;
  private static Path dir;
  private static Path file;
  private static PolicyReloader reloader;

  @BeforeAll
  static void start() throws IOException {
    engine = new FuzzEngine();
    defaults = engine.engine().policy();
    dir = Files.createTempDirectory("agentlane-policy-fuzz");
    file = dir.resolve("policy.yaml");
    reloader = PolicyReloader.builder(engine.engine()).file(file).build();
  }

  @AfterAll
  static void stop() throws IOException {
    reloader.close();
    Files.deleteIfExists(file);
    Files.deleteIfExists(dir);
  }

  /**
   * Any text loads into a policy or is refused with the documented {@link PolicyException}, whose
   * problems each name a file, a line and column inside the text (or 0 for the file as a whole) and say
   * what is wrong; never another exception, an error or a hang. A reload of the same bytes never throws
   * either, agrees with the loader, and when it is refused the engine keeps its policy and decides as
   * before. Text over the 4 MiB limit is refused.
   */
  @FuzzTest
  void policyTextLoadsOrIsRefusedWithLocatedProblems(byte[] data) {
    String text = FuzzText.of(data);
    if (touchesDeviceFiles(text)) {
      return;
    }
    Policy yaml = load(text, "fuzz.yaml");
    load(text, "fuzz.json");

    Policy before = engine.engine().policy();
    Decision probeBefore = engine.read("src/Main.java");
    ReloadResult result;
    try {
      Files.write(file, data);
      result = reloader.reload();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      throw Oracle.unexpected("a reload threw instead of returning a result", text, e);
    }
    if (result.rejected()) {
      check(engine.engine().policy() == before, "a refused reload changed the engine's policy", text);
      check(!result.problems().isEmpty(), "a refused reload without problems", text);
      Decision probeAfter = engine.read("src/Main.java");
      check(probeAfter.verdict() == probeBefore.verdict(), "a refused reload changed a decision", text);
    }
    boolean sameText = Arrays.equals(text.getBytes(StandardCharsets.UTF_8), data);
    if (sameText && !text.contains("extends")) {
      // Relative `extends` resolve against different directories for text and file: compare only without them.
      check(result.rejected() == (yaml == null),
          () -> "the loader " + (yaml == null ? "refused" : "accepted") + " the text, a reload " + result.outcome().code(),
          text);
    }
    if (!result.rejected() && engine.engine().policy() != defaults) {
      engine.engine().update(defaults); // the next input starts from the default policy again
    }

    // Bounded input: some inputs also go in over the size limit, which must be refused before parsing.
    if ((FuzzText.mix(data) & 0xFF) == 0) {
      String oversized = "#".repeat(PolicyFiles.MAX_FILE_BYTES) + "\n" + text;
      check(load(oversized, "fuzz.yaml") == null, "an oversized policy was accepted", text);
    }
  }

  /** The reload path of the target both applies and refuses: its oracles can fail. */
  @Test
  void aReloadAppliesAValidFileAndRefusesABrokenOne() throws IOException {
    Files.writeString(file, "apiVersion: agentlane.dev/v1\nkind: Policy\nmetadata: {name: tiny, version: \"9\"}\n");
    assertThat(reloader.reload().applied()).isTrue();
    Policy tiny = engine.engine().policy();
    assertThat(tiny.version()).isEqualTo("9");
    Files.writeString(file, "apiVersion: agentlane.dev/v1\nkind: Policy\nlanes: [a, a]\n");
    ReloadResult refused = reloader.reload();
    assertThat(refused.rejected()).isTrue();
    assertThat(engine.engine().policy()).isSameAs(tiny);
    engine.engine().update(defaults);
  }

  /** Loads, returning null for the documented refusal after checking that each problem is located. */
  private static Policy load(String text, String source) {
    try {
      return PolicyFiles.parse(text, source);
    } catch (PolicyException e) {
      check(!e.problems().isEmpty(), "a refusal without problems", text);
      int lines = lineBreaks(text) + 1;
      for (PolicyProblem p : e.problems()) {
        check(!p.source().isBlank() && !p.message().isBlank(), () -> "a problem without source or message: " + p, text);
        check(p.line() >= 0 && p.column() >= 0 && (p.line() > 0 || p.column() == 0),
            () -> "a problem at an impossible place: " + p, text);
        if (p.source().equals(source)) {
          check(p.line() <= lines, () -> "a problem past the last line (" + lines + "): " + p, text);
        }
      }
      return null;
    }
  }

  private static int lineBreaks(String text) {
    int n = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
        n++;
      }
    }
    return n;
  }

  /**
   * The loader follows {@code extends} to any file the policy names: policy files are configuration,
   * trusted like code. Kernel pseudo-files could block a read (as root, {@code /proc/kmsg} does), so the
   * fuzzer is kept away from them; they say nothing about the parser.
   */
  private static boolean touchesDeviceFiles(String text) {
    return text.contains("/proc") || text.contains("/sys") || text.contains("/dev");
  }
}
