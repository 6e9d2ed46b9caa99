package dev.agentlane.policyfile;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link Node} tree from a Jackson token stream (YAML or JSON), recording each value's line and
 * column, and reporting duplicate keys. Not thread-safe; one per document.
 */
final class TreeReader {
  private final JsonParser parser;
  private final Problems problems;

  TreeReader(JsonParser parser, Problems problems) {
    this.parser = parser;
    this.problems = problems;
  }

  /** The document's root, or {@code null} if the document is empty. */
  Node read() throws IOException {
    JsonToken t = parser.nextToken();
    if (t == null) {
      return null;
    }
    Node root = value(t, "");
    JsonToken extra = parser.nextToken();
    if (extra != null) {
      JsonLocation l = parser.currentTokenLocation();
      problems.add(l.getLineNr(), l.getColumnNr(), "", "a policy file holds exactly one document; found more after it");
    }
    return root;
  }

  private Node value(JsonToken t, String path) throws IOException {
    JsonLocation l = parser.currentTokenLocation();
    int line = l.getLineNr();
    int column = l.getColumnNr();
    if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
      // Aliases are how YAML bombs multiply; a policy is short enough to say things twice.
      problems.add(line, column, path, "YAML aliases are not allowed in policy files (found *" + parser.getText() + ")");
      return new Node.Scalar(line, column, path, Node.Scalar.Type.NULL, null);
    }
    switch (t) {
      case START_OBJECT -> {
        Map<String, Node.Entry> entries = new LinkedHashMap<>();
        for (JsonToken k = parser.nextToken(); k != JsonToken.END_OBJECT; k = parser.nextToken()) {
          String key = parser.currentName();
          JsonLocation kl = parser.currentTokenLocation();
          JsonToken v = parser.nextToken();
          String childPath = path.isEmpty() ? key : path + "." + key;
          Node child = value(v, childPath);
          if (entries.containsKey(key)) {
            Node.Entry first = entries.get(key);
            problems.add(kl.getLineNr(), kl.getColumnNr(), childPath, "duplicate key '" + key + "' (first at line "
                + first.line() + "); keys must be unique");
          } else {
            entries.put(key, new Node.Entry(key, kl.getLineNr(), kl.getColumnNr(), child));
          }
        }
        return new Node.MapNode(line, column, path, entries);
      }
      case START_ARRAY -> {
        List<Node> items = new ArrayList<>();
        int i = 0;
        for (JsonToken v = parser.nextToken(); v != JsonToken.END_ARRAY; v = parser.nextToken()) {
          items.add(value(v, path + "[" + i++ + "]"));
        }
        return new Node.ListNode(line, column, path, items);
      }
      case VALUE_STRING -> {
        return new Node.Scalar(line, column, path, Node.Scalar.Type.STRING, parser.getText());
      }
      case VALUE_NUMBER_INT -> {
        return new Node.Scalar(line, column, path, Node.Scalar.Type.INTEGER, parser.getText());
      }
      case VALUE_NUMBER_FLOAT -> {
        return new Node.Scalar(line, column, path, Node.Scalar.Type.DECIMAL, parser.getText());
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return new Node.Scalar(line, column, path, Node.Scalar.Type.BOOLEAN, parser.getText());
      }
      case VALUE_NULL -> {
        return new Node.Scalar(line, column, path, Node.Scalar.Type.NULL, null);
      }
      default -> throw new IOException("unexpected token " + t);
    }
  }
}
