package dev.agentlane.testkit.suite;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A small located YAML tree for suite files, built from Jackson's streaming parser: every value keeps its
 * line and column so that problems can be reported as {@code file:line:column}. Not thread-safe; one per
 * document.
 */
final class YamlTree {
  private YamlTree() {}

  /** A value with its place. */
  sealed interface Node permits MapNode, ListNode, Scalar {
    int line();

    int column();

    /** A human word for the kind of value. */
    String describe();
  }

  /** A mapping; keys keep their order and their own locations. */
  record MapNode(int line, int column, Map<String, Entry> entries) implements Node {
    @Override
    public String describe() {
      return "a mapping";
    }

    @Nullable Node get(String key) {
      Entry e = entries.get(key);
      return e == null ? null : e.value();
    }
  }

  /** A key, where it is, and its value. */
  record Entry(String key, int line, int column, Node value) {}

  /** A sequence. */
  record ListNode(int line, int column, List<Node> items) implements Node {
    @Override
    public String describe() {
      return "a list";
    }
  }

  /** A scalar; {@code value} is a String, Long, Double, Boolean or null. */
  record Scalar(int line, int column, @Nullable Object value) implements Node {
    @Override
    public String describe() {
      return value == null ? "null" : value instanceof String s ? "the string '" + s + "'" : "the value " + value;
    }
  }

  /** A problem found while reading: line, column, message. */
  record Located(int line, int column, String message) {}

  /**
   * Reads one YAML (or JSON) document, reporting duplicate keys, aliases and syntax errors to {@code problems}.
   *
   * @return the root, or {@code null} if the document is empty or unreadable
   */
  static @Nullable Node read(String text, Consumer<Located> problems) {
    try (JsonParser parser = new YAMLFactory().createParser(text)) {
      JsonToken t = parser.nextToken();
      if (t == null) {
        return null;
      }
      Node root = value(parser, t, problems);
      JsonToken extra = parser.nextToken();
      if (extra != null) {
        JsonLocation l = parser.currentTokenLocation();
        problems.accept(new Located(l.getLineNr(), l.getColumnNr(), "a suite file holds exactly one document"));
      }
      return root;
    } catch (IOException e) {
      int line = 1;
      int column = 1;
      if (e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe && jpe.getLocation() != null) {
        line = jpe.getLocation().getLineNr();
        column = jpe.getLocation().getColumnNr();
      }
      String message = e.getMessage() == null ? e.toString() : e.getMessage();
      int nl = message.indexOf('\n');
      problems.accept(new Located(line, column, "not valid YAML: " + (nl > 0 ? message.substring(0, nl) : message)));
      return null;
    }
  }

  private static Node value(JsonParser parser, JsonToken t, Consumer<Located> problems) throws IOException {
    JsonLocation l = parser.currentTokenLocation();
    int line = l.getLineNr();
    int column = l.getColumnNr();
    if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
      problems.accept(new Located(line, column, "YAML aliases are not allowed in suite files (found *"
          + parser.getText() + ")"));
      return new Scalar(line, column, null);
    }
    switch (t) {
      case START_OBJECT -> {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (JsonToken k = parser.nextToken(); k != JsonToken.END_OBJECT; k = parser.nextToken()) {
          String key = parser.currentName();
          JsonLocation kl = parser.currentTokenLocation();
          Node child = value(parser, parser.nextToken(), problems);
          Entry first = entries.get(key);
          if (first != null) {
            problems.accept(new Located(kl.getLineNr(), kl.getColumnNr(), "duplicate key '" + key
                + "' (first at line " + first.line() + ")"));
          } else {
            entries.put(key, new Entry(key, kl.getLineNr(), kl.getColumnNr(), child));
          }
        }
        return new MapNode(line, column, java.util.Collections.unmodifiableMap(entries));
      }
      case START_ARRAY -> {
        List<Node> items = new ArrayList<>();
        for (JsonToken v = parser.nextToken(); v != JsonToken.END_ARRAY; v = parser.nextToken()) {
          items.add(value(parser, v, problems));
        }
        return new ListNode(line, column, List.copyOf(items));
      }
      case VALUE_STRING -> {
        return new Scalar(line, column, parser.getText());
      }
      case VALUE_NUMBER_INT -> {
        return new Scalar(line, column, parser.getLongValue());
      }
      case VALUE_NUMBER_FLOAT -> {
        return new Scalar(line, column, parser.getDoubleValue());
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return new Scalar(line, column, parser.getBooleanValue());
      }
      case VALUE_NULL -> {
        return new Scalar(line, column, null);
      }
      default -> throw new IOException("unexpected token " + t);
    }
  }

  /** The plain Java value of a node: maps, lists, strings, numbers, booleans, null. */
  static @Nullable Object toJava(Node node) {
    if (node instanceof MapNode m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.entries().forEach((k, e) -> out.put(k, toJava(e.value())));
      return out;
    }
    if (node instanceof ListNode l) {
      List<Object> out = new ArrayList<>();
      l.items().forEach(i -> out.add(toJava(i)));
      return out;
    }
    return ((Scalar) node).value();
  }
}
