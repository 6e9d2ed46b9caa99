package dev.agentlane.fuzz;

import static dev.agentlane.fuzz.Oracle.check;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.agentlane.Decision;
import dev.agentlane.Verdict;
import dev.agentlane.core.net.HostPattern;
import dev.agentlane.core.net.InvalidUrlException;
import dev.agentlane.core.net.ParsedUrl;
import dev.agentlane.core.net.ParsedUrl.HostKind;
import dev.agentlane.core.net.UrlParser;
import java.net.IDN;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the URL parser and the host patterns that network rules are made of.
 *
 * <p>Not thread-safe (Jazzer runs one input at a time); see {@code docs/security/fuzzing.md}.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS) // per input while fuzzing: longer is a hang (see pom.xml)
class UrlFuzzTest {
  private static final int MAX_LENGTH = 8192;
  private static final Pattern LDH = Pattern.compile("[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*");
  private static final Pattern DOTTED_QUAD = Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");
  private static final Pattern PRINTABLE_ASCII = Pattern.compile("[\\x21-\\x7e]*");

  /** The default policy's hosts, besides "*.github.com". */
  private static final Set<String> ALLOWED_HOSTS = Set.of("github.com", "registry.npmjs.org", "repo.maven.apache.org",
      "pypi.org", "files.pythonhosted.org", "proxy.golang.org", "crates.io", "static.crates.io");

  private static FuzzEngine engine;

  @BeforeAll
  static void startEngine() {
    engine = new FuzzEngine();
  }

  /** Fetching from a listed host is allowed in the fuzzed lane: the engine oracle can fail. */
  @Test
  void theFuzzedLaneAllowsFetchingFromListedHosts() {
    assertThat(engine.fetch("https://api.github.com/repos/x/y").verdict()).isEqualTo(Verdict.ALLOW);
    assertThat(engine.fetch("https://evil.example/").verdict()).isEqualTo(Verdict.DENY);
  }

  private static final HostPattern EXACT = HostPattern.compile("github.com");
  private static final HostPattern SUBDOMAINS = HostPattern.compile("*.github.com");
  private static final HostPattern EXACT_PORT = HostPattern.compile("github.com:443");
  private static final HostPattern LOOPBACK_V4 = HostPattern.compile("127.0.0.0/8");
  private static final HostPattern PRIVATE_10 = HostPattern.compile("10.0.0.0/8");
  private static final HostPattern LOOPBACK_V6 = HostPattern.compile("::1/128");
  private static final HostPattern ANY_IP = HostPattern.compile("::/0");
  private static final HostPattern LOOPBACK_V6_PORT = HostPattern.compile("[::1]:8080");
  private static final HostPattern ANY = HostPattern.compile("*");

