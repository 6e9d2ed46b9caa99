package dev.agentlane.fuzz;

import static dev.agentlane.fuzz.Oracle.check;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.agentlane.Decision;
import dev.agentlane.ReasonCode;
import dev.agentlane.Verdict;
import dev.agentlane.core.path.NormalizedPath;
import dev.agentlane.core.path.PathNormalizer;
import dev.agentlane.core.path.PathNormalizer.Options;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the path normalizer, alone and through the engine's secrets rule.
 *
 * <p>Not thread-safe (Jazzer runs one input at a time); see {@code docs/security/fuzzing.md}.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS) // per input while fuzzing: longer is a hang (see pom.xml)
class PathFuzzTest {
  /** The normalizer the engine uses for its default workspace. */
  private static final PathNormalizer ENGINE_LIKE = PathNormalizer.of(FuzzEngine.WORKSPACE, Options.defaults());
  /** Roots and options of every shape: POSIX, drive and UNC roots; case folding and percent-decoding. */
  private static final List<PathNormalizer> NORMALIZERS = List.of(
      ENGINE_LIKE,
      PathNormalizer.of(FuzzEngine.WORKSPACE, new Options(true, true, false, 4096)),
      PathNormalizer.of("C:\\repo", Options.defaults()),
      PathNormalizer.of("\\\\server\\share\\repo", new Options(true, false, false, 4096)));
  /** Paths plain enough for java.nio to read them the same way: no backslash, colon, '~', '%' or '$'. */
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./-]*");
  private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_-]+(?:\\.[A-Za-z0-9_-]+)*");
  private static final Path ROOT = Path.of(FuzzEngine.WORKSPACE);

  /** Secret files of the default policy's stop.secrets, each as the last segment(s) of a path. */
  private static final List<String> SECRETS =
      List.of(".env", ".env.production", "id_rsa", "server.pem", ".ssh/config", "secrets/db.yaml", ".npmrc");
  /** Ways to put a secret after the fuzzed text, and to dress it up so that it still names the file. */
  private static final List<String> SEPARATORS = List.of("/", "\\", "//", "/./", "/x/../", "\\\\.\\");
  private static final List<String> DISGUISES = List.of("", ".", " ", "::$DATA", ". .", ":stream");

  private static FuzzEngine engine;

  @BeforeAll
  static void startEngine() {
    engine = new FuzzEngine();
  }

  /**
   * Every path is classified without an unforeseen exception; inside paths are canonical and stay put
   * when normalized again; outside paths never become inside; plain paths agree with java.nio; and a
   * secret named after any text, with any of Windows' disguises, is still a secret to the engine.
   */
  @FuzzTest
  void normalizedPathsStayWhereTheyClaim(byte[] data) {
    String raw = FuzzText.of(data);
    for (PathNormalizer n : NORMALIZERS) {
      NormalizedPath p = normalize(n, raw);
      if (p.isInside()) {
        checkCanonical(n, p);
        NormalizedPath again = normalize(n, p.path().isEmpty() ? "." : p.path());
        // An inside path that begins with '~' or a home variable reads as home the second time: stricter.
        check(again.isInside() ? again.path().equals(p.path()) : !p.path().isEmpty(),
            () -> "normalizing the inside path '" + p.path() + "' again gave " + again + " (" + n + ")", raw);
        NormalizedPath rooted = normalize(n, n.workspaceRoot() + "/" + p.path());
        check(rooted.isInside() && rooted.path().equals(p.path()),
            () -> "the root joined with the inside path '" + p.path() + "' gave " + rooted + " (" + n + ")", raw);
      } else if (p.isOutside()) {
        NormalizedPath again = normalize(n, p.path());
        check(!again.isInside(), () -> "the outside path '" + p.path() + "' became " + again + " (" + n + ")", raw);
      }
      // Bounded input: longer than the limit is refused.
      String oversized = "a/".repeat(n.options().maxLength() / 2 + 1) + raw;
      check(normalize(n, oversized).isInvalid(), () -> "an oversized path was accepted (" + n + ")", raw);
    }
    checkAgainstNio(raw);

    Decision d = engine.read(raw);
    NormalizedPath p = ENGINE_LIKE.normalize(raw);
    if (p.isInvalid()) {
      check(d.verdict() != Verdict.ALLOW, () -> "reading an invalid path (" + p.problem() + ") was allowed", raw);
    }
    if (p.isOutside() && !(p.path() + "/").startsWith("/tmp/") && !p.path().startsWith("/dev/")) {
      // The default policy allows /tmp/** (which includes /tmp) and /dev/null and friends; nothing else outside.
      check(d.verdict() != Verdict.ALLOW, () -> "reading the outside path '" + p.path() + "' was allowed", raw);
    }

    int pick = FuzzText.mix(data);
    String secret = SECRETS.get(Math.floorMod(pick, SECRETS.size()));
    String separator = SEPARATORS.get(Math.floorMod(pick >>> 8, SEPARATORS.size()));
    String disguise = DISGUISES.get(Math.floorMod(pick >>> 16, DISGUISES.size()));
    String tricked = raw + separator + secret + disguise;
    NormalizedPath t = ENGINE_LIKE.normalize(tricked);
    if (t.isInside()) {
      check(t.path().equals(secret) || t.path().endsWith("/" + secret),
          () -> "the secret '" + secret + "' was normalized to '" + t.path() + "'", tricked);
    }
    Decision secretRead = engine.read(tricked);
    check(secretRead.verdict() != Verdict.ALLOW, () -> "reading the secret '" + secret + "' was allowed", tricked);
    if (t.isInside()) {
      check(secretRead.hasReason(ReasonCode.SENSITIVE_PATH),
          () -> "reading the secret '" + t.path() + "' was refused, but not as a secret: " + secretRead.reasons(), tricked);
    }
  }

  /** Reads are allowed in the fuzzed lane, and a secret halts: the oracles on reads can fail. */
  @Test
  void theFuzzedLaneAllowsReadsAndHaltsOnSecrets() {
    assertThat(engine.read("src/Main.java").verdict()).isEqualTo(Verdict.ALLOW);
    assertThat(engine.read("config/.env").verdict()).isEqualTo(Verdict.HALT);
  }

  private static NormalizedPath normalize(PathNormalizer n, String raw) {
    NormalizedPath p = n.normalize(raw);
    check(p != null && p.raw().equals(raw), () -> "normalize lost the raw input (" + n + ")", raw);
    check(!p.problem().startsWith("cannot normalize"), () -> "an unforeseen exception: " + p.problem() + " (" + n + ")", raw);
    return p;
  }

  /** INSIDE paths are relative, '/'-separated, without empty, '.' or '..' segments or odd characters. */
  private static void checkCanonical(PathNormalizer n, NormalizedPath p) {
    String path = p.path();
    if (path.isEmpty()) {
      return;
    }
    check(!path.startsWith("/") && path.indexOf('\\') < 0, () -> "inside path '" + path + "' is not relative (" + n + ")",
        p.raw());
    for (String segment : path.split("/", -1)) {
      check(!segment.isEmpty() && !segment.equals(".") && !segment.equals(".."),
          () -> "inside path '" + path + "' has the segment '" + segment + "' (" + n + ")", p.raw());
    }
    boolean printable = path.codePoints().allMatch(cp -> !Character.isISOControl(cp)
        && !(cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE)
        && Character.getType(cp) != Character.FORMAT);
    check(printable, () -> "inside path '" + path + "' has a control, format or unpaired surrogate character (" + n + ")",
        p.raw());
  }

  /** For plain POSIX paths java.nio's lexical reading is the reference: inside exactly when it stays under root. */
  private static void checkAgainstNio(String raw) {
    if (raw.isEmpty() || !PLAIN.matcher(raw).matches()) {
      return;
    }
    for (String segment : raw.split("/")) {
      if (!segment.isEmpty() && !segment.equals(".") && !segment.equals("..") && !PLAIN_NAME.matcher(segment).matches()) {
        return; // trailing dots are cleaned the Windows way, which java.nio does not do
      }
    }
    Path expected = ROOT.resolve(raw).normalize();
    NormalizedPath p = ENGINE_LIKE.normalize(raw);
    if (expected.startsWith(ROOT)) {
      String relative = ROOT.relativize(expected).toString();
      check(p.isInside() && p.path().equals(relative), () -> "java.nio reads it as inside '" + relative + "', got " + p, raw);
    } else {
      check(p.isOutside() && p.path().equals(expected.toString()),
          () -> "java.nio reads it as outside '" + expected + "', got " + p, raw);
    }
  }
}
