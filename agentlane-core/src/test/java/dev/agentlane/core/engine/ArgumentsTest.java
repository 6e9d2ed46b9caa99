package dev.agentlane.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.agentlane.Action;
import dev.agentlane.PolicyEngine;
import dev.agentlane.ToolArguments;
import dev.agentlane.core.TestPolicies;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link Arguments} reads arguments as plain Java values the way Jackson's tree model read them before:
 * the same values by pointer, the same text of scalars, the same canonical form and so the same action
 * digests (digests are kept in audit logs and exact-action grants, so they must not change).
 */
class ArgumentsTest {
  private static final String DOCUMENT = "{\"q\":\"x\\\"y\",\"n\":1.50,\"z\":0.0,\"e\":1e3,\"i\":100,\"b\":true,"
      + "\"nul\":null,\"big\":12345678901234567890,\"arr\":[1,\"two\",{\"k\":[]},null],\"u\":\"\\u00e9\\u0001\","
      + "\"neg\":-0.0,\"long\":12345678901,\"o\":{\"a/b\":{\"~c\":\"deep\"},\"0\":\"zero\"}}";

  private static Map<String, Object> structured() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("q", "x\"y");
    m.put("n", 1.50d);
    m.put("z", 0.0d);
    m.put("f", 2.5e-3f);
    m.put("e", 1e20d);
    m.put("i", 100);
    m.put("l", 5L);
    m.put("s", (short) 3);
    m.put("bd", new BigDecimal("1.50"));
    m.put("bi", new BigInteger("12345678901234567890"));
    m.put("b", false);
    m.put("nul", null);
    m.put("arr", List.of(1, "two", Map.of("k", List.of())));
    m.put("u", "\u00e9\u0001");
    return m;
  }

  @Test
  void digestsAreThoseOfTheTreeModel() {
    // Computed by the engine before arguments were read without Jackson's tree model.
    try (PolicyEngine engine = PolicyEngine.builder().policy(TestPolicies.realistic()).workspace(TestPolicies.WORKSPACE).build()) {
      Action.Builder a = Action.builder().agent("a").workflow("w");
      assertThat(engine.decide(a.tool("read_file").arguments(Map.of("path", "src/A.java")).build()).actionDigest())
          .isEqualTo("42f9f1a077ca4f8adbe1eb26a9d086221dc948850210ede580a5a24be8f6fccc");
      assertThat(engine.decide(a.tool("read_file").argumentsJson("{\"path\": \"src/A.java\"}").build()).actionDigest())
          .isEqualTo("42f9f1a077ca4f8adbe1eb26a9d086221dc948850210ede580a5a24be8f6fccc");
      assertThat(engine.decide(a.tool("search").argumentsJson("{\"q\":\"x\\\"y\",\"n\":1.50,\"z\":0.0,\"e\":1e3,\"i\":100,"
          + "\"b\":true,\"nul\":null,\"big\":12345678901234567890,\"arr\":[1,\"two\",{\"k\":[]}],\"u\":\"\\u00e9\\u0001\"}")
          .build()).actionDigest()).isEqualTo("28b4b5dcb8cd3ceccfe61886113e5f3db24291b464d919da9454a88ef3250eee");
      assertThat(engine.decide(a.tool("search").arguments(structured()).build()).actionDigest())
          .isEqualTo("34c52641fc8e7d61d2ce1c2e0d2d2d673ec4dc85b4b4f5c7f4c8fb0dadf32201");
    }
  }

  @Test
  void pointersAndScalarsReadAsTheTreeModelReadsThem() throws Exception {
    JsonNode tree = Arguments.MAPPER.readTree(DOCUMENT);
    Map<String, Object> values = Arguments.values(ToolArguments.json(DOCUMENT));
    List<String> pointers = new ArrayList<>(List.of("", "/q", "/n", "/z", "/e", "/i", "/b", "/nul", "/big", "/arr",
        "/arr/0", "/arr/1", "/arr/2", "/arr/2/k", "/arr/3", "/arr/4", "/arr/-1", "/arr/01", "/u", "/neg", "/long", "/o",
        "/o/a~1b", "/o/a~1b/~0c", "/o/0", "/missing", "/q/0", "/i/x"));
    for (String p : pointers) {
      JsonNode expected = tree.at(JsonPointer.compile(p));
      Object actual = Arguments.at(values, JsonPointer.compile(p));
      String what = "pointer '" + p + "'";
      assertThat(actual == Arguments.MISSING).as(what).isEqualTo(expected.isMissingNode());
      if (expected.isMissingNode()) {
        continue;
      }
      assertThat(Arguments.typeName(actual)).as(what).isEqualTo(expected.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
      if (expected.isValueNode()) {
        assertThat(Arguments.text(actual)).as(what).isEqualTo(expected.isTextual() ? expected.textValue() : expected.asText());
      }
    }
    assertThat(Arguments.canonical(values)).isEqualTo(treeCanonical(tree));
    assertThat(Arguments.stringLeaves(values)).containsExactly("q", "x\"y", "n", "z", "e", "i", "b", "nul", "big", "arr",
        "two", "k", "u", "\u00e9\u0001", "neg", "long", "o", "a/b", "~c", "deep", "0", "zero");
  }

  @Test
  void structuredScalarsReadAsTheirTreeNodesDid() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    assertThat(Arguments.text(1.50d)).isEqualTo(f.numberNode(new BigDecimal("1.5")).asText());
    assertThat(Arguments.text(0.0d)).isEqualTo(f.numberNode(new BigDecimal("0.0")).asText());
    assertThat(Arguments.text(1e20d)).isEqualTo(f.numberNode(new BigDecimal("1.0E20")).asText());
    assertThat(Arguments.text(2.5e-3f)).isEqualTo(f.numberNode(new BigDecimal("0.0025")).asText());
    assertThat(Arguments.text((short) 3)).isEqualTo(f.numberNode(3).asText());
    assertThat(Arguments.text(5L)).isEqualTo(f.numberNode(5L).asText());
    assertThat(Arguments.text(new BigDecimal("1.50"))).isEqualTo(f.numberNode(new BigDecimal("1.50")).asText());
    assertThat(Arguments.text(false)).isEqualTo("false");
    assertThat(Arguments.text(ToolArguments.Null.INSTANCE)).isEqualTo("null");
  }

  @Test
  void hugeExponentsHaveAShortCanonicalForm() throws Exception {
    // A 15-character JSON number whose plain form would be a gigabyte: the digest must not exhaust the heap.
    Map<String, Object> values = Arguments.values(ToolArguments.json("{\"a\": 1e999999999, \"b\": -25E-999999999,"
        + " \"c\": 1.5e3, \"d\": 1e1000, \"e\": 1e1001}"));
    assertThat(Arguments.canonical(values))
        .isEqualTo("{\"a\":1e999999999,\"b\":-25e-999999999,\"c\":1500,\"d\":1" + "0".repeat(1000) + ",\"e\":1e1001}");
    try (PolicyEngine engine = PolicyEngine.builder().policy(TestPolicies.realistic()).workspace(TestPolicies.WORKSPACE).build()) {
      assertThat(engine.decide(Action.builder().agent("a").workflow("w").tool("search")
          .argumentsJson("{\"n\": 1e999999999}").build()).actionDigest()).hasSize(64);
    }
  }

  @Test
  void numbersWithoutADecimalValueFail() {
    assertThatThrownBy(() -> Arguments.checkNumbers(Map.of("a", List.of(1, Double.NaN)))).isInstanceOf(NumberFormatException.class);
    assertThatThrownBy(() -> Arguments.checkNumbers(Map.of("a", Float.POSITIVE_INFINITY))).isInstanceOf(NumberFormatException.class);
    Arguments.checkNumbers(Map.of("a", List.of(1.5d, Map.of("b", 2f))));
  }

  @Test
  void malformedDocumentsAreRefusedWithTheirReason() {
    assertThatThrownBy(() -> Arguments.values(ToolArguments.json("{\"a\":1,\"a\":2}")))
        .isInstanceOf(Arguments.MalformedArgumentsException.class).hasMessageContaining("Duplicate field 'a'");
    assertThatThrownBy(() -> Arguments.values(ToolArguments.json("{} {}")))
        .hasMessage("arguments have content after the JSON value");
    assertThatThrownBy(() -> Arguments.values(ToolArguments.json("[1]")))
        .hasMessage("arguments must be a JSON object but were array");
    assertThatThrownBy(() -> Arguments.values(ToolArguments.json("null")))
        .hasMessage("arguments must be a JSON object but were null");
    assertThatThrownBy(() -> Arguments.values(ToolArguments.json("\"x\"")))
        .hasMessage("arguments must be a JSON object but were string");
    assertThatThrownBy(() -> Arguments.values(ToolArguments.json("{\"a\":")))
        .hasMessageStartingWith("arguments are not valid JSON: ");
    assertThatThrownBy(() -> Arguments.values(ToolArguments.json("[".repeat(65) + "]".repeat(65))))
        .hasMessageStartingWith("arguments are not valid JSON: ");
  }

  /** The canonical form as it was written over Jackson's tree model. */
  private static String treeCanonical(JsonNode node) {
    StringBuilder sb = new StringBuilder();
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      java.util.Collections.sort(names);
      sb.append('{');
      for (int i = 0; i < names.size(); i++) {
        sb.append(i > 0 ? "," : "");
        Arguments.quote(names.get(i), sb);
        sb.append(':').append(treeCanonical(node.get(names.get(i))));
      }
      sb.append('}');
    } else if (node.isArray()) {
      sb.append('[');
      for (int i = 0; i < node.size(); i++) {
        sb.append(i > 0 ? "," : "").append(treeCanonical(node.get(i)));
      }
      sb.append(']');
    } else if (node.isTextual()) {
      Arguments.quote(node.textValue(), sb);
    } else if (node.isNumber()) {
      sb.append(node.decimalValue().stripTrailingZeros().toPlainString());
    } else {
      sb.append(node.asText());
    }
    return sb.toString();
  }
}