  /**
   * Any text parses into a well-formed URL or is refused with the documented
   * {@link InvalidUrlException}; canonical hosts are stable, agree with java.net on IP literals and
   * IDN, and are the host written in the text; host patterns match exactly when a plain oracle on the
   * canonical host says so; spliced userinfo and ports cannot change the host; oversized text is refused.
   */
  @FuzzTest
  void urlsParseOrAreRefusedAndHostsMatchTheOracle(byte[] data) {
    String raw = FuzzText.of(data);
    ParsedUrl url = parseOrNull(raw);
    if (url != null) {
      checkWellFormed(url);
      checkStable(url);
      checkHostIsInTheText(url);
      checkPatterns(url);
    }
    // Through the engine: a fetch is allowed only for a URL that parses, to a host the default policy lists.
    // A decision costs ten parses, so only one in eight refused URLs goes to the engine.
    Decision fetch = url != null || (FuzzText.mix(data) & 7) == 0 ? engine.fetch(raw) : null;
    if (fetch != null && fetch.verdict() == Verdict.ALLOW) {
      check(url != null, "fetching a URL the parser refuses was allowed", raw);
      check(url.hostKind() == HostKind.DNS && (ALLOWED_HOSTS.contains(url.host()) || url.host().endsWith(".github.com")),
          () -> "fetching from '" + url.host() + "', a host the default policy does not list, was allowed", raw);
    }

    // Userinfo cannot move the host, whatever it holds, as long as it does not end the authority.
    String userinfo = FuzzText.without(raw, "/\\?#");
    ParsedUrl withUser = parseOrNull("https://" + userinfo + "@github.com/x");
    if (withUser != null) {
      check(withUser.host().equals("github.com") && withUser.hadUserInfo(),
          () -> "userinfo changed the host to '" + withUser.host() + "'", userinfo);
    }

    // A port is decimal and in range, or the URL is refused; it never moves the host.
    String port = FuzzText.without(raw, "/\\?#@");
    ParsedUrl withPort = parseOrNull("https://github.com:" + port + "/x");
    Integer expected = expectedPort(port);
    if (expected == null) {
      check(withPort == null, () -> "the port '" + port + "' was accepted as " + (withPort == null ? "" : withPort.port()), port);
    } else {
      check(withPort != null && withPort.host().equals("github.com") && withPort.port() == expected,
          () -> "the port '" + port + "' gave " + withPort, port);
    }

    // A label in front of an allowed domain stays a subdomain of it.
    String label = FuzzText.without(raw, "/\\?#@:[]");
    ParsedUrl sub = parseOrNull("https://" + label + ".github.com/");
    if (sub != null) {
      check(sub.hostKind() == HostKind.DNS && sub.host().endsWith(".github.com") && SUBDOMAINS.matches(sub),
          () -> "a label in front of github.com gave the host '" + sub.host() + "'", label);
    }

    // Bounded input.
    check(parseOrNull("https://github.com/" + "a".repeat(MAX_LENGTH) + raw) == null, "an oversized URL was accepted",
        raw);
  }

  private static ParsedUrl parseOrNull(String text) {
    try {
      return UrlParser.parse(text);
    } catch (InvalidUrlException e) {
      check(e.reason() != null && !e.reason().isBlank(), "a refusal without a reason", text);
      return null;
    }
  }

  private static void checkWellFormed(ParsedUrl url) {
    String host = url.host();
    check(url.port() >= -1 && url.port() <= 65535, () -> "port out of range: " + url.port(), url.raw());
    check(url.scheme().equals(url.scheme().toLowerCase(Locale.ROOT)), "scheme not lower-case", url.raw());
    switch (url.hostKind()) {
      case DNS -> {
        check(host.length() <= 253 && LDH.matcher(host).matches(), () -> "DNS host '" + host + "' is not canonical", url.raw());
        for (String l : host.split("\\.")) {
          check(l.length() <= 63, () -> "DNS label longer than 63: '" + l + "'", url.raw());
        }
        // A name that ends in a number would be read as an IPv4 address by browsers: it must not stay a name.
        String last = host.substring(host.lastIndexOf('.') + 1);
        check(!last.chars().allMatch(Character::isDigit), () -> "DNS host '" + host + "' ends in a number", url.raw());
      }
      case IPV4 -> {
        check(DOTTED_QUAD.matcher(host).matches(), () -> "IPv4 host '" + host + "' is not dotted decimal", url.raw());
        for (String part : host.split("\\.")) {
          check(Integer.parseInt(part) <= 255, () -> "IPv4 part out of range in '" + host + "'", url.raw());
        }
        check(literal(host) instanceof Inet4Address a && a.getHostAddress().equals(host),
            () -> "java.net does not read IPv4 host '" + host + "' the same way", url.raw());
      }
      case IPV6 -> {
        InetAddress a = literal("[" + host + "]");
        check(a != null, () -> "java.net does not read '" + host + "' as an IPv6 literal", url.raw());
        // java.net turns IPv4-mapped addresses into IPv4 ones: so must the parser, or v4 rules miss them.
        check(!(a instanceof Inet4Address), () -> "IPv4-mapped address '" + host + "' was kept as IPv6", url.raw());
      }
    }
  }

