package dev.agentlane.core.engine;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.agentlane.ToolArguments;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Reads {@link ToolArguments} as a tree of plain Java values, strictly: duplicate keys, trailing
 * content, documents over {@value #MAX_DOCUMENT_CHARS} characters and nesting deeper than
 * {@value #MAX_DEPTH} are errors. Also writes the canonical form used for action digests.
 *
 * <p>The tree is what {@link ToolArguments.Structured} holds: {@code Map<String, Object>} for objects,
 * {@code List<Object>} for arrays, {@code String}, {@code Boolean}, the {@code Number} types that
 * {@code Structured} accepts, and {@code null} or {@link ToolArguments.Null#INSTANCE} for JSON null.
 * Structured arguments are used as they are (no copy); JSON text is parsed into that form: integers as
 * {@code Integer}, {@code Long} or {@code BigInteger} by size, numbers with a fraction or exponent as
 * {@code BigDecimal} without trailing zeros (as Jackson's tree model reads them). Reading by JSON pointer, listing string leaves and the
 * canonical form treat both alike.
 *
 * <p>Thread-safe (stateless; the mapper is immutable once configured).
 */
public final class Arguments {
  /** Largest JSON argument document accepted, in characters. */
  public static final int MAX_DOCUMENT_CHARS = 1 << 20;
  /** Deepest nesting accepted. */
  public static final int MAX_DEPTH = 64;

  /** What {@link #at} returns when the pointer names nothing. */
  public static final Object MISSING = new Object() {
    @Override
    public String toString() {
      return "missing";
    }
  };

  static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder()
              .maxNestingDepth(MAX_DEPTH)
              .maxStringLength(MAX_DOCUMENT_CHARS)
              .maxNumberLength(200)
              .build())
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
   * The arguments as a tree of Java values (see the class javadoc); the top level is an object.
   *
   * @throws MalformedArgumentsException if the JSON is malformed, not an object, or over the limits
   */
  public static Map<String, Object> values(ToolArguments arguments) throws MalformedArgumentsException {
    if (arguments instanceof ToolArguments.Structured s) {
      return s.values();
    }
    String text = ((ToolArguments.Json) arguments).text();
    if (text.length() > MAX_DOCUMENT_CHARS) {
      throw new MalformedArgumentsException("arguments are " + text.length() + " characters long; at most "
          + MAX_DOCUMENT_CHARS + " are accepted");
    }
    if (text.isBlank()) {
      return Map.of();
    }
    Object value;
    try (JsonParser parser = MAPPER.createParser(text)) {
      JsonToken first = parser.nextToken();
      value = first == null ? MISSING : read(parser, first);
      if (parser.nextToken() != null) {
        throw new MalformedArgumentsException("arguments have content after the JSON value");
      }
    } catch (IOException e) {
      String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      int nl = msg.indexOf('\n');
      throw new MalformedArgumentsException("arguments are not valid JSON: " + (nl > 0 ? msg.substring(0, nl) : msg));
    }
    if (!(value instanceof Map)) {
      throw new MalformedArgumentsException("arguments must be a JSON object but were "
          + (value == MISSING ? "empty" : typeName(value)));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) value;
    return map;
  }

  /**
   * Reads the value that starts with {@code token}; the parser enforces depth and lengths, and a name
   * that occurs twice in one object is refused here (the map is built anyway, so this costs one lookup;
   * Jackson's own detector would allocate a set per object).
   */
  private static @Nullable Object read(JsonParser parser, JsonToken token) throws IOException {
    switch (token) {
      case START_OBJECT -> {
        Map<String, Object> map = new LinkedHashMap<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
          String name = parser.currentName();
          if (map.containsKey(name)) {
            throw new JsonParseException(parser, "Duplicate field '" + name + "'");
          }
          map.put(name, read(parser, parser.nextToken()));
        }
        return map;
      }
      case START_ARRAY -> {
        List<Object> list = new ArrayList<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
          list.add(read(parser, t));
        }
        return list;
      }
      case VALUE_STRING -> {
        return parser.getText();
      }
      case VALUE_NUMBER_INT -> {
        return switch (parser.getNumberType()) {
          case INT -> parser.getIntValue();
          case LONG -> parser.getLongValue();
          default -> parser.getBigIntegerValue();
        };
      }
      case VALUE_NUMBER_FLOAT -> {
        // As Jackson's tree model reads it: trailing zeros stripped (1.50 is 1.5, 0.0 is 0, 1e3 is 1E+3).
        BigDecimal d = parser.getDecimalValue();
        try {
          return d.stripTrailingZeros();
        } catch (ArithmeticException e) {
          return d;
        }
      }
      case VALUE_TRUE -> {
        return Boolean.TRUE;
      }
      case VALUE_FALSE -> {
        return Boolean.FALSE;
      }
      case VALUE_NULL -> {
        return null;
      }
      default -> throw new JsonParseException(parser, "unexpected token " + token);
    }
  }

  /** Whether a value is JSON null. */
  public static boolean isNull(@Nullable Object value) {
    return value == null || value == ToolArguments.Null.INSTANCE;
  }

  /** The JSON type of a value, in lower case: object, array, string, number, boolean, null (or missing). */
  public static String typeName(@Nullable Object value) {
    if (value == MISSING) {
      return "missing";
    } else if (isNull(value)) {
      return "null";
    } else if (value instanceof Map) {
      return "object";
    } else if (value instanceof List) {
      return "array";
    } else if (value instanceof String) {
      return "string";
    } else if (value instanceof Boolean) {
      return "boolean";
    }
    return "number";
  }

  /**
   * The value a JSON pointer names, or {@link #MISSING}: an object member by name, an array element by
   * index, as {@code JsonNode.at} reads it.
   */
  public static @Nullable Object at(@Nullable Object root, JsonPointer pointer) {
    Object node = root;
    for (JsonPointer p = pointer; !p.matches(); p = p.tail()) {
      if (node instanceof Map<?, ?> map) {
        String name = p.getMatchingProperty();
        Object v = map.get(name);
        if (v == null && !map.containsKey(name)) {
          return MISSING;
        }
        node = v;
      } else if (node instanceof List<?> list) {
        int index = p.getMatchingIndex();
        if (index < 0 || index >= list.size()) {
          return MISSING;
        }
        node = list.get(index);
      } else {
        return MISSING;
      }
    }
    return node;
  }

  /** Calls {@code strings} with every string of the tree, object keys and string values, depth first. */
  public static void walk(@Nullable Object node, Consumer<String> strings) {
    if (node instanceof String s) {
      strings.accept(s);
    } else if (node instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> field : map.entrySet()) {
        strings.accept((String) field.getKey());
        walk(field.getValue(), strings);
      }
    } else if (node instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        walk(list.get(i), strings);
      }
    }
  }

  /**
   * Checks that every number of a tree has a decimal value: a {@code Double} or {@code Float} that is NaN
   * or infinite has none.
   *
   * @throws NumberFormatException for a number without a decimal value
   */
  public static void checkNumbers(@Nullable Object node) {
    if (node instanceof Map<?, ?> map) {
      map.forEach((k, v) -> checkNumbers(v)); // forEach: no iterator or entry wrappers for unmodifiable maps
    } else if (node instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        checkNumbers(list.get(i));
      }
    } else if ((node instanceof Double || node instanceof Float) && !Double.isFinite(((Number) node).doubleValue())) {
      decimal((Number) node); // throws, as building the canonical form would
    }
  }

  /** Every string of the tree, object keys and string values, depth first. */
  public static List<String> stringLeaves(@Nullable Object node) {
    List<String> out = new ArrayList<>();
    walk(node, out::add);
    return out;
  }

  /** The exact decimal value of a number, as the canonical form writes it. */
  static BigDecimal decimal(Number n) {
    if (n instanceof BigDecimal bd) {
      return bd;
    } else if (n instanceof BigInteger bi) {
      return new BigDecimal(bi);
    } else if (n instanceof Double || n instanceof Float) {
      return new BigDecimal(n.toString());
    }
    return BigDecimal.valueOf(n.longValue());
  }

  /** Numbers whose plain form would be longer than this many digits around the point are written with an exponent. */
  static final int MAX_PLAIN_SCALE = 1000;

  /**
   * A number in canonical form: without trailing zeros, in plain notation ({@code 1500}, {@code 0.25}), or,
   * when that would take more than {@value #MAX_PLAIN_SCALE} zeros ({@code 1e999999999}, a short JSON
   * number whose plain form is a gigabyte), as its digits and an exponent ({@code 1e999999999}). Plain
   * forms never contain {@code e}, so the two forms cannot name the same text.
   */
  static String canonicalNumber(Number n) {
    BigDecimal d = decimal(n).stripTrailingZeros();
    if (Math.abs((long) d.scale()) <= MAX_PLAIN_SCALE) {
      return d.toPlainString();
    }
    return d.unscaledValue() + "e" + (-(long) d.scale());
  }

  /**
   * The text of a scalar, as {@code JsonNode.asText} gives it: a string as it is, a number in its
   * decimal form ({@code BigDecimal.toString} for numbers with a fraction), {@code true}, {@code false},
   * {@code null}.
   */
  public static String text(@Nullable Object scalar) {
    if (scalar instanceof String s) {
      return s;
    } else if (isNull(scalar)) {
      return "null";
    } else if (scalar instanceof Boolean b) {
      return b.toString();
    } else if (scalar instanceof Double || scalar instanceof Float || scalar instanceof BigDecimal) {
      return decimal((Number) scalar).toString();
    }
    return scalar.toString();
  }

  /**
   * The canonical JSON text of a tree: object keys sorted, no insignificant whitespace, numbers in
   * their plain form. Two argument documents with the same content have the same canonical form.
   */
  public static String canonical(@Nullable Object node) {
    StringBuilder sb = new StringBuilder();
    writeCanonical(node, sb);
    return sb.toString();
  }

  private static void writeCanonical(@Nullable Object node, StringBuilder sb) {
    if (node instanceof Map<?, ?> map) {
      List<String> names = new ArrayList<>(map.size());
      for (Object k : map.keySet()) {
        names.add((String) k);
      }
      Collections.sort(names);
      sb.append('{');
      for (int i = 0; i < names.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        quote(names.get(i), sb);
        sb.append(':');
        writeCanonical(map.get(names.get(i)), sb);
      }
      sb.append('}');
    } else if (node instanceof List<?> list) {
      sb.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        writeCanonical(list.get(i), sb);
      }
      sb.append(']');
    } else if (node instanceof String s) {
      quote(s, sb);
    } else if (node instanceof Number n) {
      sb.append(canonicalNumber(n));
    } else {
      sb.append(text(node));
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
