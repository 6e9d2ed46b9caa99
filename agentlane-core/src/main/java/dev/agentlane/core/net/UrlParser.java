package dev.agentlane.core.net;

import dev.agentlane.core.net.ParsedUrl.HostKind;
import java.net.IDN;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Parses URLs, bare hosts and scp-like git remotes into {@link ParsedUrl}s with canonical hosts.
 *
 * <p>Stateless and thread-safe; arguments must not be {@code null}. Every ambiguity is resolved
 * toward the host a real client would contact, and anything that cannot be read unambiguously is
 * rejected with an {@link InvalidUrlException}.
 *
 * <h2>Accepted forms</h2>
 *
 * <ul>
 *   <li>{@code scheme://[userinfo@]host[:port][/path][?query][#fragment]}. The scheme is letters,
 *       digits, {@code + - .}, starting with a letter. For the WHATWG "special" schemes http,
 *       https, ws, wss and ftp, any run of {@code /} and {@code \} after the colon introduces the
 *       authority ({@code https:evil.com}, {@code https:///evil.com} name {@code evil.com}). A
 *       backslash inside the authority is rejected for every scheme: browsers end the authority there
 *       ({@code https://github.com\@evil.com} is {@code github.com} to them), curl and git do not (to
 *       them it is {@code evil.com}), so neither reading can be trusted.
 *   <li>{@code //host/path} (scheme-relative; scheme {@code ""}).
 *   <li>{@code host}, {@code host:port}, {@code host/path}, {@code [v6]:port}, and bare IPv6
 *       {@code ::1} (scheme {@code ""}, port -1 unless given).
 *   <li>scp-like remotes {@code [user@]host:path} where the colon comes before any slash and the
 *       path is not a port number ({@code git@github.com:org/repo.git}): scheme {@code "ssh"},
 *       port 22.
 * </ul>
 *
 * <h2>Authority</h2>
 *
 * <p>The authority ends at the first {@code /}, {@code ?} or {@code #} (so
 * {@code http://evil.com#@github.com} is {@code evil.com}). The host follows the {@code @}
 * ({@code https://github.com@evil.com/} is {@code evil.com}, with {@code hadUserInfo}); an authority with
 * two {@code @} is rejected, because browsers read the host after the last one and curl after the first.
 * The port must be 0..65535 in decimal digits; an empty port means the default.
 *
 * <h2>Host canonicalization</h2>
 *
 * <ol>
 *   <li>Percent-decoding (once; the bytes must be UTF-8), after which {@code %} is forbidden, so
 *       double encoding is rejected.
 *   <li>Rejection of whitespace, control and invisible formatting characters anywhere in the input,
 *       and of the forbidden host characters {@code # % / : < > ? @ [ \ ] ^ |} and a few more
 *       punctuation marks no host contains.
 *   <li>The ideographic and fullwidth full stops {@code 。．｡} become dots; one trailing dot is
 *       removed; empty labels are rejected.
 *   <li>{@link IDN#toASCII(String, int)} with {@link IDN#USE_STD3_ASCII_RULES} (IDNA 2003 nameprep,
 *       which includes NFKC and case folding), then lower-casing, then a letters-digits-hyphens
 *       check with 63-char labels and 253-char names. <em>Decision:</em> names containing the IDNA
 *       "deviation" characters {@code ß} and {@code ς} are rejected, because IDNA 2003 (Java) and
 *       IDNA 2008 (browsers) map them to different hosts; underscores are rejected by the STD3 rules.
 *   <li>If the last label is a number (decimal, or {@code 0x} hex), the whole host must be an IPv4
 *       address in {@code inet_aton} form ({@code 2130706433}, {@code 0x7f.0.0.1},
 *       {@code 0177.0.0.1}, {@code 127.1}) and becomes dotted decimal, else it is rejected (as WHATWG
 *       does: {@code 1.2.3.256}); {@code 127.0.0.1.nip.io} stays a DNS name.
 *   <li>Bracketed hosts must be IPv6 (zone identifiers are rejected) and get the RFC 5952 form;
 *       IPv4-mapped addresses ({@code ::ffff:127.0.0.1}, {@code ::ffff:7f00:1}) become
 *       {@link HostKind#IPV4}.
 * </ol>
 *
 * <p>Left out: query and fragment are dropped, not returned; the path is not percent-decoded or
 * dot-resolved; deprecated IPv4-compatible ({@code ::a.b.c.d}) and NAT64 addresses stay IPv6.
 */
public final class UrlParser {

  private static final int MAX_LENGTH = 8192;
  private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*");
  private static final Pattern LEADING_SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):");
  private static final Pattern PORT_THEN_PATH = Pattern.compile("[0-9]+(/.*)?", Pattern.DOTALL);
  private static final Pattern LDH_NAME =
      Pattern.compile("[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*");
  private static final Set<String> SPECIAL = Set.of("http", "https", "ws", "wss", "ftp");
  private static final Set<String> OPAQUE =
      Set.of("mailto", "javascript", "data", "about", "blob", "tel", "urn", "vbscript", "file");
  private static final Map<String, Integer> DEFAULT_PORTS =
      Map.of("http", 80, "https", 443, "ws", 80, "wss", 443, "ftp", 21, "ssh", 22, "git", 9418);
  private static final String FORBIDDEN_HOST_CHARS = "#%/:<>?@[\\]^|\"'`{}*,;=!$&()+~";

  private UrlParser() {}

  /** A canonical host and its kind. */
  record Host(String name, HostKind kind) {}

  /**
   * Parses a URL, bare host, {@code host:port} or scp-like remote.
   *
   * @param raw the text, as an agent supplied it
   * @return the parsed URL with a canonical host
   * @throws InvalidUrlException if the text is not unambiguously one of the accepted forms
   */
  public static ParsedUrl parse(String raw) throws InvalidUrlException {
    if (raw == null || raw.isEmpty()) {
      throw new InvalidUrlException(raw == null ? "" : raw, "empty URL");
    }
    if (raw.length() > MAX_LENGTH) {
      throw new InvalidUrlException(raw.substring(0, 64) + "...", "URL too long");
    }
    checkCharacters(raw, raw);

    int separator = raw.indexOf("://");
    if (separator >= 0) {
      String scheme = raw.substring(0, separator);
      if (!SCHEME.matcher(scheme).matches()) {
        throw new InvalidUrlException(raw, "invalid scheme");
      }
      scheme = scheme.toLowerCase(Locale.ROOT);
      if (SPECIAL.contains(scheme)) {
        return parseAuthority(raw, scheme, skipSlashes(raw, separator + 1), true);
      }
      return parseAuthority(raw, scheme, raw.substring(separator + 3), false);
    }
    var leading = LEADING_SCHEME.matcher(raw);
    if (leading.find()) {
      String scheme = leading.group(1).toLowerCase(Locale.ROOT);
      if (SPECIAL.contains(scheme)) {
        return parseAuthority(raw, scheme, skipSlashes(raw, leading.end()), true);
      }
      if (OPAQUE.contains(scheme)) {
        throw new InvalidUrlException(raw, "URL without an authority");
      }
    }
    if (raw.startsWith("//")) {
      return parseAuthority(raw, "", raw.substring(2), false);
    }
    return parseSchemeless(raw);
  }

  private static String skipSlashes(String raw, int from) {
    int i = from;
    while (i < raw.length() && (raw.charAt(i) == '/' || raw.charAt(i) == '\\')) {
      i++;
    }
    return raw.substring(i);
  }

  /** Bare host, host:port, bare IPv6, or scp-like remote. */
  private static ParsedUrl parseSchemeless(String raw) throws InvalidUrlException {
    if (raw.startsWith("[")) {
      return parseAuthority(raw, "", raw, false);
    }
    int colon = raw.indexOf(':');
    int slash = raw.indexOf('/');
    if (colon >= 0 && raw.indexOf(':', colon + 1) >= 0 && slash < 0 && raw.indexOf('@') < 0) {
      Host host = ipv6Host(raw, raw);
      return new ParsedUrl(raw, "", host.name(), host.kind(), -1, "", false);
    }
    if (colon < 0 || (slash >= 0 && slash < colon)) {
      return parseAuthority(raw, "", raw, false);
    }
    if (PORT_THEN_PATH.matcher(raw.substring(colon + 1)).matches()) {
      return parseAuthority(raw, "", raw, false);
    }
    // scp-like: [user@]host:path
    String authority = raw.substring(0, colon);
    String path = raw.substring(colon + 1);
    int at = authority.lastIndexOf('@');
    String hostText = authority.substring(at + 1);
    if (authority.indexOf('\\') >= 0) {
      throw new InvalidUrlException(raw, "backslash in host");
    }
    Host host = canonicalHost(raw, hostText);
    return new ParsedUrl(raw, "ssh", host.name(), host.kind(), 22, path, at >= 0);
  }

  /**
   * Parses {@code authority[/path...]}, where {@code rest} starts right after the scheme's slashes.
   */
  private static ParsedUrl parseAuthority(String raw, String scheme, String rest, boolean special)
      throws InvalidUrlException {
    int end = rest.length();
    for (int i = 0; i < rest.length(); i++) {
      char c = rest.charAt(i);
      if (c == '/' || c == '?' || c == '#') {
        end = i;
        break;
      }
    }
    String authority = rest.substring(0, end);
    String tail = rest.substring(end);
    if (authority.indexOf('\\') >= 0) {
      // Browsers end the authority at a backslash (https://github.com\@evil.com is github.com); curl and
      // git do not, and take the host after the '@' (evil.com). Two readings: refuse both.
      throw new InvalidUrlException(raw, "backslash in authority (clients disagree where the host is)");
    }
    int at = authority.lastIndexOf('@');
    if (at >= 0 && authority.indexOf('@') != at) {
      // Browsers take the host after the last '@', curl after the first one.
      throw new InvalidUrlException(raw, "more than one '@' in authority (clients disagree where the host is)");
    }
    String hostPort = authority.substring(at + 1);

    @Nullable String portText;
    Host host;
    if (hostPort.startsWith("[")) {
      int close = hostPort.indexOf(']');
      if (close < 0) {
        throw new InvalidUrlException(raw, "unclosed '[' in host");
      }
      String after = hostPort.substring(close + 1);
      if (!after.isEmpty() && !after.startsWith(":")) {
        throw new InvalidUrlException(raw, "unexpected characters after ']'");
      }
      portText = after.isEmpty() ? null : after.substring(1);
      host = ipv6Host(raw, hostPort.substring(1, close));
    } else {
      int colon = hostPort.indexOf(':');
      if (colon >= 0 && hostPort.indexOf(':', colon + 1) >= 0) {
        throw new InvalidUrlException(raw, "IPv6 address without brackets");
      }
      String hostText = colon < 0 ? hostPort : hostPort.substring(0, colon);
      portText = colon < 0 ? null : hostPort.substring(colon + 1);
      host = canonicalHost(raw, hostText);
    }
    int port = parsePort(raw, portText, scheme);
    int queryOrFragment = indexOfAny(tail, "?#");
    String path = queryOrFragment < 0 ? tail : tail.substring(0, queryOrFragment);
    if (special) {
      path = path.replace('\\', '/');
      if (path.isEmpty()) {
        path = "/";
      }
    }
    return new ParsedUrl(raw, scheme, host.name(), host.kind(), port, path, at >= 0);
  }

  private static int parsePort(String raw, @Nullable String portText, String scheme)
      throws InvalidUrlException {
    if (portText == null || portText.isEmpty()) {
      return DEFAULT_PORTS.getOrDefault(scheme, -1);
    }
    if (!portText.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new InvalidUrlException(raw, "invalid port");
    }
    String digits = portText.replaceFirst("^0+(?=.)", "");
    if (digits.length() > 5 || Integer.parseInt(digits) > 65535) {
      throw new InvalidUrlException(raw, "port out of range");
    }
    return Integer.parseInt(digits);
  }

  // ---------------------------------------------------------------------------------------------
  // Hosts

  /**
   * Canonicalizes a non-bracketed host; see the class javadoc. Package-private for
   * {@link HostPattern}.
   */
  static Host canonicalHost(String raw, String text) throws InvalidUrlException {
    if (text.isEmpty()) {
      throw new InvalidUrlException(raw, "empty host");
    }
    String host = percentDecode(raw, text);
    checkCharacters(raw, host);
    for (int i = 0; i < host.length(); i++) {
      if (FORBIDDEN_HOST_CHARS.indexOf(host.charAt(i)) >= 0) {
        throw new InvalidUrlException(raw, "forbidden character '" + host.charAt(i) + "' in host");
      }
    }
    host = host.replace('\u3002', '.').replace('\uFF0E', '.').replace('\uFF61', '.');
    if (host.indexOf('\u00DF') >= 0 || host.indexOf('\u03C2') >= 0 || host.indexOf('\u1E9E') >= 0) {
      throw new InvalidUrlException(raw, "IDNA deviation character (ß or ς) in host");
    }
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    boolean emptyLabel =
        host.isEmpty() || host.startsWith(".") || host.endsWith(".") || host.contains("..");
    if (emptyLabel) {
      throw new InvalidUrlException(raw, "empty label in host");
    }
    String ascii;
    try {
      ascii = IDN.toASCII(host, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      throw new InvalidUrlException(raw, "invalid host name (" + e.getMessage() + ")");
    }
    if (ascii.endsWith(".")) {
      ascii = ascii.substring(0, ascii.length() - 1); // IDN may keep a mapped trailing dot
    }
    if (IpAddresses.endsInNumber(ascii)) {
      long ipv4 = IpAddresses.parseIpv4(ascii);
      if (ipv4 < 0) {
        throw new InvalidUrlException(raw, "invalid IPv4 address");
      }
      return new Host(IpAddresses.formatIpv4(ipv4), HostKind.IPV4);
    }
    if (ascii.length() > 253 || !LDH_NAME.matcher(ascii).matches()) {
      throw new InvalidUrlException(raw, "invalid host name");
    }
    for (String label : ascii.split("\\.")) {
      if (label.length() > 63) {
        throw new InvalidUrlException(raw, "host label longer than 63 characters");
      }
    }
    return new Host(ascii, HostKind.DNS);
  }

  /** Canonicalizes the text between brackets (or a bare IPv6 literal). */
  static Host ipv6Host(String raw, String text) throws InvalidUrlException {
    if (text.indexOf('%') >= 0) {
      throw new InvalidUrlException(raw, "IPv6 zone identifiers are not supported");
    }
    int[] groups = IpAddresses.parseIpv6(text);
    if (groups == null) {
      throw new InvalidUrlException(raw, "invalid IPv6 address");
    }
    if (IpAddresses.isIpv4Mapped(groups)) {
      return new Host(IpAddresses.formatIpv4(IpAddresses.embeddedIpv4(groups)), HostKind.IPV4);
    }
    return new Host(IpAddresses.formatIpv6(groups), HostKind.IPV6);
  }

  private static String percentDecode(String raw, String text) throws InvalidUrlException {
    String decoded = PercentEncoding.decodeOnce(text);
    if (decoded == null) {
      throw new InvalidUrlException(raw, "percent-encoded host is not UTF-8");
    }
    return decoded;
  }


  /** Rejects whitespace, control and invisible formatting characters, and lone surrogates. */
  private static void checkCharacters(String raw, String text) throws InvalidUrlException {
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      if (Character.isSurrogate((char) cp)) {
        throw new InvalidUrlException(raw, "unpaired surrogate");
      }
      int type = Character.getType(cp);
      if (Character.isISOControl(cp)
          || Character.isWhitespace(cp)
          || Character.isSpaceChar(cp)
          || type == Character.FORMAT
          || cp == 0x115F
          || cp == 0x1160
          || cp == 0x3164
          || cp == 0xFFA0
          || cp == 0x034F) {
        throw new InvalidUrlException(
            raw, String.format(Locale.ROOT, "whitespace or control character U+%04X", cp));
      }
      i += Character.charCount(cp);
    }
  }

  private static int indexOfAny(String s, String chars) {
    for (int i = 0; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }
}