  /** The canonical host, parsed again, is itself; and so is its Unicode form, when that is accepted. */
  private static void checkStable(ParsedUrl url) {
    String text = url.hostKind() == HostKind.IPV6 ? "[" + url.host() + "]" : url.host();
    ParsedUrl again = parseOrNull(text);
    check(again != null && again.host().equals(url.host()) && again.hostKind() == url.hostKind(),
        () -> "the canonical host '" + url.host() + "' parsed again gave " + again, url.raw());
    if (url.hostKind() == HostKind.DNS && url.host().contains("xn--")) {
      String unicode = IDN.toUnicode(url.host(), IDN.USE_STD3_ASCII_RULES);
      ParsedUrl viaUnicode = parseOrNull(unicode);
      check(viaUnicode == null || viaUnicode.host().equals(url.host()),
          () -> "the Unicode form '" + unicode + "' of '" + url.host() + "' gave " + viaUnicode, url.raw());
    }
  }

  /** In plain ASCII without escapes, the host judged is a host written in the text. */
  private static void checkHostIsInTheText(ParsedUrl url) {
    String raw = url.raw();
    if (url.hostKind() != HostKind.DNS || raw.indexOf('%') >= 0 || !PRINTABLE_ASCII.matcher(raw).matches()) {
      return;
    }
    String lower = raw.toLowerCase(Locale.ROOT);
    String host = url.host();
    boolean found = false;
    for (int at = lower.indexOf(host); at >= 0 && !found; at = lower.indexOf(host, at + 1)) {
      char before = at == 0 ? '/' : lower.charAt(at - 1);
      int end = at + host.length();
      char after = end == lower.length() ? '/' : lower.charAt(end);
      found = "/\\@:".indexOf(before) >= 0 && ":/\\?#.".indexOf(after) >= 0;
    }
    check(found, () -> "the host '" + host + "' is not a host written in the text", raw);
  }

  private static void checkPatterns(ParsedUrl url) {
    String host = url.host();
    HostKind kind = url.hostKind();
    boolean ip = kind != HostKind.DNS;
    expect(EXACT, url, kind == HostKind.DNS && host.equals("github.com"));
    expect(SUBDOMAINS, url, kind == HostKind.DNS && host.endsWith(".github.com"));
    expect(EXACT_PORT, url, kind == HostKind.DNS && host.equals("github.com") && url.port() == 443);
    expect(LOOPBACK_V4, url, kind == HostKind.IPV4 && host.startsWith("127."));
    expect(PRIVATE_10, url, kind == HostKind.IPV4 && host.startsWith("10."));
    expect(LOOPBACK_V6, url, kind == HostKind.IPV6 && host.equals("::1"));
    expect(ANY_IP, url, ip);
    expect(LOOPBACK_V6_PORT, url, kind == HostKind.IPV6 && host.equals("::1") && url.port() == 8080);
    expect(ANY, url, true);
  }

  private static void expect(HostPattern pattern, ParsedUrl url, boolean expected) {
    check(pattern.matches(url) == expected,
        () -> "pattern '" + pattern + "' " + (expected ? "missed" : "matched") + " host " + url.host() + " port " + url.port(),
        url.raw());
  }

  /** The port a URL with this port text must get, or null if it must be refused. */
  private static Integer expectedPort(String port) {
    if (port.isEmpty()) {
      return 443;
    }
    if (!port.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return null;
    }
    String digits = port.replaceFirst("^0+(?=.)", "");
    return digits.length() <= 5 && Integer.parseInt(digits) <= 65535 ? Integer.parseInt(digits) : null;
  }

  /** java.net's reading of an IP literal (never a DNS lookup: only canonical literals come here). */
  private static InetAddress literal(String text) {
    try {
      return InetAddress.getByName(text);
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
