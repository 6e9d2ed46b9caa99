package dev.agentlane.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostPatternTest {

  private static boolean matches(String pattern, String url) {
    try {
      return HostPattern.compile(pattern).matches(UrlParser.parse(url));
    } catch (InvalidUrlException e) {
      throw new AssertionError(e);
    }
  }

  static Stream<Arguments> table() {
    return Stream.of(
        Arguments.of("*.github.com", "https://api.github.com", true),
        Arguments.of("*.github.com", "https://a.b.github.com/x", true),
        Arguments.of("*.github.com", "https://github.com", false),
        Arguments.of("*.github.com", "https://evilgithub.com", false),
        Arguments.of("*.github.com", "https://github.com.evil.com", false),
        Arguments.of("*.github.com", "https://api.github.com@evil.com", false),
        Arguments.of("*.github.com", "https://API.GitHub.com.", true),
        Arguments.of("github.com", "https://github.com/x", true),
        Arguments.of("github.com", "HTTPS://GitHub.COM./", true),
        Arguments.of("github.com", "git@github.com:org/repo.git", true),
        Arguments.of("github.com", "https://api.github.com", false),
        Arguments.of("github.com", "https://github.com.evil.com", false),
        Arguments.of("github.com", "https://github.com@evil.com", false),
        Arguments.of("github.com", "https://evil.com/\\@github.com", false), // a backslash in the authority is refused by the parser
        Arguments.of("github.com", "http://evil.com#@github.com", false),
        Arguments.of("google.com", "https://g\u043e\u043egle.com", false),
        Arguments.of("GitHub.COM.", "https://github.com", true),
        Arguments.of("github.com:443", "https://github.com", true),
        Arguments.of("github.com:443", "http://github.com", false),
        Arguments.of("github.com:443", "github.com", false),
        Arguments.of("github.com:443", "github.com:443", true),
        Arguments.of("*.example.com:8443", "https://a.example.com:8443/", true),
        Arguments.of("*.example.com:8443", "https://a.example.com/", false),
        Arguments.of("*", "https://anything.example", true),
        Arguments.of("*", "http://[::1]", true),
        Arguments.of("*:22", "git@github.com:x", true),
        Arguments.of("127.0.0.0/8", "http://2130706433/", true),
        Arguments.of("127.0.0.0/8", "http://127.1/", true),
        Arguments.of("127.0.0.0/8", "http://0x7f.0.0.1/", true),
        Arguments.of("127.0.0.0/8", "http://[::ffff:127.0.0.1]/", true),
        Arguments.of("127.0.0.0/8", "http://128.0.0.1/", false),
        Arguments.of("127.0.0.0/8", "http://127.0.0.1.nip.io/", false),
        Arguments.of("127.0.0.0/8", "http://[::1]/", false),
        Arguments.of("10.0.0.0/8", "http://10.255.255.255", true),
        Arguments.of("10.0.0.0/8", "http://11.0.0.0", false),
        Arguments.of("169.254.169.254/32", "http://169.254.169.254/latest", true),
        Arguments.of("169.254.169.254/32", "http://0xa9fea9fe/", true),
        Arguments.of("0.0.0.0/0", "http://8.8.8.8", true),
        Arguments.of("0.0.0.0/0", "http://example.com", false),
        Arguments.of("::1/128", "http://[::1]:8080/", true),
        Arguments.of("::1/128", "http://[::2]/", false),
        Arguments.of("[fc00::]/7", "http://[fd12:3456::1]/", true),
        Arguments.of("fc00::/7", "http://[fe80::1]/", false),
        Arguments.of("::ffff:0:0/96", "http://127.0.0.1/", true),
        Arguments.of("::/0", "http://10.0.0.1/", true),
        Arguments.of("127.0.0.1", "http://2130706433/", true),
        Arguments.of("127.0.0.1", "http://127.0.0.2/", false),
        Arguments.of("::1", "http://[0:0::1]/", true),
        Arguments.of("[::1]:8080", "http://[::1]:8080/", true),
        Arguments.of("[::1]:8080", "http://[::1]/", false),
        Arguments.of("b\u00FCcher.de", "https://xn--bcher-kva.de", true));
  }

  @ParameterizedTest(name = "{0} ~ {1} = {2}")
  @MethodSource
  void table(String pattern, String url, boolean expected) {
    assertThat(matches(pattern, url)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "a*.example.com",
        "*example.com",
        "example.*.com",
        "*.127.0.0.1",
        "10.0.0.1/8",
        "10.0.0.0/33",
        "10.0.0.0/",
        "10.0.0.0/x",
        "example.com/8",
        "::1/129",
        "[::1",
        "[::1]x",
        "example.com:",
        "example.com:70000",
        "exa mple.com",
        "under_score.com"
      })
  void invalidPatterns(String pattern) {
    assertThatThrownBy(() -> HostPattern.compile(pattern))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid host pattern");
  }

  @Test
  void identity() {
    assertThat(HostPattern.compile("GitHub.com")).isEqualTo(HostPattern.compile("github.com."));
    assertThat(HostPattern.compile("github.com").hashCode())
        .isEqualTo(HostPattern.compile("GITHUB.COM").hashCode());
    assertThat(HostPattern.compile("*.github.com")).isNotEqualTo(HostPattern.compile("github.com"));
    assertThat(HostPattern.compile("10.0.0.0/8").pattern()).isEqualTo("10.0.0.0/8");
    assertThat(HostPattern.compile("10.0.0.0/8")).hasToString("10.0.0.0/8");
  }
}
