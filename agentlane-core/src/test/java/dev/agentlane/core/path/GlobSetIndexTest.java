package dev.agentlane.core.path;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The segment index of {@link GlobSet} must answer exactly as matching each {@link Glob} would. */
class GlobSetIndexTest {
  private static final List<String> PATTERNS = List.of(".env", "secrets/", "*.pem", "id_rsa*", ".env.*", "infra/",
      "*.tf", ".git/", "Jenkinsfile", ".ssh/", "src/**", "/etc/**", "**/*.key", "docs/*.md", "*", "a*b", "[ab].txt",
      "{x,y}.yml", "~/.ssh/**", "*.", ".*", "?env");
  private static final List<String> SEGMENTS = List.of(".env", ".ENV", "secrets", "Secrets", "k.pem", "K.PEM", "id_rsa",
      "id_rsa.pub", ".env.prod", "infra", "main.tf", ".git", "src", "etc", "x.key", "docs", "a.md", "ab", "axb", "a.txt",
      "x.yml", "~", ".ssh", "env", "pem", ".pem", "Jenkinsfile", "b");

  @Test
  void indexAgreesWithEachGlob() throws Exception {
    long seed = 0x91_0b5e7L;
    Random random = new Random(seed);
    for (int round = 0; round < 3000; round++) {
      boolean fold = random.nextBoolean();
      List<Glob> globs = new ArrayList<>();
      int n = 1 + random.nextInt(5);
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
      String p = path.toString();
      boolean expected = globs.stream().anyMatch(g -> g.matches(p));
      assertThat(GlobSet.of(globs).matchesAny(p))
          .as("seed %d round %d: %s against %s", seed, round, p, globs)
          .isEqualTo(expected);
      assertThat(GlobSet.of(globs).matching(p).isEmpty()).isEqualTo(!expected);
    }
  }
}
