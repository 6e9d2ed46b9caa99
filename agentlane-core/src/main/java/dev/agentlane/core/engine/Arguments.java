package dev.agentlane.core.engine;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentlane.ToolArguments;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Turns {@link ToolArguments} into a JSON tree, strictly: duplicate keys, trailing content,
 * documents over {@value #MAX_DOCUMENT_CHARS} characters and nesting deeper than
 * {@value #MAX_DEPTH} are errors. Also writes the canonical form used for action digests.
 *
 * <p>Thread-safe (stateless; the mapper is immutable once configured).
 */
public final class Arguments {
  /** Largest JSON argument document accepted, in characters. */
  public static final int MAX_DOCUMENT_CHARS = 1 << 20;
  /** Deepest nesting accepted. */
  public static final int MAX_DEPTH = 64;

  static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder()
              .maxNestingDepth(MAX_DEPTH)
              .maxStringLength(MAX_DOCUMENT_CHARS)
              .maxNumberLength(200)
              .build())
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build())
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .build();

  private Arguments() {}

  /** Why arguments are malformed. */
  public static final class MalformedArgumentsException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedArgumentsException(String message) {
      super(message);
    }
  }

  /**
   * The arguments as a JSON object tree.
   *
   * @throws MalformedArgumentsException if the JSON is malformed, not an object, or over the limits
   */
  public static ObjectNode tree(ToolArguments arguments) throws MalformedArgumentsException {
    if (arguments instanceof ToolArguments.Structured s) {
      return (ObjectNode) fromJava(s.values());
    }
    String text = ((ToolArguments.Json) arguments).text();
    if (text.length() > MAX_DOCUMENT_CHARS) {
      throw new MalformedArgumentsException("arguments are " + text.length() + " characters long; at most "
          + MAX_DOCUMENT_CHARS + " are accepted");
    }
    if (text.isBlank()) {
      return JsonNodeFactory.instance.objectNode();
    }
    JsonNode node;
    try (JsonParser parser = MAPPER.createParser(text)) {
      node = MAPPER.readTree(parser);
      if (parser.nextToken() != null) {
        throw new MalformedArgumentsException("arguments have content after the JSON value");
      }
    } catch (IOException e) {
      String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      int nl = msg.indexOf('\n');
      throw new MalformedArgumentsException("arguments are not valid JSON: " + (nl > 0 ? msg.substring(0, nl) : msg));
    }
    if (node == null || !node.isObject()) {
      throw new MalformedArgumentsException("arguments must be a JSON object but were "
          + (node == null ? "empty" : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
    }
    return (ObjectNode) node;
  }

  private static JsonNode fromJava(Object value) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (value instanceof Map<?, ?> map) {
      ObjectNode o = f.objectNode();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        o.set((String) e.getKey(), fromJava(e.getValue()));
      }
      return o;
    }
    if (value instanceof List<?> list) {
      ArrayNode a = f.arrayNode();
      for (Object item : list) {
        a.add(fromJava(item));
      }
      return a;
    }
    if (value instanceof String s) {
      return f.textNode(s);
    }
    if (value instanceof Boolean b) {
      return f.booleanNode(b);
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return f.numberNode(((Number) value).intValue());
    }
    if (value instanceof Long l) {
      return f.numberNode(l);
    }
    if (value instanceof BigInteger bi) {
      return f.numberNode(bi);
    }
    if (value instanceof BigDecimal bd) {
      return f.numberNode(bd);
    }
    if (value instanceof Double || value instanceof Float) {
      return f.numberNode(new BigDecimal(value.toString()));
    }
    return f.nullNode();
  }

  /** Every string of the tree, object keys and string values, depth first. */
  public static List<String> stringLeaves(JsonNode node) {
    List<String> out = new ArrayList<>();
    collect(node, out);
    return out;
  }

  private static void collect(JsonNode node, List<String> out) {
    if (node.isTextual()) {
      out.add(node.textValue());
    } else if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        out.add(field.getKey());
        collect(field.getValue(), out);
      }
    } else if (node.isArray()) {
      for (JsonNode child : node) {
        collect(child, out);
      }
    }
  }

  /**
   * The canonical JSON text of a tree: object keys sorted, no insignificant whitespace, numbers in
   * their plain form. Two argument documents with the same content have the same canonical form.
   */
  public static String canonical(JsonNode node) {
    StringBuilder sb = new StringBuilder();
    writeCanonical(node, sb);
    return sb.toString();
  }

  private static void writeCanonical(JsonNode node, StringBuilder sb) {
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        names.add(it.next());
      }
      Collections.sort(names);
      sb.append('{');
      for (int i = 0; i < names.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        quote(names.get(i), sb);
        sb.append(':');
        writeCanonical(node.get(names.get(i)), sb);
      }
      sb.append('}');
    } else if (node.isArray()) {
      sb.append('[');
      for (int i = 0; i < node.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        writeCanonical(node.get(i), sb);
      }
      sb.append(']');
    } else if (node.isTextual()) {
      quote(node.textValue(), sb);
    } else if (node.isNumber()) {
      sb.append(node.decimalValue().stripTrailingZeros().toPlainString());
    } else {
      sb.append(node.asText());
    }
  }

  static void quote(String s, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
