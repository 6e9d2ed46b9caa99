package dev.agentlane.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentlane.core.net.ParsedUrl.HostKind;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class UrlParserTest {

  private static final HostKind DNS = HostKind.DNS;
  private static final HostKind V4 = HostKind.IPV4;
  private static final HostKind V6 = HostKind.IPV6;

  private static Arguments ok(String raw, String host, HostKind kind, int port) {
    return Arguments.of(raw, host, kind, port);
  }

  static Stream<Arguments> accepted() {
    return Stream.of(
        ok("https://github.com/org/repo", "github.com", DNS, 443),
        ok("http://github.com", "github.com", DNS, 80),
        ok("HTTPS://GitHub.COM./", "github.com", DNS, 443),
        ok("github.com", "github.com", DNS, -1),
        ok("github.com:443", "github.com", DNS, 443),
        ok("github.com/org/repo", "github.com", DNS, -1),
        ok("localhost:8080/x", "localhost", DNS, 8080),
        ok("https://github.com@evil.com/", "evil.com", DNS, 443),
        ok("https://user:pw@host.example", "host.example", DNS, 443),
        ok("https:evil.com", "evil.com", DNS, 443),
        ok("https:/evil.com", "evil.com", DNS, 443),
        ok("https:///evil.com", "evil.com", DNS, 443),
        ok("http://evil.com#@github.com", "evil.com", DNS, 80),
        ok("http://evil.com?@github.com", "evil.com", DNS, 80),
        ok("http://github.com.evil.com", "github.com.evil.com", DNS, 80),
        ok("http://127.0.0.1.nip.io", "127.0.0.1.nip.io", DNS, 80),
        ok("http://127.0.0.1", "127.0.0.1", V4, 80),
        ok("http://2130706433/", "127.0.0.1", V4, 80),
        ok("http://0x7f.0.0.1/", "127.0.0.1", V4, 80),
        ok("http://0x7F000001/", "127.0.0.1", V4, 80),
        ok("http://0177.0.0.1/", "127.0.0.1", V4, 80),
        ok("http://127.1/", "127.0.0.1", V4, 80),
        ok("http://127.0.1/", "127.0.0.1", V4, 80),
        ok("http://0/", "0.0.0.0", V4, 80),
        ok("http://127.0.0.1./", "127.0.0.1", V4, 80),
        ok("http://%31%32%37.0.0.1/", "127.0.0.1", V4, 80),
        ok("http://\uFF11\uFF12\uFF17.0.0.1/", "127.0.0.1", V4, 80), // fullwidth digits
        ok("http://169.254.169.254/latest/meta-data", "169.254.169.254", V4, 80),
        ok("http://[::1]", "::1", V6, 80),
        ok("http://[::1]:8080/", "::1", V6, 8080),
        ok("http://[0:0:0:0:0:0:0:1]/", "::1", V6, 80),
        ok("http://[2001:DB8:0:0:1:0:0:1]/", "2001:db8::1:0:0:1", V6, 80),
        ok("http://[2001:db8:0:0:0:0:2:1]/", "2001:db8::2:1", V6, 80),
        ok("http://[2001:db8:0:1:1:1:1:1]/", "2001:db8:0:1:1:1:1:1", V6, 80),
        ok("http://[1:2:3:4::5:6:7:8]/", "1:2:3:4:5:6:7:8", V6, 80),
        ok("http://[2001:db8::1:0:0:1]/", "2001:db8::1:0:0:1", V6, 80),
        ok("http://[2001:0:0:1::1]/", "2001:0:0:1::1", V6, 80),
        ok("http://[::ffff:127.0.0.1]/", "127.0.0.1", V4, 80),
        ok("http://[::ffff:7f00:1]/", "127.0.0.1", V4, 80),
        ok("http://[::]/", "::", V6, 80),
        ok("[::1]:22", "::1", V6, 22),
        ok("::1", "::1", V6, -1),
        ok("https://xn--ggle-0nd.com", "xn--ggle-0nd.com", DNS, 443),
        ok("https://g\u043e\u043egle.com", "xn--ggle-55da.com", DNS, 443), // Cyrillic o
        ok("https://\uFF47\uFF49\uFF54\uFF48\uFF55\uFF42.com", "github.com", DNS, 443),
        ok("https://github\u3002com", "github.com", DNS, 443),
        ok("https://github\uFF0Ecom", "github.com", DNS, 443),
        ok("https://github\uFF61com", "github.com", DNS, 443),
        ok("https://%67ithub.com", "github.com", DNS, 443),
        ok("https://b\u00FCcher.de", "xn--bcher-kva.de", DNS, 443),
        ok("ssh://git@github.com:22/x", "github.com", DNS, 22),
        ok("ssh://github.com/x", "github.com", DNS, 22),
        ok("git@github.com:org/repo.git", "github.com", DNS, 22),
        ok("github.com:org/repo.git", "github.com", DNS, 22),
        ok("git://github.com/x", "github.com", DNS, 9418),
        ok("ftp://files.example.com", "files.example.com", DNS, 21),
        ok("wss://x.example.com", "x.example.com", DNS, 443),
        ok("ws://x.example.com:00080", "x.example.com", DNS, 80),
        ok("http://example.com:", "example.com", DNS, 80),
        ok("http://example.com:65535", "example.com", DNS, 65535),
        ok("custom+scheme.v1://example.com", "example.com", DNS, -1),
        ok("//example.com/x", "example.com", DNS, -1),
        ok("redis://10.0.0.1:6379", "10.0.0.1", V4, 6379));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void accepted(String raw, String host, HostKind kind, int port) throws InvalidUrlException {
    ParsedUrl url = UrlParser.parse(raw);
    assertThat(url.host()).isEqualTo(host);
    assertThat(url.hostKind()).isEqualTo(kind);
    assertThat(url.port()).isEqualTo(port);
    assertThat(url.raw()).isEqualTo(raw);
  }

  static Stream<Arguments> rejected() {
    return Stream.of(
        Arguments.of("", "empty"),
        Arguments.of("http://", "empty host"),
        Arguments.of("http:///", "empty host"),
        Arguments.of("https://user@/", "empty host"),
        Arguments.of("http://exa mple.com", "whitespace"),
        Arguments.of(" http://example.com", "whitespace"),
        Arguments.of("http://example.com/a b", "whitespace"),
        Arguments.of("http://example.com\t", "whitespace"),
        Arguments.of("http://exam\u0000ple.com", "control"),
        Arguments.of("http://git\u200Bhub.com", "U+200B"),
        Arguments.of("http://github.com\u00A0", "U+00A0"),
        Arguments.of("http://example.com:65536", "port"),
        Arguments.of("http://example.com:99999999999", "port"),
        Arguments.of("http://example.com:8o", "invalid port"),
        Arguments.of("http://example.com:-1", "invalid port"),
        Arguments.of("http://ex%25ample.com", "forbidden character '%'"),
        Arguments.of("http://ex%2Fample.com", "forbidden character '/'"),
        Arguments.of("http://evil.com%40github.com", "forbidden character '@'"),
        Arguments.of("http://ex<ample.com", "forbidden"),
        Arguments.of("http://ex^ample.com", "forbidden"),
        Arguments.of("http://ex|ample.com", "forbidden"),
        Arguments.of("http://%ff.com", "not UTF-8"),
        Arguments.of("http://a..b.com", "empty label"),
        Arguments.of("http://.example.com", "empty label"),
        Arguments.of("http://example.com..", "empty label"),
        Arguments.of("http://under_score.com", "invalid host name"),
        Arguments.of("http://-lead.com", "invalid host name"),
        Arguments.of("http://" + "a".repeat(64) + ".com", "invalid host name"),
        Arguments.of("http://fa\u00DF.de", "deviation"),
        Arguments.of("http://evil.com\uFF0Fgithub.com", "invalid host name"),
        Arguments.of("http://1.2.3.256/", "invalid IPv4"),
        Arguments.of("http://1.2.3.4.5/", "invalid IPv4"),
        Arguments.of("http://08.0.0.1/", "invalid IPv4"),
        Arguments.of("http://4294967296/", "invalid IPv4"),
        Arguments.of("http://foo.123/", "invalid IPv4"),
        Arguments.of("http://[::1/", "unclosed"),
        Arguments.of("http://[::1]x/", "after ']'"),
        Arguments.of("http://[1:2:3:4:5:6:7:8:9]/", "invalid IPv6"),
        Arguments.of("http://[1::2::3]/", "invalid IPv6"),
        Arguments.of("http://[fe80::1%25eth0]/", "zone"),
        Arguments.of("http://[::ffff:127.0.0.01]/", "invalid IPv6"),
        Arguments.of("http://[example.com]/", "invalid IPv6"),
        Arguments.of("http://::1/", "without brackets"),
        Arguments.of("ht_tp://example.com", "invalid scheme"),
        Arguments.of("1http://example.com", "invalid scheme"),
        Arguments.of("://example.com", "invalid scheme"),
        Arguments.of("ssh://evil.com\\@github.com/x", "backslash"),
        // Browsers end the host at a backslash, curl and git take the host after the '@': both readings refused.
        Arguments.of("https://github.com\\@evil.com/", "backslash"),
        Arguments.of("https://evil.com\\@github.com", "backslash"),
        Arguments.of("https://evil.com\\github.com", "backslash"),
        Arguments.of("https:\\\\evil.com\\x", "backslash"),
        // Browsers take the host after the last '@', curl after the first.
        Arguments.of("https://a@b@evil.com/", "more than one '@'"),
        Arguments.of("https://user:p@ss@github.com/", "more than one '@'"),
        Arguments.of("mailto:someone@example.com", "without an authority"),
        Arguments.of("javascript:alert(1)", "without an authority"),
        Arguments.of("file:///etc/passwd", "empty host"),
        Arguments.of("a\uD800b.com", "surrogate"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void rejected(String raw, String reason) {
    assertThatThrownBy(() -> UrlParser.parse(raw))
        .isInstanceOfSatisfying(
            InvalidUrlException.class,
            e -> {
              assertThat(e.reason()).containsIgnoringCase(reason);
              assertThat(e.getMessage()).contains(e.reason());
            });
  }

  @Test
  void lookAlikeIsNotTheRealHost() throws InvalidUrlException {
    assertThat(UrlParser.parse("https://g\u043e\u043egle.com").host()).isNotEqualTo("google.com");
    assertThat(UrlParser.parse("https://xn--ggle-0nd.com").host()).isNotEqualTo("google.com");
  }

  @Test
  void userInfoIsReported() throws InvalidUrlException {
    assertThat(UrlParser.parse("https://github.com@evil.com/").hadUserInfo()).isTrue();
    assertThat(UrlParser.parse("git@github.com:org/repo.git").hadUserInfo()).isTrue();
    assertThat(UrlParser.parse("https://github.com/").hadUserInfo()).isFalse();
  }

  @Test
  void schemesAndPaths() throws InvalidUrlException {
    ParsedUrl https = UrlParser.parse("HTTPS://GitHub.COM./a\\b?q=1#f");
    assertThat(https.scheme()).isEqualTo("https");
    assertThat(https.path()).isEqualTo("/a/b");
    assertThat(UrlParser.parse("https://github.com").path()).isEqualTo("/");
    ParsedUrl scp = UrlParser.parse("git@github.com:org/repo.git");
    assertThat(scp.scheme()).isEqualTo("ssh");
    assertThat(scp.path()).isEqualTo("org/repo.git");
    ParsedUrl bare = UrlParser.parse("github.com:443");
    assertThat(bare.scheme()).isEmpty();
    assertThat(bare.path()).isEmpty();
    assertThat(UrlParser.parse("ssh://git@github.com:22/x").path()).isEqualTo("/x");
    assertThat(UrlParser.parse("http://[::1]").isIpAddress()).isTrue();
    assertThat(UrlParser.parse("http://a.b").isIpAddress()).isFalse();
  }

  @Test
  void tooLong() {
    assertThatThrownBy(() -> UrlParser.parse("http://a.com/" + "x".repeat(10_000)))
        .isInstanceOf(InvalidUrlException.class)
        .hasMessageContaining("too long");
  }

  @Test
  void parsedUrlInvariants() {
    assertThatThrownBy(() -> new ParsedUrl("x", "", "", HostKind.DNS, -1, "", false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ParsedUrl("x", "", "x", HostKind.DNS, 70000, "", false))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
