package dev.agentlane.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Seeded random inputs built from hostile fragments: only InvalidUrlException escapes. */
class UrlParserFuzzTest {

  private static final String[] FRAGMENTS = {
    "http", "https", "ssh", ":", "//", "/", "\\", "@", "#", "?", "[", "]", "::", "1", "0x7f",
    ".", "..", "%", "%40", "%2e", "github", "com", "\u3002", "\uFF0E", "g\u043e", "xn--",
    "ffff", "127", "65536", "8080", "-", "_", "git@", "a"
  };

  @Test
  void onlyInvalidUrlExceptionEscapes() {
    Random random = new Random(42L);
    for (int i = 0; i < 10_000; i++) {
      StringBuilder text = new StringBuilder();
      int parts = 1 + random.nextInt(9);
      for (int p = 0; p < parts; p++) {
        text.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
      }
      String raw = text.toString();
      try {
        ParsedUrl url = UrlParser.parse(raw);
        assertThat(url.host()).as(raw).isNotEmpty().doesNotContain("@", "/", "\\", "%", "#", "?");
        assertThat(url.host()).as(raw).isEqualTo(url.host().toLowerCase(java.util.Locale.ROOT));
        if (url.hostKind() == ParsedUrl.HostKind.DNS) {
          assertThat(url.host()).as(raw).matches("[a-z0-9.-]+");
        }
      } catch (InvalidUrlException expected) {
        assertThat(expected.reason()).isNotEmpty();
      }
    }
  }
}
