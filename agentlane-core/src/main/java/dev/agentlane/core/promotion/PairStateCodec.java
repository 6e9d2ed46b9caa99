package dev.agentlane.core.promotion;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentlane.AgentKey;
import dev.agentlane.Lane;
import dev.agentlane.promotion.OutcomeCounts;
import dev.agentlane.promotion.PairState;
import dev.agentlane.promotion.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The JSON form of a {@link PairState}: one object, fields in a fixed order, nulls written out,
 * unknown fields an error. Format 1.
 *
 * <p>Thread-safe (stateless apart from Jackson's thread-safe mapper).
 */
final class PairStateCodec {
  static final int FORMAT = 1;
  private static final JsonMapper MAPPER = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();
  private static final Set<String> FIELDS = Set.of("format", "agent", "workflow", "version", "lane", "laneRank",
      "since", "changedBy", "changeNote", "halted", "haltReason", "haltedBy", "haltedAt", "clean",
      "changesRequested", "rejected", "rework", "reverts", "releaseCycles", "incidents", "stopConditionHits",
      "lastSevereIncidentAt", "promotions", "demotions");

  private PairStateCodec() {}

  static byte[] write(PairState s) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode o = f.objectNode();
    o.put("format", FORMAT);
    o.put("agent", s.key().agent());
    o.put("workflow", s.key().workflow());
    o.put("version", s.version());
    o.put("lane", s.lane().name());
    o.put("laneRank", s.lane().rank());
    o.put("since", s.since().toString());
    o.put("changedBy", s.changedBy());
    o.put("changeNote", s.changeNote());
    o.put("halted", s.halted());
    o.put("haltReason", s.haltReason());
    o.put("haltedBy", s.haltedBy());
    o.put("haltedAt", s.haltedAt() == null ? null : s.haltedAt().toString());
    OutcomeCounts c = s.counts();
    o.put("clean", c.clean());
    o.put("changesRequested", c.changesRequested());
    o.put("rejected", c.rejected());
    o.put("rework", c.rework());
    o.put("reverts", c.reverts());
    o.put("releaseCycles", c.releaseCycles());
    ObjectNode incidents = o.putObject("incidents");
    c.incidents().forEach((sev, n) -> incidents.put(sev.code(), n));
    ObjectNode hits = o.putObject("stopConditionHits");
    c.stopConditionHits().forEach(hits::put);
    o.put("lastSevereIncidentAt", s.lastSevereIncidentAt() == null ? null : s.lastSevereIncidentAt().toString());
    o.put("promotions", s.promotions());
    o.put("demotions", s.demotions());
    try {
      return (MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(o) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON tree", e);
    }
  }

  /**
   * Reads a state.
   *
   * @throws IllegalArgumentException saying what is wrong, if the bytes are not a valid state
   */
  static PairState read(byte[] bytes) {
    JsonNode o;
    try {
      o = MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getMessage(), e);
    }
    if (o == null || !o.isObject()) {
      throw new IllegalArgumentException("expected a JSON object");
    }
    for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!FIELDS.contains(name)) {
        throw new IllegalArgumentException("unknown field '" + name + "'");
      }
    }
    for (String name : FIELDS) {
      if (!o.has(name)) {
        throw new IllegalArgumentException("missing field '" + name + "'");
      }
    }
    long format = number(o, "format");
    if (format != FORMAT) {
      throw new IllegalArgumentException("format " + format + " is not supported (expected " + FORMAT + ")");
    }
    AgentKey key = AgentKey.of(text(o, "agent"), text(o, "workflow"));
    Lane lane = Lane.of(text(o, "lane"), Math.toIntExact(number(o, "laneRank")));
    Map<Severity, Long> incidents = new EnumMap<>(Severity.class);
    JsonNode inc = object(o, "incidents");
    for (Map.Entry<String, JsonNode> e : inc.properties()) {
      incidents.put(Severity.fromCode(e.getKey()), number(inc, e.getKey()));
    }
    Map<String, Long> hits = new TreeMap<>();
    JsonNode h = object(o, "stopConditionHits");
    for (Map.Entry<String, JsonNode> e : h.properties()) {
      hits.put(e.getKey(), number(h, e.getKey()));
    }
    OutcomeCounts counts = new OutcomeCounts(number(o, "clean"), number(o, "changesRequested"),
        number(o, "rejected"), number(o, "rework"), number(o, "reverts"), number(o, "releaseCycles"), incidents, hits);
    JsonNode halted = o.get("halted");
    if (!halted.isBoolean()) {
      throw new IllegalArgumentException("field 'halted' must be true or false");
    }
    return new PairState(key, number(o, "version"), lane, instant(o, "since"), optionalText(o, "changedBy"),
        optionalText(o, "changeNote"), halted.booleanValue(), optionalText(o, "haltReason"),
        optionalText(o, "haltedBy"), optionalInstant(o, "haltedAt"), counts, optionalInstant(o, "lastSevereIncidentAt"),
        number(o, "promotions"), number(o, "demotions"));
  }

  private static long number(JsonNode o, String name) {
    JsonNode n = o.get(name);
    if (n == null || !n.isIntegralNumber() || !n.canConvertToLong()) {
      throw new IllegalArgumentException("field '" + name + "' must be a whole number");
    }
    return n.longValue();
  }

  private static String text(JsonNode o, String name) {
    JsonNode n = o.get(name);
    if (n == null || !n.isTextual()) {
      throw new IllegalArgumentException("field '" + name + "' must be a string");
    }
    return n.textValue();
  }

  private static @Nullable String optionalText(JsonNode o, String name) {
    JsonNode n = o.get(name);
    return n == null || n.isNull() ? null : text(o, name);
  }

  private static Instant instant(JsonNode o, String name) {
    try {
      return Instant.parse(text(o, name));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("field '" + name + "' must be an ISO-8601 instant", e);
    }
  }

  private static @Nullable Instant optionalInstant(JsonNode o, String name) {
    JsonNode n = o.get(name);
    return n == null || n.isNull() ? null : instant(o, name);
  }

  private static JsonNode object(JsonNode o, String name) {
    JsonNode n = o.get(name);
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException("field '" + name + "' must be an object");
    }
    return n;
  }
}
