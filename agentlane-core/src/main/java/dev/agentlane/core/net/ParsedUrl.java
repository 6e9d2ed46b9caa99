package dev.agentlane.core.net;

import java.util.Objects;

/**
 * A URL as {@link UrlParser#parse(String)} read it, with a canonical host.
 *
 * <p>Immutable and thread-safe; no component is {@code null}.
 *
 * @param raw the input exactly as given
 * @param scheme the lower-case scheme; {@code "ssh"} for scp-like git remotes
 *     ({@code git@host:path}); {@code ""} for a bare host or {@code host:port}
 * @param host the canonical host: lower-case ASCII (punycode for international names) without a
 *     trailing dot for {@link HostKind#DNS}; dotted decimal for {@link HostKind#IPV4}; RFC 5952
 *     compressed lower-case form without brackets for {@link HostKind#IPV6}
 * @param hostKind what the host is
 * @param port the explicit port, else the scheme's default (http/ws 80, https/wss 443, ftp 21,
 *     ssh 22, git 9418), else -1
 * @param path the path as written, without query or fragment; for http, https, ws, wss and ftp
 *     backslashes are turned into slashes and an empty path is {@code "/"}; for scp-like remotes the
 *     part after the colon
 * @param hadUserInfo whether the authority had a {@code user[:password]@} part
 */
public record ParsedUrl(
    String raw,
    String scheme,
    String host,
    HostKind hostKind,
    int port,
    String path,
    boolean hadUserInfo) {

  /** What kind of host a URL names. */
  public enum HostKind {
    /** A domain name. */
    DNS,
    /** An IPv4 address, including IPv4-mapped IPv6 addresses. */
    IPV4,
    /** An IPv6 address. */
    IPV6
  }

  /**
   * Checks that no component is {@code null}, the host is not empty and the port is in range.
   *
   * @throws IllegalArgumentException if the port or host is invalid
   */
  public ParsedUrl {
    Objects.requireNonNull(raw, "raw");
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(hostKind, "hostKind");
    Objects.requireNonNull(path, "path");
    if (host.isEmpty()) {
      throw new IllegalArgumentException("empty host");
    }
    if (port < -1 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }

  /** Whether the host is an IP address rather than a name. */
  public boolean isIpAddress() {
    return hostKind != HostKind.DNS;
  }
}
