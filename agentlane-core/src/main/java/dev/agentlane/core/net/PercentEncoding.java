package dev.agentlane.core.net;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Percent-decoding (RFC 3986) to UTF-8 text, shared by URL parsing and path normalization.
 *
 * <p>Stateless and thread-safe.
 */
public final class PercentEncoding {
  private PercentEncoding() {}

  /**
   * Decodes every {@code %XX} escape once; a {@code %} not followed by two hex digits stays as it is.
   *
   * @return the decoded text, or {@code null} if the decoded bytes are not valid UTF-8 (overlong
   *     forms included)
   */
  public static @Nullable String decodeOnce(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    byte[] in = s.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[in.length];
    int n = 0;
    for (int i = 0; i < in.length; i++) {
      int hi = i + 2 < in.length ? Character.digit(in[i + 1], 16) : -1;
      int lo = i + 2 < in.length ? Character.digit(in[i + 2], 16) : -1;
      if (in[i] == '%' && hi >= 0 && lo >= 0) {
        out[n++] = (byte) (hi * 16 + lo);
        i += 2;
      } else {
        out[n++] = in[i];
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(out, 0, n))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
