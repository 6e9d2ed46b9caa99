package dev.agentlane.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The code on the docs pages is the code the build compiles and runs. A page marks a code block with
 * {@code <!-- snippet: PATH#NAME -->} on the line before it; the block must equal the lines between
 * {@code docs:NAME:begin} and {@code docs:NAME:end} in {@code PATH} (relative to the repository root),
 * with their common indentation removed.
 */
class DocSnippetsTest {
  private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
  private static final Pattern MARKER = Pattern.compile(
      "<!-- snippet: ([^#\\s]+)#([\\w-]+) -->\\n```\\w*\\n(.*?)```", Pattern.DOTALL);
  private static final List<String> PAGES = List.of("docs/testkit.md", "docs/integrations/mcp.md");

  record Snippet(String page, String file, String name, String shown) {}

  @TestFactory
  Stream<DynamicTest> everyMarkedBlockIsTheCompiledCode() throws IOException {
    List<Snippet> snippets = snippets();
    assertThat(snippets).as("the pages mark their examples").hasSizeGreaterThanOrEqualTo(7);
    return snippets.stream().map(s -> DynamicTest.dynamicTest(s.page() + ": " + s.file() + "#" + s.name(), () -> {
      String source = Files.readString(ROOT.resolve(s.file()));
      assertThat(s.shown()).as("%s shows %s#%s as compiled", s.page(), s.file(), s.name())
          .isEqualTo(region(source, s.name()));
    }));
  }

  @Test
  void aRegionIsFoundAndUnindented() {
    String source = "class A {\n  // docs:x:begin\n  void f() {\n    g();\n  }\n  // docs:x:end\n}\n";
    assertThat(region(source, "x")).isEqualTo("void f() {\n  g();\n}\n");
  }

  private static List<Snippet> snippets() throws IOException {
    List<Snippet> out = new ArrayList<>();
    for (String page : PAGES) {
      Matcher m = MARKER.matcher(Files.readString(ROOT.resolve(page)));
      while (m.find()) {
        out.add(new Snippet(page, m.group(1), m.group(2), m.group(3)));
      }
    }
    return out;
  }

  /** The lines strictly between the begin and end markers of {@code name}, unindented, each ending in \n. */
  static String region(String source, String name) {
    List<String> lines = source.lines().toList();
    int begin = -1;
    int end = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("docs:" + name + ":begin")) {
        begin = i;
      } else if (lines.get(i).contains("docs:" + name + ":end")) {
        end = i;
      }
    }
    assertThat(begin).as("a docs:%s:begin marker", name).isNotNegative();
    assertThat(end).as("a docs:%s:end marker after the begin marker", name).isGreaterThan(begin);
    return String.join("\n", lines.subList(begin + 1, end)).stripIndent() + "\n";
  }
}
