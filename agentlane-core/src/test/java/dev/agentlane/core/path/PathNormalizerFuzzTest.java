package dev.agentlane.core.path;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentlane.core.path.PathNormalizer.Options;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Seeded random inputs built from hostile fragments: no exceptions, invariants always hold. */
class PathNormalizerFuzzTest {

  private static final String[] FRAGMENTS = {
    "/", "\\", ".", "..", "...", "~", "a", ".env", " ", ":", "::$DATA", "%2e", "%2f", "%25",
    "%00", "%c0%ae", "C:", "\\\\", "//?/", "\uFF0E", "\uFF0F", "\u2025", "\u200B", "\uD800",
    "\u0000", "\n", "$HOME", "file:", "file:///", "PROGRA~1", "work", "repo", "\u0130", "?", "*"
  };

  @Test
  void neverThrowsAndResultsAreWellFormed() {
    Random random = new Random(20_240_601L);
    PathNormalizer[] normalizers = {
      PathNormalizer.of("/work/repo", new Options(false, true, false, 200)),
      PathNormalizer.of("/work/repo", new Options(true, false, false, 200)),
      PathNormalizer.of("C:\\work\\repo", new Options(false, true, false, 200)),
    };
    for (int i = 0; i < 10_000; i++) {
      StringBuilder text = new StringBuilder();
      int parts = 1 + random.nextInt(8);
      for (int p = 0; p < parts; p++) {
        text.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
      }
      String raw = text.toString();
      for (PathNormalizer normalizer : normalizers) {
        NormalizedPath result = normalizer.normalize(raw);
        String path = result.path();
        switch (result.location()) {
          case INSIDE -> {
            assertThat(path).as(raw).doesNotStartWith("/").doesNotEndWith("/");
            if (!path.isEmpty()) {
              for (String segment : path.split("/", -1)) {
                assertThat(segment).as(raw).isNotEmpty().isNotEqualTo(".").isNotEqualTo("..");
              }
            }
            assertThat(path).as(raw).doesNotContain("\\", "\u0000", "\u200B", "\uFF0E");
          }
          case OUTSIDE -> {
            String body = path.startsWith("//./") ? path.substring(3) : path; // device namespace
            assertThat(body).as(raw).doesNotContain("/../", "/./", "\\").doesNotEndWith("/..");
          }
          case INVALID -> assertThat(result.problem()).as(raw).isNotEmpty();
        }
        assertThat(result.problem()).as(raw).doesNotStartWith("cannot normalize");
      }
    }
  }
}
