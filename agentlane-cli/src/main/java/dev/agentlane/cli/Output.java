package dev.agentlane.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** How commands print JSON documents and file names. Stateless and thread-safe. */
final class Output {
  private Output() {}

  /** The node as indented JSON text, without a final line end. */
  static String json(JsonNode node) {
    try {
      return DecisionJson.MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  /**
   * A name from an action (agent, workflow, tool) as it may be printed to a terminal: control characters
   * (which could move the cursor or rewrite what was printed before) are shown as Java unicode escapes.
   */
  static String printable(String name) {
    StringBuilder sb = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isISOControl(c)) {
        sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /**
   * A file name as people want to read it: relative to the current directory when the file lies below
   * it (libraries report absolute paths), else as given. Anything that is not a path is returned as is.
   */
  static String path(String source) {
    try {
      Path p = Path.of(source);
      Path cwd = Path.of("").toAbsolutePath().normalize();
      if (p.isAbsolute() && p.normalize().startsWith(cwd) && !p.normalize().equals(cwd)) {
        return cwd.relativize(p.normalize()).toString();
      }
    } catch (InvalidPathException e) {
      // not a file name this system can read: shown as it is
    }
    return source;
  }
}
