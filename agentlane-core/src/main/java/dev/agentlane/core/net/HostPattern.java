package dev.agentlane.core.net;

import dev.agentlane.core.net.ParsedUrl.HostKind;
import dev.agentlane.core.net.UrlParser.Host;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A compiled host rule, matched against {@link ParsedUrl}s.
 *
 * <p>Immutable and thread-safe; arguments must not be {@code null}. Forms:
 *
 * <ul>
 *   <li>{@code example.com}: exactly that host (canonicalized like a URL host: case, trailing dot,
 *       IDN, IPv4 forms), so {@code GitHub.COM.} is the same pattern.
 *   <li>{@code *.example.com}: strict subdomains at a label boundary: {@code api.example.com} and
 *       {@code a.b.example.com}, not {@code example.com}, {@code evilexample.com} or
 *       {@code example.com.evil.com}. A {@code *} anywhere else is rejected.
 *   <li>{@code *}: any host.
 *   <li>An IP address ({@code 127.0.0.1}, {@code ::1}, {@code [::1]}): exactly that address.
 *   <li>CIDR ranges ({@code 10.0.0.0/8}, {@code ::1/128}, {@code [fd00::]/8}); host bits must be
 *       zero. IPv4 hosts are also matched by IPv6 ranges through their mapped form
 *       {@code ::ffff:a.b.c.d}, so {@code ::/0} matches every IP address. Names never match ranges
 *       (nothing is resolved).
 *   <li>Any of the above except CIDR followed by {@code :port} ({@code example.com:8443},
 *       {@code *.example.com:443}, {@code [::1]:8080}): then the URL's effective port (explicit or
 *       the scheme default) must equal it; a URL without a known port does not match.
 * </ul>
 */
public final class HostPattern {

  private enum Form {
    ANY,
    EXACT,
    SUBDOMAINS,
    CIDR
  }

  private final String pattern;
  private final Form form;
  /** EXACT: the canonical host; SUBDOMAINS: the canonical parent domain; else "". */
  private final String host;
  private final HostKind kind;
  /** CIDR: network address (4 or 16 bytes) and prefix length. */
  private final byte[] network;
  private final int prefixLength;
  private final int port;

  private HostPattern(
      String pattern,
      Form form,
      String host,
      HostKind kind,
      byte[] network,
      int prefixLength,
      int port) {
    this.pattern = pattern;
    this.form = form;
    this.host = host;
    this.kind = kind;
    this.network = network;
    this.prefixLength = prefixLength;
    this.port = port;
  }

  /**
   * Compiles a host pattern.
   *
   * @param pattern see the class javadoc
   * @throws IllegalArgumentException if the pattern is malformed
   */
  public static HostPattern compile(String pattern) {
    Objects.requireNonNull(pattern, "pattern");
    try {
      return doCompile(pattern);
    } catch (InvalidUrlException e) {
      throw new IllegalArgumentException(
          "invalid host pattern '" + pattern + "': " + e.reason(), e);
    }
  }

  private static HostPattern doCompile(String pattern) throws InvalidUrlException {
    if (pattern.isEmpty()) {
      throw new InvalidUrlException(pattern, "empty pattern");
    }
    int slash = pattern.indexOf('/');
    if (slash >= 0) {
      return cidr(pattern, pattern.substring(0, slash), pattern.substring(slash + 1));
    }
    String hostText = pattern;
    int port = -1;
    if (pattern.startsWith("[")) {
      int close = pattern.indexOf(']');
      if (close < 0) {
        throw new InvalidUrlException(pattern, "unclosed '['");
      }
      String after = pattern.substring(close + 1);
      if (!after.isEmpty()) {
        if (!after.startsWith(":")) {
          throw new InvalidUrlException(pattern, "unexpected characters after ']'");
        }
        port = parsePort(pattern, after.substring(1));
      }
      Host ip = UrlParser.ipv6Host(pattern, pattern.substring(1, close));
      return new HostPattern(pattern, Form.EXACT, ip.name(), ip.kind(), new byte[0], 0, port);
    }
    int colon = pattern.indexOf(':');
    if (colon >= 0 && pattern.indexOf(':', colon + 1) >= 0) {
      Host ip = UrlParser.ipv6Host(pattern, pattern);
      return new HostPattern(pattern, Form.EXACT, ip.name(), ip.kind(), new byte[0], 0, -1);
    }
    if (colon >= 0) {
      hostText = pattern.substring(0, colon);
      port = parsePort(pattern, pattern.substring(colon + 1));
    }
    if (hostText.equals("*")) {
      return new HostPattern(pattern, Form.ANY, "", HostKind.DNS, new byte[0], 0, port);
    }
    if (hostText.startsWith("*.")) {
      Host parent = UrlParser.canonicalHost(pattern, hostText.substring(2));
      if (parent.kind() != HostKind.DNS) {
        throw new InvalidUrlException(pattern, "'*.' needs a domain name, not an IP address");
      }
      return new HostPattern(
          pattern, Form.SUBDOMAINS, parent.name(), HostKind.DNS, new byte[0], 0, port);
    }
    if (hostText.indexOf('*') >= 0) {
      throw new InvalidUrlException(pattern, "'*' is only allowed as a whole leftmost label");
    }
    Host exact = UrlParser.canonicalHost(pattern, hostText);
    return new HostPattern(pattern, Form.EXACT, exact.name(), exact.kind(), new byte[0], 0, port);
  }

