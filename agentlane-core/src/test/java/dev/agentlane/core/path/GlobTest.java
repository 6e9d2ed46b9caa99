package dev.agentlane.core.path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GlobTest {

  private static Glob glob(String pattern) {
    try {
      return Glob.compile(pattern, false);
    } catch (InvalidGlobException e) {
      throw new AssertionError(e);
    }
  }

  static Stream<Arguments> matching() {
    return Stream.of(
        // basename patterns match at any depth, and everything below
        Arguments.of(".env", ".env", true),
        Arguments.of(".env", "app/.env", true),
        Arguments.of(".env", "a/b/c/.env", true),
        Arguments.of(".env", ".env/x", true),
        Arguments.of(".env", ".envrc", false),
        Arguments.of(".env", "x.env", false),
        Arguments.of(".env", "", false),
        Arguments.of("*.pem", "a/b/c.pem", true),
        Arguments.of("*.pem", "c.pem", true),
        Arguments.of("*.pem", "c.pem.bak", false),
        Arguments.of("*.pem", "pem", false),
        Arguments.of("*", ".env", true),
        Arguments.of("*", "", false),
        Arguments.of(".git", ".git/config", true),
        Arguments.of(".git", "sub/.git/objects/ab", true),
        Arguments.of(".git", ".gitignore", false),
        Arguments.of("secrets", "secrets/prod/key", true),
        Arguments.of("id_rsa*", "~/.ssh/id_rsa.pub", true),
        // trailing slash: directory and everything below, at any depth
        Arguments.of("infra/", "infra/x/y.tf", true),
        Arguments.of("infra/", "infra", true),
        Arguments.of("infra/", "modules/infra/main.tf", true),
        Arguments.of("infra/", "infrastructure/x", false),
        // anchored patterns
        Arguments.of("src/*.java", "src/A.java", true),
        Arguments.of("/src/*.java", "src/A.java", true),
        Arguments.of("src/*.java", "lib/src/A.java", false),
        Arguments.of("src/*.java", "src/a/A.java", false),
        Arguments.of("config/prod", "config/prod/db.yml", true),
        Arguments.of("config/prod", "x/config/prod", false),
        Arguments.of("infra/**", "infra/x/y.tf", true),
        Arguments.of("infra/**", "infra", true),
        Arguments.of("infra/**", "infra2/x", false),
        Arguments.of("/infra/**/*.tf", "infra/main.tf", true),
        Arguments.of("/infra/**/*.tf", "infra/a/b/main.tf", true),
        Arguments.of("/infra/**/*.tf", "infra/a/b/main.tfvars", false),
        Arguments.of("**/node_modules", "a/b/node_modules/x/y.js", true),
        Arguments.of("**/node_modules", "node_modules", true),
        Arguments.of("**", "", true),
        Arguments.of("**", "anything/at/all", true),
        Arguments.of("a/**/b", "a/b", true),
        Arguments.of("a/**/b", "a/x/y/b", true),
        Arguments.of("a/**/b", "a/x/y/c", false),
        Arguments.of("a**b", "axxb", true),
        Arguments.of("a**b", "ax/xb", false),
        // ?, classes
        Arguments.of("file?.txt", "file1.txt", true),
        Arguments.of("file?.txt", "file.txt", false),
        Arguments.of("file?.txt", "file12.txt", false),
        Arguments.of("?", "\uD83D\uDE00", true), // one code point, two chars
        Arguments.of("[abc].txt", "b.txt", true),
        Arguments.of("[abc].txt", "d.txt", false),
        Arguments.of("[a-z].txt", "q.txt", true),
        Arguments.of("[a-z].txt", "Q.txt", false),
        Arguments.of("[!x].txt", "y.txt", true),
        Arguments.of("[!x].txt", "x.txt", false),
        Arguments.of("[^x].txt", "x.txt", false),
        Arguments.of("[]]", "]", true),
        Arguments.of("[!]]", "a", true),
        Arguments.of("[a-]", "-", true),
        Arguments.of("[\\]]", "]", true),
        // braces
        Arguments.of("*.{pem,key}", "a/b.key", true),
        Arguments.of("*.{pem,key}", "a/b.pem", true),
        Arguments.of("*.{pem,key}", "a/b.crt", false),
        Arguments.of("{.env,config/secret}", "x/.env", true),
        Arguments.of("{.env,config/secret}", "config/secret/a", true),
        Arguments.of("{.env,config/secret}", "x/config/secret", false),
        Arguments.of("{a,b{c,d}}.txt", "bd.txt", true),
        Arguments.of("{a,b{c,d}}.txt", "b.txt", false),
        Arguments.of("x{,.bak}", "x.bak", true),
        Arguments.of("a,b", "a,b", true),
        // escapes
        Arguments.of("\\*.txt", "*.txt", true),
        Arguments.of("\\*.txt", "a.txt", false),
        Arguments.of("a\\{b\\}", "a{b}", true),
        Arguments.of("\\[x]", "[x]", true),
        // outside paths
        Arguments.of("/etc/**", "/etc/passwd", true),
        Arguments.of("/etc/passwd", "/etc/passwd", true),
        Arguments.of("/etc/passwd", "/etc/passwd.bak", false),
        Arguments.of("~/.ssh", "~/.ssh/id_rsa", true),
        Arguments.of("~/.ssh/**", "~/.ssh", true),
        Arguments.of("~/.ssh", "~root/.ssh/id_rsa", false),
        Arguments.of("~/", "~/x", true),
        Arguments.of("~/", "a/~/x", false),
        Arguments.of("~*/.ssh", "~root/.ssh/id_rsa", true),
        Arguments.of("/C:/Windows", "/C:/Windows/System32/x.dll", true),
        Arguments.of("//server/share", "//server/share/x", true),
        Arguments.of("//server/share", "/server/share/x", false),
        Arguments.of("/server/share", "//server/share/x", false),
        // case
        Arguments.of(".ENV", ".env", false),
        // unicode literals
        Arguments.of("caf\u00e9", "x/caf\u00e9", true));
  }

  @ParameterizedTest(name = "{0} ~ {1} = {2}")
  @MethodSource
  void matching(String pattern, String path, boolean expected) {
    assertThat(glob(pattern).matches(path)).isEqualTo(expected);
  }

  @Test
  void caseInsensitive() throws InvalidGlobException {
    Glob g = Glob.compile("*.PEM", true);
    assertThat(g.matches("A/B.pem")).isTrue();
    assertThat(g.matches("a/b.Pem")).isTrue();
    assertThat(g.caseInsensitive()).isTrue();
    assertThat(Glob.compile("[A-C]", true).matches("b")).isTrue();
    assertThat(Glob.compile("[a-c]", true).matches("B")).isTrue();
    assertThat(Glob.compile("Secrets/", true).matches("SECRETS/KEY")).isTrue();
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of("", 0, "empty pattern"),
        Arguments.of("/", 0, "empty pattern"),
        Arguments.of("[abc", 0, "unclosed '['"),
        Arguments.of("a[", 1, "unclosed '['"),
        Arguments.of("[]", 0, "unclosed '['"),
        Arguments.of("{a,b", 0, "unclosed '{'"),
        Arguments.of("x{a,{b}", 1, "unclosed '{'"),
        Arguments.of("a}", 1, "unmatched '}'"),
        Arguments.of("abc\\", 3, "dangling '\\'"),
        Arguments.of("[a\\", 2, "dangling '\\'"),
        Arguments.of("[z-a]", 1, "reversed range"),
        Arguments.of("[a/b]", 2, "'/' inside"),
        Arguments.of("a//b", 0, "empty segment"),
        Arguments.of("a/../b", 2, "'.' and '..'"),
        Arguments.of("./a", 0, "'.' and '..'"),
        Arguments.of("{a,}", 0, "empty pattern"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void invalid(String pattern, int index, String reason) {
    assertThatThrownBy(() -> Glob.compile(pattern, false))
        .isInstanceOfSatisfying(
            InvalidGlobException.class,
            e -> {
              assertThat(e.reason()).contains(reason);
              assertThat(e.index()).isEqualTo(index);
              assertThat(e.pattern()).isEqualTo(pattern);
              assertThat(e.getMessage()).contains(pattern).contains("index " + index);
            });
  }

  @Test
  void tooManyAlternatives() {
    String pattern = "{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}";
    assertThatThrownBy(() -> Glob.compile(pattern, false))
        .isInstanceOf(InvalidGlobException.class)
        .hasMessageContaining("alternatives");
    assertThat(glob("{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}").matches("abababab")).isTrue();
  }

  @Test
  void manyGlobstarsAgainstALongPath() {
    Glob g = glob("**/**/**/**/**/**/x");
    String deep = "a/".repeat(2000) + "b";
    String deepX = "a/".repeat(2000) + "x";
    assertTimeoutPreemptively(
        Duration.ofSeconds(5),
        () -> {
          assertThat(g.matches(deep)).isFalse();
          assertThat(g.matches(deepX)).isTrue();
          assertThat(glob("a/**/a/**/a/**/a/**/a/**/c").matches(deep)).isFalse();
        });
  }

  @Test
  void manyStarsAgainstALongSegment() {
    Glob g = glob("*a*a*a*a*a*b");
    String as = "a".repeat(10_000);
    assertTimeoutPreemptively(
        Duration.ofSeconds(5),
        () -> {
          assertThat(g.matches(as)).isFalse();
          assertThat(g.matches(as + "b")).isTrue();
          assertThat(glob("*?*?*?*?*?*?*b").matches(as)).isFalse();
        });
  }

  @Test
  void identity() {
    assertThat(glob("*.pem")).isEqualTo(glob("*.pem")).hasSameHashCodeAs(glob("*.pem"));
    assertThat(glob("*.pem")).isNotEqualTo(glob("*.key"));
    assertThat(glob("*.pem").pattern()).isEqualTo("*.pem");
    assertThat(glob("*.pem")).hasToString("*.pem");
  }

  @Test
  void worksWithNormalizedPaths() {
    PathNormalizer normalizer =
        PathNormalizer.of("/work/repo", PathNormalizer.Options.defaults());
    Glob env = glob(".env");
    String[] disguises = {".env.", "app\\.env ", "\uFF0E\uFF45\uFF4E\uFF56", "x/../.env::$DATA"};
    for (String raw : disguises) {
      assertThat(env.matches(normalizer.normalize(raw).path())).as(raw).isTrue();
    }
    assertThat(glob("~/.ssh").matches(normalizer.normalize("$HOME\\.ssh\\id_rsa").path())).isTrue();
  }
}
