package dev.agentlane.core.path;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The index of {@link GlobSet} must answer exactly as matching each {@link Glob} would. */
class GlobSetIndexTest {
  private static final List<String> PATTERNS = List.of(".env", "secrets/", "*.pem", "id_rsa*", ".env.*", "infra/",
      "*.tf", ".git/", "Jenkinsfile", ".ssh/", "src/**", "/etc/**", "**/*.key", "docs/*.md", "*", "a*b", "[ab].txt",
      "{x,y}.yml", "~/.ssh/**", "*.", ".*", "?env", "deploy/env-1/*.pem", "**/cred.json", "/secrets", "{src,docs}/a.md",
      "\\*.pem", "~x", "İ.txt", "K*", "*ß", "straße/", "**", ".github/workflows/", "a/**/b.md", "src/*/x.pem",
      "{.env,*.pem}", "secrets/**/id_rsa*", "Docs/", "*.PEM", "env-1", "docker-compose*.yml", "id_*.pub", "{x,y}*.yml",
      "a?c*", "*x[ab]", "[ab]*", "?x?", "{a*b,*.md}", "src/*-[0-9].yml", "k*y", "*ß*e");
  private static final List<String> SEGMENTS = List.of(".env", ".ENV", "secrets", "Secrets", "k.pem", "K.PEM", "id_rsa",
      "id_rsa.pub", ".env.prod", "infra", "main.tf", ".git", "src", "etc", "x.key", "docs", "a.md", "ab", "axb", "a.txt",
      "x.yml", "~", ".ssh", "env", "pem", ".pem", "Jenkinsfile", "b", "deploy", "env-1", "cred.json", "*.pem", "~x",
      "İ.txt", "i̇.txt", "ı.txt", "\u212Aey", "kEY", "STRASSE", "straße", "STRAßE", ".github", "workflows", "b.md",
      "x.pem", "Docs", "x", "docker-compose.yml", "docker-compose.prod.yml", "DOCKER-COMPOSE.YML", "docker-compose.yaml",
      "id_x.pub", "id_.pub", "abc", "axcd", "xa", "xb", "xxb", "x-1.yml", "yy.yml", "key", "KEY", "straße", "");

  @Test
  void indexAgreesWithEachGlob() throws Exception {
    long seed = 0x91_0b5e7L;
    Random random = new Random(seed);
    for (int round = 0; round < 6000; round++) {
      boolean fold = random.nextBoolean();
      List<Glob> globs = new ArrayList<>();
      int n = 1 + random.nextInt(8);
      for (int i = 0; i < n; i++) {
        globs.add(Glob.compile(PATTERNS.get(random.nextInt(PATTERNS.size())), random.nextInt(4) == 0 ? !fold : fold));
      }
      StringBuilder path = new StringBuilder(random.nextInt(4) == 0 ? "/" : "");
      int depth = 1 + random.nextInt(4);
      for (int i = 0; i < depth; i++) {
        if (i > 0) {
          path.append('/');
        }
        path.append(SEGMENTS.get(random.nextInt(SEGMENTS.size())));
      }
      if (random.nextInt(8) == 0) {
        path.append('/');
      }
      String p = path.toString();
      GlobSet set = GlobSet.of(globs);
      Set<Integer> expected = new TreeSet<>();
      for (int i = 0; i < globs.size(); i++) {
        if (globs.get(i).matches(p)) {
          expected.add(i);
        }
      }
      String what = String.format("seed %d round %d: %s against %s", seed, round, p, globs);
      assertThat(set.matchesAny(p)).as(what).isEqualTo(!expected.isEmpty());
      assertThat(set.matching(p)).as(what).containsExactlyElementsOf(expected.stream().map(globs::get).toList());
      Set<Integer> reported = new TreeSet<>();
      set.forEachMatch(p, reported::add);
      assertThat(reported).as(what).isEqualTo(expected);

      String dir = p.startsWith("/") ? p.substring(1) : p;
      Set<Integer> below = new TreeSet<>();
      for (int i = 0; i < globs.size(); i++) {
        if (mayMatchBelow(globs.get(i), dir)) {
          below.add(i);
        }
      }
      assertThat(set.mayMatchBelow(dir)).as("below " + what).isEqualTo(!below.isEmpty());
      Set<Integer> reportedBelow = new TreeSet<>();
      set.forEachBelow(dir, reportedBelow::add);
      assertThat(reportedBelow).as("below " + what).isEqualTo(below);
    }
  }

  /** The definition of {@link GlobSet#mayMatchBelow} for one glob, written plainly. */
  private static boolean mayMatchBelow(Glob g, String dir) {
    if (dir.isEmpty()) {
      return true;
    }
    String p = g.pattern().startsWith("/") ? g.pattern().substring(1) : g.pattern();
    if (p.startsWith("~")) {
      return false;
    }
    String body = p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    if (body.indexOf('/') < 0) {
      return false;
    }
    StringBuilder prefix = new StringBuilder();
    for (String segment : body.split("/")) {
      if (segment.isEmpty() || segment.chars().anyMatch(c -> "*?[]{}\\,".indexOf(c) >= 0 || Character.isSurrogate((char) c))) {
        break;
      }
      if (prefix.length() > 0) {
        prefix.append('/');
      }
      prefix.append(segment);
    }
    String pre = g.caseInsensitive() ? prefix.toString().toLowerCase(Locale.ROOT) : prefix.toString();
    String d = g.caseInsensitive() ? dir.toLowerCase(Locale.ROOT) : dir;
    return pre.length() > d.length() && pre.startsWith(d) && pre.charAt(d.length()) == '/';
  }

  @Test
  void manyGlobsOfOneShapeAreFoundByTheirSegment() throws Exception {
    List<Glob> globs = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      globs.add(Glob.compile("deploy/env-" + i + "/*.pem", true));
      globs.add(Glob.compile("*.key" + i, true));
      globs.add(Glob.compile("token-" + i + "*", true));
    }
    GlobSet set = GlobSet.of(globs);
    assertThat(set.matchesAny("deploy/ENV-1999/a.pem")).isTrue();
    assertThat(set.matchesAny("deploy/env-1999/sub/a.pem")).isFalse();
    assertThat(set.matchesAny("x/a.KEY77")).isTrue();
    assertThat(set.matchesAny("x/a.key")).isFalse();
    assertThat(set.matchesAny("x/token-12abc")).isTrue();
    for (String path : List.of("token-1/x.key1", "deploy/env-7/token-70.pem", "a/b/c.key1999")) {
      Set<Integer> hits = new TreeSet<>();
      set.forEachMatch(path, hits::add);
      Set<Integer> expected = new TreeSet<>();
      for (int i = 0; i < globs.size(); i++) {
        if (globs.get(i).matches(path)) {
          expected.add(i);
        }
      }
      assertThat(hits).as(path).isEqualTo(expected).isNotEmpty();
    }
  }
}
