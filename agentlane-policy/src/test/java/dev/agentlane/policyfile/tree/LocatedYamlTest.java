package dev.agentlane.policyfile.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentlane.PolicyProblem;
import dev.agentlane.policyfile.tree.LocatedNode.Entry;
import dev.agentlane.policyfile.tree.LocatedNode.ListNode;
import dev.agentlane.policyfile.tree.LocatedNode.MapNode;
import dev.agentlane.policyfile.tree.LocatedNode.Scalar;
import dev.agentlane.policyfile.tree.LocatedNode.Scalar.Kind;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LocatedYamlTest {
  private static final LocatedYaml YAML = LocatedYaml.yaml("test file");
  private final List<PolicyProblem> problems = new ArrayList<>();

  private LocatedNode read(String text) {
    LocatedNode root = YAML.read(text, "t.yaml", problems::add);
    assertThat(root).as("root of %s", text).isNotNull();
    return root;
  }

  private List<String> located() {
    return problems.stream().map(p -> p.source() + ":" + p.line() + ":" + p.column() + " " + p.path() + ": "
        + p.message()).toList();
  }

  @Test
  void everyValueKnowsItsLineColumnAndPath() {
    MapNode root = (MapNode) read("""
        name: demo
        rules:
          - id: first
            globs: [.env, "*.pem"]
          - {id: second, limit: 5}
        """);

    assertThat(problems).isEmpty();
    assertThat(root.line()).isEqualTo(1);
    assertThat(root.column()).isEqualTo(1);
    assertThat(root.path()).isEmpty();
    Entry rulesKey = root.entries().get("rules");
    assertThat(rulesKey.line()).isEqualTo(2);
    assertThat(rulesKey.column()).isEqualTo(1);

    ListNode rules = (ListNode) root.get("rules");
    assertThat(rules.path()).isEqualTo("rules");
    MapNode first = (MapNode) rules.items().get(0);
    assertThat(first.path()).isEqualTo("rules[0]");
    assertThat(first.line()).isEqualTo(3);
    assertThat(first.column()).isEqualTo(5);
    ListNode globs = (ListNode) first.get("globs");
    Scalar pem = (Scalar) globs.items().get(1);
    assertThat(pem.path()).isEqualTo("rules[0].globs[1]");
    assertThat(pem.line()).isEqualTo(4);
    assertThat(pem.column()).isEqualTo(19);
    assertThat(pem.value()).isEqualTo("*.pem");

    MapNode second = (MapNode) rules.items().get(1);
    Scalar limit = (Scalar) second.get("limit");
    assertThat(limit.path()).isEqualTo("rules[1].limit");
    assertThat(limit.line()).isEqualTo(5);
    assertThat(limit.column()).isEqualTo(25);
    assertThat(second.entries().keySet()).containsExactly("id", "limit");
    assertThat(second.get("missing")).isNull();
  }

  @Test
  void scalarsAreDecodedAndKeepTheirText() {
    MapNode root = (MapNode) read("""
        s: text
        quoted: "5"
        i: 42
        hex: 0x1F
        big: 123456789012345678901234567890
        d: 1.50
        t: true
        yes: yes
        n: null
        tilde: ~
        """);

    assertThat(problems).isEmpty();
    assertScalar(root, "s", Kind.STRING, "text", "text", "the string 'text'");
    assertScalar(root, "quoted", Kind.STRING, "5", "5", "the string '5'");
    assertScalar(root, "i", Kind.INTEGER, 42L, "42", "a number (42)");
    assertScalar(root, "hex", Kind.INTEGER, 31L, "0x1F", "a number (0x1F)");
    assertScalar(root, "big", Kind.INTEGER, new BigInteger("123456789012345678901234567890"),
        "123456789012345678901234567890", "a number (123456789012345678901234567890)");
    assertScalar(root, "d", Kind.DECIMAL, 1.5, "1.50", "a number (1.50)");
    assertScalar(root, "t", Kind.BOOLEAN, true, "true", "a boolean (true)");
    assertScalar(root, "yes", Kind.BOOLEAN, true, "yes", "a boolean (yes)");
    assertScalar(root, "n", Kind.NULL, null, null, "null");
    assertScalar(root, "tilde", Kind.NULL, null, null, "null");
    assertThat(root.describe()).isEqualTo("a mapping");
    assertThat(new ListNode(1, 1, "", List.of()).describe()).isEqualTo("a list");
  }

  private static void assertScalar(MapNode m, String key, Kind kind, Object value, String text, String describe) {
    assertThat(m.get(key)).as(key).isInstanceOfSatisfying(Scalar.class, s -> {
      assertThat(s.kind()).as(key).isEqualTo(kind);
      assertThat(s.value()).as(key).isEqualTo(value);
      assertThat(s.text()).as(key).isEqualTo(text);
      assertThat(s.describe()).as(key).isEqualTo(describe);
    });
  }

  @Test
  void aDuplicateKeyIsAProblemAtTheSecondKeyNamingTheFirst() {
    MapNode root = (MapNode) read("""
        tests:
          - name: a
            tool: x
            name: b
        """);

    assertThat(located()).containsExactly("t.yaml:4:5 tests[0].name: duplicate key 'name' (first at line 2)");
    MapNode test = (MapNode) ((ListNode) root.get("tests")).items().get(0);
    assertThat(((Scalar) test.get("name")).value()).as("the first value is kept").isEqualTo("a");
    assertThat(test.entries().keySet()).containsExactly("name", "tool");
  }

  @Test
  void aDuplicateKeyInJsonIsAProblemToo() {
    LocatedNode root = LocatedYaml.json("test file").read("{\"a\": 1,\n \"a\": 2}", "t.json", problems::add);

    assertThat(root).isInstanceOf(MapNode.class);
    assertThat(located()).containsExactly("t.json:2:2 a: duplicate key 'a' (first at line 1)");
  }

  @Test
  void aliasesAreRefusedWhereTheyAreUsed() {
    MapNode root = (MapNode) read("""
        a: &a [x, y]
        b: *a
        c: [1, *a]
        """);

    assertThat(located()).containsExactly(
        "t.yaml:2:4 b: YAML aliases are not allowed in test files (found *a)",
        "t.yaml:3:8 c[1]: YAML aliases are not allowed in test files (found *a)");
    assertThat(root.get("b")).isInstanceOfSatisfying(Scalar.class, s -> assertThat(s.kind()).isEqualTo(Kind.NULL));
    assertThat(root.get("a")).isInstanceOf(ListNode.class);
  }

  @Test
  void anAliasBombIsRefusedWithoutExpandingIt() {
    StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
    for (char c = 'b'; c <= 'j'; c++) {
      String prev = "*" + (char) (c - 1);
      bomb.append(c).append(": &").append(c).append(" [").append(String.join(", ", java.util.Collections.nCopies(9,
          prev))).append("]\n");
    }

    read(bomb.toString());

    assertThat(problems).hasSize(81)
        .allSatisfy(p -> assertThat(p.message()).startsWith("YAML aliases are not allowed"));
  }

  @Test
  void nestingIsLimitedTo64() {
    LocatedNode deepest = read("[".repeat(LocatedYaml.MAX_DEPTH) + "]".repeat(LocatedYaml.MAX_DEPTH));
    assertThat(problems).isEmpty();
    assertThat(deepest).isInstanceOf(ListNode.class);

    String tooDeep = "[".repeat(LocatedYaml.MAX_DEPTH + 1) + "]".repeat(LocatedYaml.MAX_DEPTH + 1);
    assertThat(YAML.read(tooDeep, "deep.yaml", problems::add)).isNull();
    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.source()).isEqualTo("deep.yaml");
      assertThat(p.line()).isEqualTo(1);
      assertThat(p.message()).startsWith("not valid YAML: ").contains("nesting depth (65)");
    });

    problems.clear();
    String deepJson = "{\"a\": ".repeat(LocatedYaml.MAX_DEPTH + 1) + "1" + "}".repeat(LocatedYaml.MAX_DEPTH + 1);
    assertThat(LocatedYaml.json("test file").read(deepJson, "deep.json", problems::add)).isNull();
    assertThat(problems).singleElement().satisfies(p -> assertThat(p.message()).startsWith("not valid JSON: ")
        .contains("nesting depth (65)"));
  }

  @Test
  void aSecondDocumentIsAProblem() {
    read("a: 1\n---\nb: 2\n");

    assertThat(located()).containsExactly("t.yaml:3:1 : a test file holds exactly one document; found more after it");
  }

  @Test
  void aSyntaxErrorIsOneLocatedProblemAndNoTree() {
    assertThat(YAML.read("a: [1, 2\nb: 3\n", "t.yaml", problems::add)).isNull();

    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.line()).isPositive();
      assertThat(p.column()).isPositive();
      assertThat(p.message()).startsWith("not valid YAML: ").doesNotContain("\n");
    });
  }

  @Test
  void strictJsonRefusesWhatYamlForgives() {
    String text = "{\"a\": 1} # a comment";

    assertThat(YAML.read(text, "t.yaml", problems::add)).isInstanceOf(MapNode.class);
    assertThat(problems).isEmpty();
    assertThat(LocatedYaml.json("test file").read(text, "t.json", problems::add)).isNull();
    assertThat(problems).singleElement().satisfies(p -> assertThat(p.message()).startsWith("not valid JSON: "));
  }

  @Test
  void theFileNameChoosesJsonOrYaml() {
    assertThat(LocatedYaml.forFile("/a/policy.JSON", "policy file").json()).isTrue();
    assertThat(LocatedYaml.forFile("/a/policy.yaml", "policy file").json()).isFalse();
    assertThat(LocatedYaml.forFile("policy", "policy file").json()).isFalse();
  }

  @Test
  void anEmptyDocumentIsNoTreeAndNoProblem() {
    assertThat(YAML.read("", "t.yaml", problems::add)).isNull();
    assertThat(YAML.read("# only a comment\n", "t.yaml", problems::add)).isNull();
    assertThat(problems).isEmpty();
  }

  @Test
  void bytesMustBeUtf8AndWithinTheLimit() {
    byte[] latin1 = "name: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
    assertThat(YAML.read(latin1, "t.yaml", problems::add)).isNull();
    assertThat(located()).containsExactly("t.yaml:0:0 : the file is not UTF-8 text");

    problems.clear();
    byte[] huge = new byte[LocatedYaml.MAX_BYTES + 1];
    Arrays.fill(huge, (byte) ' ');
    assertThat(YAML.read(huge, "t.yaml", problems::add)).isNull();
    assertThat(located()).containsExactly("t.yaml:0:0 : the text is " + huge.length
        + " bytes; test files may be at most " + LocatedYaml.MAX_BYTES);

    problems.clear();
    assertThat(YAML.read(" ".repeat(LocatedYaml.MAX_BYTES + 1), "t.yaml", problems::add)).isNull();
    assertThat(problems).singleElement().satisfies(p -> assertThat(p.message())
        .isEqualTo("the text is " + (LocatedYaml.MAX_BYTES + 1) + " characters; test files may be at most "
            + LocatedYaml.MAX_BYTES + " bytes"));
  }

  @Test
  void aByteOrderMarkIsSkipped() {
    byte[] bytes = "\uFEFFname: caf\u00e9\n".getBytes(StandardCharsets.UTF_8);

    LocatedNode root = YAML.read(bytes, "t.yaml", problems::add);

    assertThat(problems).isEmpty();
    assertThat(root).isInstanceOfSatisfying(MapNode.class, m -> {
      assertThat(m.entries().keySet()).containsExactly("name");
      assertThat(((Scalar) m.get("name")).value()).isEqualTo("caf\u00e9");
    });
  }

  @Test
  void toJavaGivesPlainOrderedUnmodifiableMapsAndLists() {
    MapNode root = (MapNode) read("""
        tool: bash
        arguments:
          command: ls
          flags: [-l, 2, 0.5, false, null]
          nested: {z: 1, a: {deep: true}}
        """);

    Map<String, Object> java = root.toJava();

    assertThat(java).containsOnlyKeys("tool", "arguments");
    assertThat(java.keySet()).containsExactly("tool", "arguments");
    @SuppressWarnings("unchecked")
    Map<String, Object> args = (Map<String, Object>) java.get("arguments");
    assertThat(args.keySet()).containsExactly("command", "flags", "nested");
    assertThat(args.get("flags")).isEqualTo(Arrays.asList("-l", 2L, 0.5, false, null));
    assertThat(args.get("nested")).isEqualTo(Map.of("z", 1L, "a", Map.of("deep", true)));
    assertThatThrownBy(() -> java.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> ((List<?>) args.get("flags")).clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThat(((ListNode) ((MapNode) root.get("arguments")).get("flags")).toJava()).hasSize(5);
    assertThat(root.get("tool").toJava()).isEqualTo("bash");
  }

  @Test
  void problemsComeInDocumentOrderAndTheRestIsStillRead() {
    MapNode root = (MapNode) read("""
        a: 1
        a: 2
        b: *x
        c: {d: 1, d: 2}
        """);

    assertThat(problems).extracting(PolicyProblem::line).containsExactly(2, 3, 4);
    assertThat(root.entries().keySet()).containsExactly("a", "b", "c");
  }

  @Test
  void scalarsCheckTheirInvariants() {
    assertThatThrownBy(() -> new Scalar(1, 1, "", 5, "5")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.lang.Integer");
    assertThatThrownBy(() -> new Scalar(1, 1, "", 5L, null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Scalar(1, 1, "", "a", "b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LocatedYaml.yaml(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> YAML.read("a: 1", null, problems::add)).isInstanceOf(NullPointerException.class);
    assertThat(new Scalar(1, 1, "", 5L, "5").kind()).isEqualTo(Kind.INTEGER);
  }

  @Test
  void oneReaderServesManyThreads() throws Exception {
    int threads = 8;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<String>>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int n = t;
        results.add(pool.submit(() -> {
          start.await();
          List<String> seen = new ArrayList<>();
          for (int i = 0; i < 200; i++) {
            List<PolicyProblem> mine = new ArrayList<>();
            MapNode m = (MapNode) YAML.read("k: " + n + "\nk: " + i + "\n", "t" + n + ".yaml", mine::add);
            seen.add(((Scalar) m.get("k")).text() + " " + mine.get(0).source() + ":" + mine.get(0).line());
          }
          return seen;
        }));
      }
      start.countDown();
      for (int t = 0; t < threads; t++) {
        assertThat(results.get(t).get(30, TimeUnit.SECONDS)).hasSize(200).containsOnly(t + " t" + t + ".yaml:2");
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
