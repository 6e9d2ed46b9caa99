package dev.agentlane.policyfile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A parsed YAML or JSON value with the place it came from: what the reader needs to report every
 * problem at its line and column. Immutable once built.
 */
sealed interface Node {
  /** 1-based line of the value. */
  int line();

  /** 1-based column of the value. */
  int column();

  /** Where in the document, such as {@code stop-conditions[2].globs}. */
  String path();

  /** A human word for the kind of value, for "expected a list but found a string". */
  String describe();

  /** A mapping; keys keep their order and their own locations. */
  record MapNode(int line, int column, String path, Map<String, Entry> entries) implements Node {
    public MapNode {
      entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    @Override
    public String describe() {
      return "a mapping";
    }

    @Nullable Node get(String key) {
      Entry e = entries.get(key);
      return e == null ? null : e.value();
    }
  }

  /** A key and its value. */
  record Entry(String key, int line, int column, Node value) {}

  /** A sequence. */
  record ListNode(int line, int column, String path, List<Node> items) implements Node {
    public ListNode {
      items = List.copyOf(items);
    }

    @Override
    public String describe() {
      return "a list";
    }
  }

  /** A scalar: a string, number, boolean or null. */
  record Scalar(int line, int column, String path, Type type, @Nullable String text) implements Node {
    /** The scalar's type as the parser saw it. */
    enum Type {
      STRING("a string"), INTEGER("a number"), DECIMAL("a number"), BOOLEAN("a boolean"), NULL("null");

      final String word;

      Type(String word) {
        this.word = word;
      }
    }

    @Override
    public String describe() {
      return type == Type.STRING ? "the string '" + text + "'" : type.word + (text == null ? "" : " (" + text + ")");
    }
  }
}
