package dev.agentlane.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentlane.Action;
import dev.agentlane.ActionSize;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * docs/action-format.md, docs/action-v1.schema.json and {@link ActionJson} describe one format: the
 * schema's keys are the reader's, the page's examples are read, and malformed actions are refused naming
 * the JSON path.
 */
class ActionFormatTest {
  private static final Path DOCS = Path.of("..", "docs");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode schema() throws IOException {
    return JSON.readTree(Files.readString(DOCS.resolve("action-v1.schema.json")));
  }

  /** The object schema at a property, following one {@code $ref} into {@code $defs}. */
  private static JsonNode resolve(JsonNode schema, JsonNode node) {
    JsonNode ref = node.get("$ref");
    if (ref == null) {
      return node;
    }
    assertThat(ref.asText()).startsWith("#/$defs/");
    return schema.get("$defs").get(ref.asText().substring("#/$defs/".length()));
  }

  private static Set<String> properties(JsonNode objectSchema) {
    Set<String> names = new TreeSet<>();
    for (Iterator<String> it = objectSchema.get("properties").fieldNames(); it.hasNext();) {
      names.add(it.next());
    }
    return names;
  }

  private static Set<String> required(JsonNode objectSchema) {
    Set<String> names = new TreeSet<>();
    JsonNode req = objectSchema.get("required");
    if (req != null) {
      req.forEach(n -> names.add(n.asText()));
    }
    return names;
  }