  private static HostPattern cidr(String pattern, String addressText, String prefixText)
      throws InvalidUrlException {
    String address = addressText;
    if (address.startsWith("[") && address.endsWith("]")) {
      address = address.substring(1, address.length() - 1);
    }
    byte[] bytes;
    HostKind kind;
    if (address.indexOf(':') >= 0) {
      int[] groups = IpAddresses.parseIpv6(address);
      if (groups == null) {
        throw new InvalidUrlException(pattern, "invalid IPv6 network address");
      }
      bytes = IpAddresses.toBytes(groups);
      kind = HostKind.IPV6;
    } else {
      Host v4 = UrlParser.canonicalHost(pattern, address);
      if (v4.kind() != HostKind.IPV4) {
        throw new InvalidUrlException(pattern, "CIDR needs an IP address");
      }
      bytes = IpAddresses.toBytes(IpAddresses.parseIpv4(v4.name()));
      kind = HostKind.IPV4;
    }
    if (prefixText.isEmpty()
        || prefixText.length() > 3
        || !prefixText.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new InvalidUrlException(pattern, "invalid prefix length");
    }
    int prefix = Integer.parseInt(prefixText);
    if (prefix > bytes.length * 8) {
      throw new InvalidUrlException(pattern, "prefix length out of range");
    }
    for (int bit = prefix; bit < bytes.length * 8; bit++) {
      if ((bytes[bit / 8] & (0x80 >> (bit % 8))) != 0) {
        throw new InvalidUrlException(pattern, "host bits set after the prefix");
      }
    }
    return new HostPattern(pattern, Form.CIDR, "", kind, bytes, prefix, -1);
  }

  private static int parsePort(String pattern, String text) throws InvalidUrlException {
    if (text.isEmpty()
        || text.length() > 5
        || !text.chars().allMatch(c -> c >= '0' && c <= '9')
        || Integer.parseInt(text) > 65535) {
      throw new InvalidUrlException(pattern, "invalid port");
    }
    return Integer.parseInt(text);
  }

  /** The pattern as given to {@link #compile}. */
  public String pattern() {
    return pattern;
  }

  /**
   * The canonical host a pattern of one exact host or address matches ({@code example.com},
   * {@code 127.0.0.1}), or {@code null} for other forms: a URL can match only if its host equals it.
   */
  public @Nullable String exactHost() {
    return form == Form.EXACT ? host : null;
  }

  /**
   * The canonical parent domain of a subdomain pattern ({@code example.com} for {@code *.example.com}),
   * or {@code null} for other forms: a URL can match only if its host ends with a dot and this domain.
   */
  public @Nullable String parentDomain() {
    return form == Form.SUBDOMAINS ? host : null;
  }

  /** Whether the URL's host (and port, if the pattern has one) matches. */
  public boolean matches(ParsedUrl url) {
    if (port >= 0 && url.port() != port) {
      return false;
    }
    return switch (form) {
      case ANY -> true;
      case EXACT -> url.hostKind() == kind && url.host().equals(host);
      case SUBDOMAINS ->
          url.hostKind() == HostKind.DNS
              && url.host().length() > host.length() + 1
              && url.host().endsWith("." + host);
      case CIDR -> inRange(url);
    };
  }

  private boolean inRange(ParsedUrl url) {
    byte[] address;
    if (url.hostKind() == HostKind.IPV4) {
      long v4 = IpAddresses.parseIpv4(url.host());
      address = kind == HostKind.IPV4 ? IpAddresses.toBytes(v4) : IpAddresses.mappedBytes(v4);
    } else if (url.hostKind() == HostKind.IPV6 && kind == HostKind.IPV6) {
      int[] groups = IpAddresses.parseIpv6(url.host());
      if (groups == null) {
        return false;
      }
      address = IpAddresses.toBytes(groups);
    } else {
      return false;
    }
    for (int bit = 0; bit < prefixLength; bit++) {
      int mask = 0x80 >> (bit % 8);
      if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof HostPattern p
        && p.form == form
        && p.host.equals(host)
        && p.kind == kind
        && Arrays.equals(p.network, network)
        && p.prefixLength == prefixLength
        && p.port == port;
  }

  @Override
  public int hashCode() {
    return Objects.hash(form, host, kind, Arrays.hashCode(network), prefixLength, port);
  }

  @Override
  public String toString() {
    return pattern;
  }
}
