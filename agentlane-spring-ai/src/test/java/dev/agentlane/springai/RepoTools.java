package dev.agentlane.springai;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.ai.tool.annotation.Tool;

/** Real {@code @Tool} methods, named as the shipped default policy names its tools; each records that it ran. */
public class RepoTools {
  /** What ran, in order. */
  public final List<String> ran = new CopyOnWriteArrayList<>();

  /** Nested search filters, to hide a path one level down. */
  public record Filters(List<String> include) {}

  @Tool(name = "read_file", description = "Reads a file of the repository")
  public String readFile(String path) {
    ran.add("read_file " + path);
    return "contents of " + path;
  }

  @Tool(name = "write_file", description = "Writes a file of the repository")
  public String writeFile(String path, String content) {
    ran.add("write_file " + path);
    return "wrote " + content.length() + " characters to " + path;
  }

  @Tool(name = "bash", description = "Runs a shell command in the repository")
  public String bash(String command) {
    ran.add("bash " + command);
    return "ran " + command;
  }

  @Tool(name = "search", description = "Searches the repository", returnDirect = true)
  public String search(String query, Filters filters) {
    ran.add("search " + query + " in " + filters.include());
    return "no match for " + query;
  }
}
