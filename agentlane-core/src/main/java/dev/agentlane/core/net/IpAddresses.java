package dev.agentlane.core.net;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Parsing and formatting of IPv4 and IPv6 addresses. Stateless and thread-safe; package-private.
 */
final class IpAddresses {

  private IpAddresses() {}

  /**
   * Whether the last dot-separated label of a host is a number, in which case WHATWG URL parsing
   * requires the whole host to be an IPv4 address.
   */
  static boolean endsInNumber(String host) {
    String last = host.substring(host.lastIndexOf('.') + 1);
    if (last.isEmpty()) {
      return false;
    }
    if (last.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return true;
    }
    return (last.startsWith("0x") || last.startsWith("0X"))
        && last.substring(2).chars().allMatch(c -> Character.digit(c, 16) >= 0);
  }

  /**
   * Parses an IPv4 address in any {@code inet_aton} form: one to four parts, each decimal, octal
   * (leading {@code 0}) or hexadecimal ({@code 0x}); the last part fills the remaining bytes.
   *
   * @return the address as an unsigned 32-bit value, or -1 if the text is not a valid address
   */
  static long parseIpv4(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length > 4) {
      return -1;
    }
    long result = 0;
    for (int i = 0; i < parts.length; i++) {
      long value = parseIpv4Part(parts[i]);
      boolean last = i == parts.length - 1;
      if (value < 0) {
        return -1;
      }
      if (!last) {
        if (value > 255) {
          return -1;
        }
        result = (result << 8) | value;
      } else {
        int remainingBytes = 4 - i;
        if (value >= (1L << (8 * remainingBytes))) {
          return -1;
        }
        result = (result << (8 * remainingBytes)) | value;
      }
    }
    return result;
  }

  private static long parseIpv4Part(String part) {
    if (part.isEmpty()) {
      return -1;
    }
    int radix = 10;
    String digits = part;
    if (part.startsWith("0x") || part.startsWith("0X")) {
      radix = 16;
      digits = part.substring(2);
      if (digits.isEmpty()) {
        return 0; // "0x" alone is zero, as in WHATWG and inet_aton
      }
    } else if (part.length() > 1 && part.startsWith("0")) {
      radix = 8;
      digits = part.substring(1);
    }
    long value = 0;
    for (int i = 0; i < digits.length(); i++) {
      int d = Character.digit(digits.charAt(i), radix);
      if (d < 0 || digits.charAt(i) > 'z') {
        return -1;
      }
      value = value * radix + d;
      if (value > 0xFFFF_FFFFL) {
        return -1;
      }
    }
    return value;
  }

  /** Dotted decimal form of an unsigned 32-bit address. */
  static String formatIpv4(long address) {
    return ((address >> 24) & 0xFF)
        + "."
        + ((address >> 16) & 0xFF)
        + "."
        + ((address >> 8) & 0xFF)
        + "."
        + (address & 0xFF);
  }

  /**
   * Parses the text of an IPv6 address (without brackets or zone), including {@code ::}
   * compression and a trailing dotted-decimal IPv4 part.
   *
   * @return the eight 16-bit groups, or {@code null} if the text is not a valid address
   */
  static int @Nullable [] parseIpv6(String text) {
    if (text.isEmpty() || text.indexOf('%') >= 0) {
      return null;
    }
    int doubleColon = text.indexOf("::");
    if (doubleColon >= 0 && text.indexOf("::", doubleColon + 1) >= 0) {
      return null;
    }
    String head = doubleColon >= 0 ? text.substring(0, doubleColon) : text;
    String tail = doubleColon >= 0 ? text.substring(doubleColon + 2) : "";
    int[] headGroups = parseGroups(head, doubleColon < 0);
    int[] tailGroups = parseGroups(tail, true);
    if (headGroups == null || tailGroups == null) {
      return null;
    }
    int total = headGroups.length + tailGroups.length;
    // As in WHATWG, "::" may stand for zero groups when eight are written out.
    if (doubleColon >= 0 ? total > 8 : total != 8) {
      return null;
    }
    int[] groups = new int[8];
    System.arraycopy(headGroups, 0, groups, 0, headGroups.length);
    System.arraycopy(tailGroups, 0, groups, 8 - tailGroups.length, tailGroups.length);
    return groups;
  }

  /** Colon-separated hex groups; a dotted IPv4 part is allowed last if {@code ipv4Allowed}. */
  private static int @Nullable [] parseGroups(String text, boolean ipv4Allowed) {
    if (text.isEmpty()) {
      return new int[0];
    }
    String[] parts = text.split(":", -1);
    int[] out = new int[parts.length * 2];
    int n = 0;
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      if (ipv4Allowed && i == parts.length - 1 && part.indexOf('.') >= 0) {
        long v4 = parseStrictDottedQuad(part);
        if (v4 < 0) {
          return null;
        }
        out[n++] = (int) (v4 >> 16);
        out[n++] = (int) (v4 & 0xFFFF);
        continue;
      }
      if (part.isEmpty() || part.length() > 4) {
        return null;
      }
      int value = 0;
      for (int j = 0; j < part.length(); j++) {
        int d = Character.digit(part.charAt(j), 16);
        if (d < 0 || part.charAt(j) > 'f') {
          return null;
        }
        value = value * 16 + d;
      }
      out[n++] = value;
    }
    return java.util.Arrays.copyOf(out, n);
  }

  /** Four decimal parts 0..255 without leading zeros, as IPv6 text requires. */
  private static long parseStrictDottedQuad(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      return -1;
    }
    long result = 0;
    for (String part : parts) {
      if (part.isEmpty()
          || part.length() > 3
          || (part.length() > 1 && part.charAt(0) == '0')
          || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return -1;
      }
      int value = Integer.parseInt(part);
      if (value > 255) {
        return -1;
      }
      result = (result << 8) | value;
    }
    return result;
  }

  /** Whether the groups are an IPv4-mapped address {@code ::ffff:a.b.c.d}. */
  static boolean isIpv4Mapped(int[] groups) {
    for (int i = 0; i < 5; i++) {
      if (groups[i] != 0) {
        return false;
      }
    }
    return groups[5] == 0xFFFF;
  }

  /** The IPv4 address embedded in the last 32 bits. */
  static long embeddedIpv4(int[] groups) {
    return ((long) groups[6] << 16) | groups[7];
  }

  /** RFC 5952 text: lower case, no leading zeros, the longest run of 2+ zero groups as "::". */
  static String formatIpv6(int[] groups) {
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      if (groups[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLength - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(groups[i]).toLowerCase(Locale.ROOT));
    }
    return sb.toString();
  }

  /** The 16 bytes of an address given as groups. */
  static byte[] toBytes(int[] groups) {
    byte[] out = new byte[16];
    for (int i = 0; i < 8; i++) {
      out[2 * i] = (byte) (groups[i] >> 8);
      out[2 * i + 1] = (byte) groups[i];
    }
    return out;
  }

  /** The 4 bytes of an IPv4 address. */
  static byte[] toBytes(long ipv4) {
    return new byte[] {(byte) (ipv4 >> 24), (byte) (ipv4 >> 16), (byte) (ipv4 >> 8), (byte) ipv4};
  }

  /** The IPv4-mapped IPv6 bytes {@code ::ffff:a.b.c.d}. */
  static byte[] mappedBytes(long ipv4) {
    byte[] out = new byte[16];
    out[10] = (byte) 0xFF;
    out[11] = (byte) 0xFF;
    System.arraycopy(toBytes(ipv4), 0, out, 12, 4);
    return out;
  }
}