  @Test
  void theSchemaHasTheReadersKeysAndRequiredKeys() throws IOException {
    JsonNode schema = schema();
    assertThat(schema.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
    assertThat(properties(schema)).isEqualTo(new TreeSet<>(ActionJson.KEYS));
    assertThat(required(schema)).containsExactly("agent", "tool", "workflow");
    assertThat(schema.get("additionalProperties").asBoolean(true)).isFalse();

    JsonNode evidence = schema.get("properties").get("evidence");
    assertThat(properties(evidence)).isEqualTo(new TreeSet<>(ActionJson.EVIDENCE));
    assertThat(evidence.get("additionalProperties").asBoolean(true)).isFalse();

    JsonNode testRun = resolve(schema, evidence.get("properties").get("tests").get("items"));
    assertThat(properties(testRun)).isEqualTo(new TreeSet<>(ActionJson.TEST));
    assertThat(required(testRun)).containsExactly("name");
    assertThat(testRun.get("additionalProperties").asBoolean(true)).isFalse();

    JsonNode size = schema.get("properties").get("size");
    assertThat(properties(size)).isEqualTo(new TreeSet<>(ActionJson.SIZE));
    assertThat(size.get("additionalProperties").asBoolean(true)).isFalse();
  }

  @Test
  void theSchemaMarksAsNullableExactlyTheKeysTheReaderTakesNullFor() throws IOException {
    JsonNode schema = schema();
    List<String> nullable = new ArrayList<>();
    schema.get("properties").fields().forEachRemaining(e -> {
      if (e.getValue().path("type").toString().contains("null")) {
        nullable.add(e.getKey());
      }
    });
    schema.get("properties").get("evidence").get("properties").fields().forEachRemaining(e -> {
      if (e.getValue().path("type").toString().contains("null")) {
        nullable.add("evidence." + e.getKey());
      }
    });
    assertThat(nullable).containsExactlyInAnyOrder("run-id", "workspace", "evidence.rollback-plan");
    ActionJson.read("{\"agent\":\"a\",\"workflow\":\"w\",\"tool\":\"t\",\"run-id\":null,\"workspace\":null,"
        + "\"evidence\":{\"rollback-plan\":null}}", "nulls");
    assertThatThrownBy(() -> ActionJson.read("{\"agent\":\"a\",\"workflow\":\"w\",\"tool\":\"t\",\"context\":null}",
        "nulls")).hasMessage("nulls: $.context must be an object of strings");
  }

  /** Every ```json block of the page. */
  private static List<String> examples() throws IOException {
    String page = Files.readString(DOCS.resolve("action-format.md"));
    Matcher m = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(page);
    List<String> out = new ArrayList<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  @Test
  void everyExampleOnThePageIsReadAndWrittenBackTheSame() throws IOException {
    List<String> examples = examples();
    assertThat(examples).as("the page's json examples").hasSizeGreaterThanOrEqualTo(4);
    for (String example : examples) {
      Action action = ActionJson.read(example, "docs/action-format.md");
      assertThat(action.agent()).isNotBlank();
      // What the journal writes is read back as the same action (size, evidence and all).
      Action again = ActionJson.fromTree(ActionJson.toTree(action), "again");
      assertThat(ActionJson.toTree(again)).isEqualTo(ActionJson.toTree(action));
    }
    Action full = ActionJson.read(examples.get(1), "full");
    assertThat(full.size()).isEqualTo(new ActionSize(1, 14, 1, 0));
    assertThat(full.evidence().tests()).hasSize(1);
    assertThat(full.evidence().rollbackPlan()).isEqualTo("revert the commit");
    assertThat(full.context()).containsEntry("ticket", "PAY-112");
    assertThat(ActionJson.toTree(full).get("size").get("lines").asInt()).isEqualTo(14);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "`{\"agent\":\"a\",\"tool\":\"t\"}`| $.workflow is required",
      "`{\"agent\":\"a\",\"workflow\":\"w\",\"tool\":\"t\",\"cwd\":\"/\"}`| $.cwd unknown key",
      "`{\"agent\":\"a\",\"workflow\":\"w\",\"tool\":\" \"}`| $.tool must be a non-blank string",
      "`{\"agent\":\"a\",\"workflow\":\"w\",\"tool\":\"t\",\"arguments\":[]}`| $.arguments must be an object",
      "`{\"agent\":\"a\",\"workflow\":\"w\",\"tool\":\"t\",\"context\":{\"k\":1}}`| $.context.k must be a string",
      "`{\"agent\":\"a\",\"workflow\":\"w\",\"tool\":\"t\",\"evidence\":{\"tests\":[{\"passed\":1}]}}`"
          + "| $.evidence.tests[0].name is required",
      "`{\"agent\":\"a\",\"workflow\":\"w\",\"tool\":\"t\",\"evidence\":{\"tests\":[{\"name\":\"u\",\"failed\":1.0}]}}`"
          + "| $.evidence.tests[0].failed must be a whole number >= 0",
      "`{\"agent\":\"a\",\"workflow\":\"w\",\"tool\":\"t\",\"evidence\":{\"rollback-plan\":\"\"}}`"
          + "| $.evidence.rollback-plan must be a non-blank string",
      "`{\"agent\":\"a\",\"workflow\":\"w\",\"tool\":\"t\",\"evidence\":{\"assumptions\":[1]}}`"
          + "| $.evidence.assumptions[0] must be a string",
      "`{\"agent\":\"a\",\"workflow\":\"w\",\"tool\":\"t\",\"evidence\":{\"confidence\":\"high\"}}`"
          + "| $.evidence.confidence must be a number",
      "`{\"agent\":\"a\",\"workflow\":\"w\",\"tool\":\"t\",\"size\":{\"files\":-1}}`"
          + "| $.size.files must be a whole number >= 0",
      "`{\"agent\":\"a\",\"workflow\":\"w\",\"tool\":\"t\",\"size\":{\"rows\":1}}`| $.size.rows unknown key",
      "`[]`| $ an action is a JSON object",
  })
  void aMalformedActionIsRefusedNamingItsJsonPath(String json, String expected) {
    assertThatThrownBy(() -> ActionJson.read(json, "x.json")).isInstanceOf(CliException.class)
        .hasMessageStartingWith("x.json: " + expected.strip());
  }

  @Test
  void duplicateKeysAndTrailingDataAreRefusedWithTheirPosition() {
    assertThatThrownBy(() -> ActionJson.read("{\"agent\":\"a\",\"workflow\":\"w\",\"tool\":\"t\","
        + "\"arguments\":{\"path\":\"a\",\"path\":\".env\"}}", "x.json"))
        .hasMessageStartingWith("x.json: not a JSON action: Duplicate field 'path' (line 1, column");
    assertThatThrownBy(() -> ActionJson.read("{\"agent\":\"a\",\"workflow\":\"w\",\"tool\":\"t\"} {}", "x.json"))
        .hasMessageStartingWith("x.json: not a JSON action: something follows the action object");
  }
}
