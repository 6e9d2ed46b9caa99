package dev.agentlane;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The structured arguments of a tool call, as JSON text or as a tree of plain Java values.
 *
 * <p>Immutable. The engine reads arguments by JSON pointer ({@code /path}, {@code /options/target}),
 * never by matching text over the whole document. JSON text is parsed strictly by the engine when it
 * decides: malformed JSON, duplicate keys or excessive nesting make the decision
 * {@code DENY (invalid-action)}; constructing a {@code Json} value never throws for bad content.
 */
public sealed interface ToolArguments {

  /** Arguments as JSON text, exactly as the model produced them. */
  record Json(String text) implements ToolArguments {
    /** Checks for null. */
    public Json {
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * Arguments as a tree of {@code Map<String, ?>}, {@code List<?>}, {@code String}, {@code Number},
   * {@code Boolean} and {@code null}, deep-copied into unmodifiable collections.
   */
  record Structured(Map<String, Object> values) implements ToolArguments {
    /**
     * Deep-copies {@code values}.
     *
     * @throws IllegalArgumentException if a value is of another type or the tree is nested deeper
     *     than 64 levels
     */
    public Structured {
      Objects.requireNonNull(values, "values");
      values = copyMap(values, 0);
    }

    @SuppressWarnings("unchecked")
    private static Object copy(Object value, int depth) {
      if (depth > 64) {
        throw new IllegalArgumentException("tool arguments are nested deeper than 64 levels");
      }
      if (value == null) {
        return Null.INSTANCE;
      }
      if (value instanceof String || value instanceof Boolean || value instanceof Integer
          || value instanceof Long || value instanceof Double || value instanceof Float
          || value instanceof Short || value instanceof Byte || value instanceof BigDecimal
          || value instanceof BigInteger) {
        return value;
      }
      if (value instanceof Map<?, ?> map) {
        return copyMap((Map<String, Object>) map, depth + 1);
      }
      if (value instanceof List<?> list) {
        List<Object> out = new ArrayList<>(list.size());
        for (Object item : list) {
          out.add(copy(item, depth + 1));
        }
        return Collections.unmodifiableList(out);
      }
      throw new IllegalArgumentException("tool argument values must be maps, lists, strings, numbers, "
          + "booleans or null, but found a " + value.getClass().getName());
    }

    private static Map<String, Object> copyMap(Map<?, ?> map, int depth) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!(e.getKey() instanceof String key)) {
          throw new IllegalArgumentException("tool argument keys must be strings but found "
              + (e.getKey() == null ? "null" : e.getKey().getClass().getName()));
        }
        out.put(key, copy(e.getValue(), depth));
      }
      return Collections.unmodifiableMap(out);
    }
  }

  /** JSON {@code null} inside {@link Structured} values (unmodifiable collections reject null). */
  enum Null {
    /** The only instance. */
    INSTANCE
  }

  /** No arguments: an empty JSON object. */
  static ToolArguments none() {
    return new Structured(Map.of());
  }

  /** Arguments as JSON text; parsed and validated by the engine when it decides. */
  static ToolArguments json(String text) {
    return new Json(text);
  }

  /** Arguments as plain Java values; see {@link Structured}. */
  static ToolArguments of(Map<String, ?> values) {
    @SuppressWarnings("unchecked")
    Map<String, Object> cast = (Map<String, Object>) values;
    return new Structured(cast);
  }
}
