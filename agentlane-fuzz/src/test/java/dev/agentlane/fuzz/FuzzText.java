package dev.agentlane.fuzz;

/**
 * Turns fuzzer bytes into the Java strings the code under test receives.
 *
 * <p>Stateless; thread-safe.
 *
 * <p>Bytes are read as WTF-8: UTF-8, except that the three-byte forms of surrogate code units
 * ({@code ED A0 80} to {@code ED BF BF}) become lone surrogates instead of replacement characters.
 * Agents hand their arguments over as JSON, and JSON's {@code \ud800} escapes reach the engine as lone
 * surrogates, so the targets must see them too; every other malformed byte becomes U+FFFD. A seed file
 * that is plain UTF-8 text reads as exactly that text, so seeds stay readable.
 */
final class FuzzText {
  private FuzzText() {}

  /** The WTF-8 reading of {@code bytes}; see the class javadoc. */
  static String of(byte[] bytes) {
    StringBuilder sb = new StringBuilder(bytes.length);
    int i = 0;
    while (i < bytes.length) {
      int b = bytes[i] & 0xFF;
      if (b < 0x80) {
        sb.append((char) b);
        i++;
        continue;
      }
      int length;
      int cp;
      int min;
      if (b >= 0xC2 && b <= 0xDF) {
        length = 2;
        cp = b & 0x1F;
        min = 0x80;
      } else if (b >= 0xE0 && b <= 0xEF) {
        length = 3;
        cp = b & 0x0F;
        min = 0x800;
      } else if (b >= 0xF0 && b <= 0xF4) {
        length = 4;
        cp = b & 0x07;
        min = 0x10000;
      } else {
        sb.append('\uFFFD');
        i++;
        continue;
      }
      if (i + length > bytes.length) {
        sb.append('\uFFFD');
        i++;
        continue;
      }
      boolean ok = true;
      for (int k = 1; k < length; k++) {
        int c = bytes[i + k] & 0xFF;
        if ((c & 0xC0) != 0x80) {
          ok = false;
          break;
        }
        cp = (cp << 6) | (c & 0x3F);
      }
      if (!ok || cp < min || cp > 0x10FFFF) {
        sb.append('\uFFFD');
        i++;
        continue;
      }
      sb.appendCodePoint(cp); // a surrogate code point appends one lone surrogate char
      i += length;
    }
    return sb.toString();
  }

  /** {@code text} without any of the characters in {@code chars}. */
  static String without(String text, String chars) {
    StringBuilder sb = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (chars.indexOf(c) < 0) {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** A stable, well-mixed hash of the input, to pick variants deterministically (a crash replays). */
  static int mix(byte[] bytes) {
    int h = 0x9E3779B9;
    for (byte b : bytes) {
      h = (h ^ (b & 0xFF)) * 0x01000193;
    }
    return h ^ (h >>> 16);
  }
}
