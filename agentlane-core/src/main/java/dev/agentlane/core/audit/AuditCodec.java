package dev.agentlane.core.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.agentlane.AuditEntry;
import dev.agentlane.AuditRecord;
import dev.agentlane.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The file format: one JSON object per line, fields in a fixed order, nulls written out, no spaces,
 * UTF-8. The <em>canonical form</em> of a record is that object without {@code hash}; {@code hash} is
 * SHA-256 over the canonical form's bytes followed by the ASCII of {@code previousHash}, and the line
 * is the canonical form with {@code ,"hash":"…"} added before the closing brace.
 *
 * <p>Thread-safe (stateless apart from Jackson's thread-safe factories).
 */
final class AuditCodec {
  static final List<String> FIELDS = List.of("seq", "time", "kind", "agent", "workflow", "actionDigest", "verdict",
      "reasonCodes", "ruleIds", "lane", "policyVersion", "approver", "detail", "previousHash", "hash");
  private static final Set<String> FIELD_SET = Set.copyOf(FIELDS);
  private static final JsonFactory FACTORY = JsonFactory.builder().build();
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private AuditCodec() {}

  /** A record and its line (with the trailing newline). */
  record Encoded(AuditRecord record, byte[] line) {}

  /** A line that is not a well-formed record. */
  static final class MalformedRecordException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedRecordException(String message) {
      super(message);
    }
  }

  /** A parsed line: the record, whether its stored hash matches its content, and whether the line is canonical. */
  record Decoded(AuditRecord record, String computedHash, boolean canonical) {
    boolean hashMatches() {
      return computedHash.equals(record.hash());
    }
  }

  static Encoded encode(long seq, AuditEntry e, String previousHash) {
    byte[] canonical = canonical(seq, e.time(), e.kind(), e.agent(), e.workflow(), e.actionDigest(), e.verdict(),
        e.reasonCodes(), e.ruleIds(), e.lane(), e.policyVersion(), e.approver(), e.detail(), previousHash);
    String hash = hash(canonical, previousHash);
    return new Encoded(AuditRecord.of(seq, e, previousHash, hash), line(canonical, hash));
  }

  static Decoded decode(byte[] line) throws MalformedRecordException {
    JsonNode node;
    try {
      node = MAPPER.readTree(line);
    } catch (IOException e) {
      throw new MalformedRecordException("not valid JSON: " + firstLine(e.getMessage()));
    }
    if (node == null || !node.isObject()) {
      throw new MalformedRecordException("not a JSON object");
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!FIELD_SET.contains(name)) {
        throw new MalformedRecordException("unknown field '" + name + "'");
      }
    }
    for (String f : FIELDS) {
      if (!node.has(f)) {
        throw new MalformedRecordException("missing field '" + f + "'");
      }
    }
    AuditRecord r;
    try {
      JsonNode seq = node.get("seq");
      if (!seq.isIntegralNumber() || !seq.canConvertToLong()) {
        throw new MalformedRecordException("seq is not an integer");
      }
      String verdict = optText(node, "verdict");
      r = new AuditRecord(seq.longValue(), Instant.parse(text(node, "time")),
          AuditRecord.Kind.ofCode(text(node, "kind")), optText(node, "agent"), optText(node, "workflow"),
          optText(node, "actionDigest"), verdict == null ? null : Verdict.ofCode(verdict), texts(node, "reasonCodes"),
          texts(node, "ruleIds"), optText(node, "lane"), text(node, "policyVersion"), optText(node, "approver"),
          text(node, "detail"), text(node, "previousHash"), text(node, "hash"));
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw new MalformedRecordException(e.getMessage());
    }
    byte[] canonical = canonical(r.seq(), r.time(), r.kind(), r.agent(), r.workflow(), r.actionDigest(), r.verdict(),
        r.reasonCodes(), r.ruleIds(), r.lane(), r.policyVersion(), r.approver(), r.detail(), r.previousHash());
    String computed = hash(canonical, r.previousHash());
    byte[] expected = line(canonical, r.hash());
    boolean isCanonical = Arrays.equals(expected, 0, expected.length - 1, line, 0, line.length);
    return new Decoded(r, computed, isCanonical);
  }

  private static String text(JsonNode node, String field) throws MalformedRecordException {
    JsonNode v = node.get(field);
    if (!v.isTextual()) {
      throw new MalformedRecordException(field + " is not a string");
    }
    return v.textValue();
  }

  private static @Nullable String optText(JsonNode node, String field) throws MalformedRecordException {
    return node.get(field).isNull() ? null : text(node, field);
  }

  private static List<String> texts(JsonNode node, String field) throws MalformedRecordException {
    JsonNode v = node.get(field);
    if (!v.isArray()) {
      throw new MalformedRecordException(field + " is not an array");
    }
    List<String> out = new ArrayList<>(v.size());
    for (JsonNode e : v) {
      if (!e.isTextual()) {
        throw new MalformedRecordException(field + " holds a value that is not a string");
      }
      out.add(e.textValue());
    }
    return out;
  }

  private static byte[] canonical(long seq, Instant time, AuditRecord.Kind kind, @Nullable String agent,
      @Nullable String workflow, @Nullable String actionDigest, @Nullable Verdict verdict, List<String> reasonCodes,
      List<String> ruleIds, @Nullable String lane, String policyVersion, @Nullable String approver, String detail,
      String previousHash) {
    ByteArrayBuilder out = new ByteArrayBuilder(512);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("seq", seq);
      g.writeStringField("time", time.toString());
      g.writeStringField("kind", kind.code());
      g.writeStringField("agent", agent);
      g.writeStringField("workflow", workflow);
      g.writeStringField("actionDigest", actionDigest);
      g.writeStringField("verdict", verdict == null ? null : verdict.code());
      writeArray(g, "reasonCodes", reasonCodes);
      writeArray(g, "ruleIds", ruleIds);
      g.writeStringField("lane", lane);
      g.writeStringField("policyVersion", policyVersion);
      g.writeStringField("approver", approver);
      g.writeStringField("detail", detail);
      g.writeStringField("previousHash", previousHash);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot happen: writing to memory", e);
    }
    return out.toByteArray();
  }

  private static void writeArray(JsonGenerator g, String name, List<String> values) throws IOException {
    g.writeArrayFieldStart(name);
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }

  private static String hash(byte[] canonical, String previousHash) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
    sha.update(canonical);
    sha.update(previousHash.getBytes(StandardCharsets.US_ASCII));
    byte[] d = sha.digest();
    byte[] hex = new byte[64];
    for (int i = 0; i < d.length; i++) {
      hex[2 * i] = HEX[(d[i] >> 4) & 0xf];
      hex[2 * i + 1] = HEX[d[i] & 0xf];
    }
    return new String(hex, StandardCharsets.US_ASCII);
  }

  /** The canonical form with the hash inserted before the closing brace, and a newline. */
  private static byte[] line(byte[] canonical, String hash) {
    byte[] tail = (",\"hash\":\"" + hash + "\"}\n").getBytes(StandardCharsets.US_ASCII);
    byte[] line = Arrays.copyOf(canonical, canonical.length - 1 + tail.length);
    System.arraycopy(tail, 0, line, canonical.length - 1, tail.length);
    return line;
  }

  private static String firstLine(@Nullable String message) {
    if (message == null) {
      return "";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
