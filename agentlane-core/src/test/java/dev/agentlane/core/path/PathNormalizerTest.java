package dev.agentlane.core.path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentlane.core.path.NormalizedPath.Location;
import dev.agentlane.core.path.PathNormalizer.Options;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PathNormalizerTest {

  private static final PathNormalizer POSIX = PathNormalizer.of("/work/repo", Options.defaults());
  private static final PathNormalizer WINDOWS = PathNormalizer.of("C:\\repo", Options.defaults());
  private static final PathNormalizer DECODING =
      PathNormalizer.of("/work/repo", new Options(false, true, false, 4096));
  private static final PathNormalizer FOLDING =
      PathNormalizer.of("/Work/Repo", new Options(true, false, false, 4096));

  private static void assertInside(PathNormalizer normalizer, String raw, String expected) {
    NormalizedPath result = normalizer.normalize(raw);
    assertThat(result.location()).as("location of %s (%s)", raw, result)
        .isEqualTo(Location.INSIDE);
    assertThat(result.path()).as("path of %s", raw).isEqualTo(expected);
    assertThat(result.problem()).isEmpty();
    assertThat(result.raw()).isEqualTo(raw);
  }

  private static void assertOutside(PathNormalizer normalizer, String raw, String expected) {
    NormalizedPath result = normalizer.normalize(raw);
    assertThat(result.location()).as("location of %s (%s)", raw, result)
        .isEqualTo(Location.OUTSIDE);
    assertThat(result.path()).as("path of %s", raw).isEqualTo(expected);
    assertThat(result.problem()).isEmpty();
  }

  private static void assertInvalid(PathNormalizer normalizer, String raw, String problemPart) {
    NormalizedPath result = normalizer.normalize(raw);
    assertThat(result.location()).as("location of %s (%s)", raw, result)
        .isEqualTo(Location.INVALID);
    assertThat(result.path()).isEmpty();
    assertThat(result.problem()).as("problem of %s", raw).contains(problemPart);
  }

  static Stream<Arguments> posixInside() {
    return Stream.of(
        Arguments.of("src/Main.java", "src/Main.java"),
        Arguments.of("./src//Main.java", "src/Main.java"),
        Arguments.of("src\\main\\App.java", "src/main/App.java"),
        Arguments.of("a/b/../c", "a/c"),
        Arguments.of("a/./b/./", "a/b"),
        Arguments.of(".", ""),
        Arguments.of("./", ""),
        Arguments.of("a/..", ""),
        Arguments.of("/work/repo", ""),
        Arguments.of("/work/repo/", ""),
        Arguments.of("/work/repo/.env", ".env"),
        Arguments.of("/work/other/../repo/x", "x"),
        Arguments.of("//work//repo//x", "x"),
        Arguments.of("//./work/repo/x", "x"), // found by fuzzing: read as a Windows device path, not as Linux does
        Arguments.of("//?/../work/repo/x", "x"),
        Arguments.of("../repo/x", "x"),
        Arguments.of(".env.", ".env"),
        Arguments.of(".env ", ".env"),
        Arguments.of(".env. . ", ".env"),
        Arguments.of("config/.env::$DATA", "config/.env"),
        Arguments.of(".env:secret", ".env"),
        Arguments.of("\uFF0E\uFF45\uFF4E\uFF56", ".env"), // fullwidth .env
        Arguments.of("app\uFF0F.env", "app/.env"), // fullwidth solidus
        Arguments.of("app\uFF3C.env", "app/.env"), // fullwidth reverse solidus
        Arguments.of("app\u2215.env", "app/.env"), // division slash
        Arguments.of("a\u2025/b", "a/b"), // "a‥" is "a.." after NFKC, then trailing dots go
        Arguments.of("dir/file~", "dir/file~"),
        Arguments.of("100%", "100%"),
        Arguments.of("%2e%2e/x", "%2e%2e/x"), // no decoding by default
        Arguments.of("caf\u0065\u0301", "caf\u00e9"), // NFKC composes
        Arguments.of("\u00e9t\u00e9/\u0130", "\u00e9t\u00e9/\u0130"),
        Arguments.of("a/~/b", "a/~/b"));
  }

  @ParameterizedTest
  @MethodSource
  void posixInside(String raw, String expected) {
    assertInside(POSIX, raw, expected);
  }

  static Stream<Arguments> posixOutside() {
    return Stream.of(
        Arguments.of("/etc/passwd", "/etc/passwd"),
        Arguments.of("//etc/passwd", "/etc/passwd"),
        Arguments.of("//./.", "/"),
        Arguments.of("//./etc/passwd", "/etc/passwd"),
        Arguments.of("/??/C:/x", "/??/C/x"),
        Arguments.of("/etc/../etc/./shadow", "/etc/shadow"),
        Arguments.of("/../../etc/passwd", "/etc/passwd"),
        Arguments.of("/", "/"),
        Arguments.of("..", "/work"),
        Arguments.of("../other/x", "/work/other/x"),
        Arguments.of("../../../../../etc/passwd", "/etc/passwd"),
        Arguments.of("a/../../repo2/x", "/work/repo2/x"),
        Arguments.of("/work/repo2/x", "/work/repo2/x"),
        Arguments.of("/work/rep", "/work/rep"),
        Arguments.of("..\\..\\etc\\passwd", "/etc/passwd"),
        Arguments.of("\uFF0E\uFF0E/\uFF0E\uFF0E/etc", "/etc"),
        Arguments.of("\u2025/\u2025/etc", "/etc"),
        Arguments.of("/etc/passwd.", "/etc/passwd"),
        Arguments.of("~", "~"),
        Arguments.of("~/.ssh/id_rsa", "~/.ssh/id_rsa"),
        Arguments.of("~\\.ssh\\id_rsa", "~/.ssh/id_rsa"),
        Arguments.of("~/./.aws/../.ssh", "~/.ssh"),
        Arguments.of("~root/.ssh/authorized_keys", "~root/.ssh/authorized_keys"),
        Arguments.of("$HOME/.ssh/id_rsa", "~/.ssh/id_rsa"),
        Arguments.of("${HOME}/.aws/credentials", "~/.aws/credentials"),
        Arguments.of("%USERPROFILE%\\.ssh\\id_rsa", "~/.ssh/id_rsa"),
        Arguments.of("C:\\Windows\\System32", "/C:/Windows/System32"),
        Arguments.of("c:/windows", "/C:/windows"),
        Arguments.of("C:", "/C:"),
        Arguments.of("\\\\server\\share\\x", "//server/share/x"),
        Arguments.of("\\\\server\\share\\..\\..\\x", "//server/share/x"),
        Arguments.of("\\/server/share", "//server/share"),
        Arguments.of("\\\\?\\C:\\Windows", "/C:/Windows"),
        Arguments.of("\\\\.\\C:\\x", "/C:/x"),
        Arguments.of("\\\\?\\UNC\\server\\share\\x", "//server/share/x"),
        Arguments.of("\\\\.\\PhysicalDrive0", "//./PhysicalDrive0"),
        Arguments.of("\\\\?\\GLOBALROOT\\Device\\x", "//?/GLOBALROOT/Device/x"),
        Arguments.of("\\??\\C:\\x", "/C:/x"),
        Arguments.of("file:///etc/passwd", "/etc/passwd"),
        Arguments.of("FILE://localhost/etc/passwd", "/etc/passwd"),
        Arguments.of("file:/etc/passwd", "/etc/passwd"),
        Arguments.of("file:///etc/pass%77d", "/etc/passwd"),
        Arguments.of("file:///etc/passwd#fragment", "/etc/passwd"),
        Arguments.of("file:///etc/passwd?x=1", "/etc/passwd"),
        Arguments.of("file://server/share/x", "//server/share/x"),
        Arguments.of("file:///C:/Windows/win.ini", "/C:/Windows/win.ini"));
  }

  @ParameterizedTest
  @MethodSource
  void posixOutside(String raw, String expected) {
    assertOutside(POSIX, raw, expected);
  }

  @Test
  void fileUrlInsideTheWorkspace() {
    assertInside(POSIX, "file:///work/repo/src/a%20b.txt", "src/a b.txt");
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of("", "empty"),
        Arguments.of("a\u0000b", "NUL byte"),
        Arguments.of(".env\u0000.txt", "NUL byte"),
        Arguments.of("a\nb", "control character"),
        Arguments.of("a\tb", "control character"),
        Arguments.of("a\u007fb", "control character"),
        Arguments.of("a\u0085b", "control character"),
        Arguments.of("a\u009bb", "control character"),
        Arguments.of("a\u2028b", "control character"),
        Arguments.of(".en\u200Bv", "invisible"),
        Arguments.of(".en\u200Cv", "invisible"),
        Arguments.of(".en\u200Dv", "invisible"),
        Arguments.of(".en\u2060v", "invisible"),
        Arguments.of("\uFEFF.env", "invisible"),
        Arguments.of("a\u202Etxt.exe", "invisible"),
        Arguments.of("a\u00ADb", "invisible"),
        Arguments.of("a\u3164b", "invisible"),
        Arguments.of("a\uD800b", "unpaired surrogate"),
        Arguments.of("a\uDC00", "unpaired surrogate"),
        Arguments.of("\uD800", "unpaired surrogate"),
        Arguments.of("...", "empty once"),
        Arguments.of("a/.../b", "empty once"),
        Arguments.of("a/. ./b", "empty once"),
        Arguments.of("a/ /b", "empty once"),
        Arguments.of("..:x", "empty once"),
        Arguments.of(":stream", "empty once"),
        Arguments.of("C:relative", "drive-relative"),
        Arguments.of("~/../../etc/passwd", "above the home"),
        Arguments.of("~/..", "above the home"),
        Arguments.of("$SECRET_DIR/x", "unexpanded variable"),
        Arguments.of("${XDG_CONFIG_HOME}/x", "unexpanded variable"),
        Arguments.of("$(cat /etc/passwd)", "unexpanded variable"),
        Arguments.of("%APPDATA%\\x", "unexpanded variable"),
        Arguments.of("file:relative", "file: URL"),
        Arguments.of("file:///etc/%00passwd", "NUL byte"),
        Arguments.of("file:///a/%ff", "invalid UTF-8"),
        Arguments.of("\\\\", "UNC path without a server"),
        Arguments.of("\\\\..\\share", "server or share"));
  }

  @ParameterizedTest
  @MethodSource
  void invalid(String raw, String problem) {
    assertInvalid(POSIX, raw, problem);
  }

  @Test
  void shortNamesAreRefusedOnlyWhereTheyCanAliasLongNames() {
    PathNormalizer folding = PathNormalizer.of("/work/repo", new PathNormalizer.Options(true, false, false, 4096));
    assertThat(folding.normalize("SECRET~1.ENV").location()).isEqualTo(NormalizedPath.Location.INVALID);
    assertThat(folding.normalize("PROGRA~1/x").problem()).contains("8.3 short name");
    // Trailing dots and spaces are dropped (as Windows does) before the check, not after it (found by fuzzing).
    assertThat(folding.normalize("SECRET~1.ENV.").location()).isEqualTo(NormalizedPath.Location.INVALID);
    assertThat(folding.normalize("src/t~1.x'. /a").location()).isEqualTo(NormalizedPath.Location.INVALID);
    assertThat(folding.normalize("GIT~1 /config").problem()).contains("8.3 short name");
    assertThat(POSIX.normalize("HEAD~1").location()).isEqualTo(NormalizedPath.Location.INSIDE);
    assertThat(POSIX.normalize("SECRET~1.ENV").path()).isEqualTo("SECRET~1.ENV");
  }

  @Test
  void nullIsInvalidNotAnException() {
    NormalizedPath result = POSIX.normalize(nullString());
    assertThat(result.location()).isEqualTo(Location.INVALID);
  }

  /** Smuggles a null past the null-marked signature, as a careless caller could. */
  private static String nullString() {
    return (String) (Object) null;
  }

  @Test
  void tooLong() {
    PathNormalizer shortLimit = PathNormalizer.of("/r", new Options(false, false, false, 10));
    assertInside(shortLimit, "0123456789", "0123456789");
    assertInvalid(shortLimit, "01234567890", "too long");
    // NFKC can expand: U+FDFA is 18 chars after normalization
    assertInvalid(shortLimit, "\uFDFA", "too long");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1})
  void maxLengthMustBePositive(int maxLength) {
    assertThatThrownBy(() -> new Options(false, false, false, maxLength))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void defaults() {
    assertThat(Options.defaults()).isEqualTo(new Options(false, false, false, 4096));
  }

  @Nested
  class PercentDecoding {

    @Test
    void notDecodedByDefault() {
      assertInside(POSIX, "%2e%2e%2fetc", "%2e%2e%2fetc");
    }

    @Test
    void decodedTraversal() {
      assertOutside(DECODING, "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/etc/passwd");
      assertOutside(DECODING, "..%2F..%2Fetc", "/etc");
      assertOutside(DECODING, "..%5c..%5cetc", "/etc");
      assertInside(DECODING, "%2eenv", ".env");
      assertInside(DECODING, "src%2FMain.java", "src/Main.java");
    }

    @Test
    void decodedRepeatedlyUpToThreeRounds() {
      assertOutside(DECODING, "%252e%252e/etc", "/work/etc"); // two rounds
      assertOutside(DECODING, "%25252e%25252e/etc", "/work/etc"); // three rounds
      assertInvalid(DECODING, "%2525252e%2525252e/etc", "layers of percent-encoding");
    }

    @Test
    void decodingRevealsForbiddenCharacters() {
      assertInvalid(DECODING, "a%00b", "NUL byte");
      assertInvalid(DECODING, "a%0ab", "control character");
      assertInvalid(DECODING, ".en%e2%80%8bv", "invisible");
      assertInvalid(DECODING, "a%252500", "NUL byte");
    }

    @Test
    void invalidUtf8() {
      assertInvalid(DECODING, "%ff", "invalid UTF-8");
      assertInvalid(DECODING, "%c0%ae%c0%ae/etc", "invalid UTF-8"); // overlong '.'
      assertInvalid(DECODING, "%ed%a0%80", "invalid UTF-8"); // encoded surrogate
      assertInvalid(DECODING, "%e2%80", "invalid UTF-8"); // truncated
    }

    @Test
    void malformedEscapesStayLiteral() {
      assertInside(DECODING, "100%", "100%");
      assertInside(DECODING, "a%zzb", "a%zzb");
      assertInside(DECODING, "a%2", "a%2");
      assertInside(DECODING, "caf%C3%A9", "caf\u00e9");
      assertInside(DECODING, "%EF%BC%8E%EF%BD%85nv", ".env"); // fullwidth after decoding
    }
  }

  @Nested
  class CaseInsensitive {

    @Test
    void foldsPathAndRoot() {
      assertInside(FOLDING, "/work/repo/SRC/Main.JAVA", "src/main.java");
      assertInside(FOLDING, "/WORK/REPO/.ENV", ".env");
      assertInside(FOLDING, "\uFF0E\uFF25\uFF2E\uFF36", ".env");
      assertOutside(FOLDING, "/ETC/Passwd", "/etc/passwd");
      assertOutside(FOLDING, "C:\\Windows", "/c:/windows");
      assertOutside(FOLDING, "~/.SSH", "~/.ssh");
    }

    @Test
    void caseSensitiveByDefault() {
      assertOutside(POSIX, "/WORK/repo/x", "/WORK/repo/x");
      assertInside(POSIX, "SRC/A", "SRC/A");
    }
  }

  @Nested
  class WindowsRoot {

    @Test
    void insidePaths() {
      assertInside(WINDOWS, "C:\\repo\\src\\a.cs", "src/a.cs");
      assertInside(WINDOWS, "c:/repo/src/a.cs", "src/a.cs");
      assertInside(WINDOWS, "src\\a.cs", "src/a.cs");
      assertInside(WINDOWS, "\\\\?\\C:\\repo\\.env", ".env");
      assertInside(WINDOWS, "/C:/repo/x", "x");
      assertInside(WINDOWS, "file:///C:/repo/x", "x");
      assertInside(WINDOWS, "C:\\repo\\.env::$DATA", ".env");
      assertInside(WINDOWS, "C:\\repo\\.env.", ".env");
    }

    @Test
    void outsidePaths() {
      assertOutside(WINDOWS, "..\\Windows\\win.ini", "/C:/Windows/win.ini");
      assertOutside(WINDOWS, "D:\\repo\\x", "/D:/repo/x");
      assertOutside(WINDOWS, "C:\\Repo\\x", "/C:/Repo/x"); // case-sensitive unless asked
      assertOutside(WINDOWS, "C:\\..\\..\\x", "/C:/x");
      assertOutside(WINDOWS, "//server/share/x", "//server/share/x");
      assertOutside(WINDOWS, "//./D:/x", "/D:/x"); // a device path under a Windows root, whatever the slashes
      assertOutside(WINDOWS, "\\etc\\passwd", "/etc/passwd");
      assertOutside(WINDOWS, "~\\.ssh", "~/.ssh");
    }

    @Test
    void uncRoot() {
      PathNormalizer unc = PathNormalizer.of("\\\\Server\\Share\\repo", Options.defaults());
      assertInside(unc, "\\\\server\\share\\repo\\x", "x");
      assertInside(unc, "x\\y", "x/y");
      assertOutside(unc, "..\\..\\..\\x", "//Server/Share/x");
      assertOutside(unc, "\\\\other\\share\\repo\\x", "//other/share/repo/x");
    }

    @Test
    void caseInsensitiveWindowsRoot() {
      PathNormalizer folding = PathNormalizer.of("C:\\Repo", new Options(true, false, false, 4096));
      assertInside(folding, "c:\\REPO\\Src\\A.cs", "src/a.cs");
    }
  }

  @Test
  void invalidRoots() {
    for (String root : new String[] {"relative/root", "~/repo", "C:repo", "", "/a\u0000b"}) {
      assertThatThrownBy(() -> PathNormalizer.of(root, Options.defaults()))
          .as(root)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void rootAtFilesystemRoot() {
    PathNormalizer slash = PathNormalizer.of("/", Options.defaults());
    assertInside(slash, "/etc/passwd", "etc/passwd");
    assertInside(slash, "../x", "x");
  }

  @Test
  void rootIsNormalized() {
    PathNormalizer messy = PathNormalizer.of("/work//./repo/../repo/", Options.defaults());
    assertInside(messy, "/work/repo/x", "x");
  }

  @Test
  void insideResultsAreStable() {
    // Normalizing an INSIDE result again gives the same path.
    String[] inputs = {"a\\b/../c/.env.", "\uFF0E\uFF45\uFF4E\uFF56", "/work/repo/x/y", "."};
    for (String input : inputs) {
      String once = POSIX.normalize(input).path();
      assertInside(POSIX, once.isEmpty() ? "." : once, once);
    }
  }

  @Test
  void toStringMentionsRoot() {
    assertThat(POSIX.toString()).contains("/work/repo");
    assertThat(POSIX.workspaceRoot()).isEqualTo("/work/repo");
    assertThat(POSIX.options()).isEqualTo(Options.defaults());
  }

  @Test
  void normalizedPathInvariants() {
    assertThatThrownBy(() -> new NormalizedPath("x", "x", Location.INVALID, "p"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new NormalizedPath("x", "/x", Location.INSIDE, ""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new NormalizedPath("x", "x", Location.OUTSIDE, ""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(NormalizedPath.invalid("x", "why").isInvalid()).isTrue();
    assertThat(NormalizedPath.inside("x", "x").isInside()).isTrue();
    assertThat(NormalizedPath.outside("x", "/x").isOutside()).isTrue();
  }
}
