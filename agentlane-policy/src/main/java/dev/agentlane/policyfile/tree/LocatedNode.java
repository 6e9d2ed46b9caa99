package dev.agentlane.policyfile.tree;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A YAML or JSON value together with where it is in the document, as read by {@link LocatedYaml}: enough
 * to report any problem with it as {@code file:line:column}.
 *
 * <p>Every implementation is an immutable record (its collections are unmodifiable copies), so a tree is
 * safe to share between threads.
 *
 * <p>{@link #path()} names the value's place in the document: {@code ""} for the root, {@code key} or
 * {@code parent.key} inside a mapping and {@code parent[2]} inside a list, such as
 * {@code stop-conditions[2].globs}.
 */
public sealed interface LocatedNode permits LocatedNode.MapNode, LocatedNode.ListNode, LocatedNode.Scalar {
  /** 1-based line where the value starts. */
  int line();

  /** 1-based column where the value starts. */
  int column();

  /** Where in the document, such as {@code stop-conditions[2].globs}; {@code ""} for the root. */
  String path();

  /**
   * A few words for the kind of value, to finish "expected a list but found ...": {@code a mapping},
   * {@code a list}, {@code the string 'x'}, {@code a number (5)}, {@code a boolean (true)} or {@code null}.
   */
  String describe();

  /**
   * The value as plain Java: a mapping is an insertion-ordered {@code Map<String, Object>}, a list a
   * {@code List<Object>}, a scalar its {@link Scalar#value()}. The collections are unmodifiable and may
   * hold {@code null} for YAML nulls. The shape tool arguments and JSON libraries expect.
   */
  @Nullable Object toJava();

  /**
   * A mapping; keys keep their document order and their own locations.
   *
   * @param line 1-based line of the mapping
   * @param column 1-based column of the mapping
   * @param path where in the document
   * @param entries key to entry, in document order
   */
  record MapNode(int line, int column, String path, Map<String, Entry> entries) implements LocatedNode {
    /** Checks for null and copies {@code entries}, keeping their order. */
    public MapNode {
      Objects.requireNonNull(path, "path");
      entries.forEach((k, e) -> {
        Objects.requireNonNull(k, "key");
        Objects.requireNonNull(e, "entry");
      });
      entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    /** The value under {@code key}, or {@code null} if the mapping has no such key. */
    public @Nullable LocatedNode get(String key) {
      Objects.requireNonNull(key, "key");
      Entry e = entries.get(key);
      return e == null ? null : e.value();
    }

    @Override
    public String describe() {
      return "a mapping";
    }

    @Override
    public Map<String, @Nullable Object> toJava() {
      Map<String, @Nullable Object> out = new LinkedHashMap<>();
      entries.forEach((k, e) -> out.put(k, e.value().toJava()));
      return Collections.unmodifiableMap(out);
    }
  }

  /**
   * A key of a mapping, where the key is, and its value.
   *
   * @param key the key
   * @param line 1-based line of the key
   * @param column 1-based column of the key
   * @param value the value
   */
  record Entry(String key, int line, int column, LocatedNode value) {
    /** Checks for null. */
    public Entry {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * A list.
   *
   * @param line 1-based line of the list
   * @param column 1-based column of the list
   * @param path where in the document
   * @param items the items, in document order
   */
  record ListNode(int line, int column, String path, List<LocatedNode> items) implements LocatedNode {
    /** Checks for null and copies {@code items}. */
    public ListNode {
      Objects.requireNonNull(path, "path");
      items = List.copyOf(items);
    }

    @Override
    public String describe() {
      return "a list";
    }

    @Override
    public List<@Nullable Object> toJava() {
      List<@Nullable Object> out = new ArrayList<>(items.size());
      items.forEach(i -> out.add(i.toJava()));
      return Collections.unmodifiableList(out);
    }
  }

  /**
   * A scalar: a string, a whole number, a decimal number, a boolean or null.
   *
   * @param line 1-based line of the scalar
   * @param column 1-based column of the scalar
   * @param path where in the document
   * @param value the parsed value: a {@link String}, a {@link Long} (a {@link BigInteger} if too large for
   *     one), a {@link Double}, a {@link Boolean}, or {@code null}. YAML spellings are decoded
   *     ({@code 0x1F} is 31, {@code yes} is true).
   * @param text the scalar as written, for messages ({@code 0x1F}, {@code 1.50}); the string itself for
   *     a string; {@code null} exactly when {@code value} is
   */
  record Scalar(int line, int column, String path, @Nullable Object value, @Nullable String text)
      implements LocatedNode {
    /**
     * Checks the value's type and that {@code text} is null exactly when {@code value} is.
     *
     * @throws IllegalArgumentException if {@code value} is of another type or does not match {@code text}
     */
    public Scalar {
      Objects.requireNonNull(path, "path");
      if (value != null && !(value instanceof String || value instanceof Long || value instanceof BigInteger
          || value instanceof Double || value instanceof Boolean)) {
        throw new IllegalArgumentException("a scalar is a String, Long, BigInteger, Double, Boolean or null, but was a "
            + value.getClass().getName());
      }
      if ((value == null) != (text == null)) {
        throw new IllegalArgumentException("a scalar's text is null exactly when its value is");
      }
      if (value instanceof String s && !s.equals(text)) {
        throw new IllegalArgumentException("a string scalar's text is the string itself");
      }
    }

    /** The kind of value. */
    public Kind kind() {
      if (value == null) {
        return Kind.NULL;
      }
      if (value instanceof String) {
        return Kind.STRING;
      }
      if (value instanceof Boolean) {
        return Kind.BOOLEAN;
      }
      return value instanceof Double ? Kind.DECIMAL : Kind.INTEGER;
    }

    @Override
    public String describe() {
      Kind kind = kind();
      return kind == Kind.STRING ? "the string '" + text + "'" : kind.word + (text == null ? "" : " (" + text + ")");
    }

    @Override
    public @Nullable Object toJava() {
      return value;
    }

    /** The kinds of scalar. */
    public enum Kind {
      /** A {@link String}. */
      STRING("a string"),
      /** A whole number: a {@link Long}, or a {@link BigInteger} if too large for one. */
      INTEGER("a number"),
      /** A {@link Double}. */
      DECIMAL("a number"),
      /** A {@link Boolean}. */
      BOOLEAN("a boolean"),
      /** YAML's null ({@code null}, {@code ~} or nothing). */
      NULL("null");

      private final String word;

      Kind(String word) {
        this.word = word;
      }
    }
  }
}
