package dev.agentlane.policyfile.tree;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.agentlane.PolicyProblem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Reads one YAML or JSON document into a {@link LocatedNode} tree, reporting every problem at its line and
 * column instead of throwing. Policy files and policy test suites are read with it.
 *
 * <p>Immutable and thread-safe: one instance may read any number of documents, concurrently. Each read
 * hands its problems to the given consumer, in document order, after parsing ends.
 *
 * <p>Hostile input is refused quickly with bounded memory, as a problem rather than an exception: text
 * over {@value #MAX_BYTES} bytes, bytes that are not UTF-8, nesting deeper than {@value #MAX_DEPTH}, and
 * YAML aliases ({@code *name}), which are how "billion laughs" documents multiply. Duplicate keys are
 * problems too, located at the second key and naming the line of the first. A document holds exactly one
 * YAML document. A leading byte order mark is skipped.
 *
 * <pre>{@code
 * List<PolicyProblem> problems = new ArrayList<>();
 * LocatedNode root = LocatedYaml.yaml("suite file").read(text, "suite.yaml", problems::add);
 * if (root instanceof LocatedNode.MapNode m && m.get("tests") instanceof LocatedNode.ListNode tests) { ... }
 * }</pre>
 */
public final class LocatedYaml {
  /** Largest document accepted, in UTF-8 bytes. */
  public static final int MAX_BYTES = 4 * 1024 * 1024;
  /** Deepest nesting of mappings and lists accepted. */
  public static final int MAX_DEPTH = 64;

  private final String fileKind;
  private final boolean json;
  private final JsonFactory factory;

  private LocatedYaml(String fileKind, boolean json) {
    Objects.requireNonNull(fileKind, "fileKind");
    if (fileKind.isBlank()) {
      throw new IllegalArgumentException("fileKind must not be blank");
    }
    this.fileKind = fileKind;
    this.json = json;
    StreamReadConstraints limits = StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
        .maxStringLength(MAX_BYTES).maxDocumentLength(MAX_BYTES).build();
    if (json) {
      factory = JsonFactory.builder().streamReadConstraints(limits).build();
    } else {
      org.yaml.snakeyaml.LoaderOptions options = new org.yaml.snakeyaml.LoaderOptions();
      options.setMaxAliasesForCollections(0);
      options.setAllowDuplicateKeys(true); // reported by this reader, with both locations
      options.setNestingDepthLimit(MAX_DEPTH);
      options.setCodePointLimit(MAX_BYTES);
      factory = YAMLFactory.builder().loaderOptions(options).streamReadConstraints(limits).build();
    }
  }

  /**
   * A reader of YAML (which includes JSON as written by people: JSON is YAML).
   *
   * @param fileKind what the documents are called in messages, singular, such as {@code "policy file"}:
   *     "a policy file holds exactly one document", "YAML aliases are not allowed in policy files"
   * @throws IllegalArgumentException if {@code fileKind} is blank
   */
  public static LocatedYaml yaml(String fileKind) {
    return new LocatedYaml(fileKind, false);
  }

  /**
   * A reader of strict JSON: what YAML would forgive (comments, trailing commas, unquoted strings) is a
   * syntax error.
   *
   * @param fileKind what the documents are called in messages, as for {@link #yaml(String)}
   * @throws IllegalArgumentException if {@code fileKind} is blank
   */
  public static LocatedYaml json(String fileKind) {
    return new LocatedYaml(fileKind, true);
  }

  /**
   * A reader for a file by its name: {@link #json(String) strict JSON} if it ends in {@code .json} (in any
   * case), otherwise {@link #yaml(String) YAML}.
   *
   * @throws IllegalArgumentException if {@code fileKind} is blank
   */
  public static LocatedYaml forFile(String fileName, String fileKind) {
    Objects.requireNonNull(fileName, "fileName");
    return new LocatedYaml(fileKind, fileName.toLowerCase(Locale.ROOT).endsWith(".json"));
  }

  /** Whether this reader reads strict JSON rather than YAML. */
  public boolean json() {
    return json;
  }

  /**
   * Decodes UTF-8 bytes strictly and reads them as {@link #read(String, String, Consumer)} does. Bytes
   * over {@value #MAX_BYTES} or not UTF-8 are one problem at line 0, column 0.
   *
   * @param bytes the document
   * @param source the file name for the problems, such as a path
   * @param problems receives every problem, each with {@code source}
   * @return the root, or {@code null} if the document is empty or could not be read
   */
  public @Nullable LocatedNode read(byte[] bytes, String source, Consumer<? super PolicyProblem> problems) {
    Objects.requireNonNull(bytes, "bytes");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(problems, "problems");
    if (bytes.length > MAX_BYTES) {
      problems.accept(new PolicyProblem(source, 0, 0, "", "the text is " + bytes.length + " bytes; " + fileKind
          + "s may be at most " + MAX_BYTES));
      return null;
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      problems.accept(new PolicyProblem(source, 0, 0, "", "the file is not UTF-8 text"));
      return null;
    }
    return read(text, source, problems);
  }

  /**
   * Reads one document. Every problem (a syntax error, a duplicate key, an alias, a second document,
   * nesting too deep) goes to {@code problems} with its line, column and {@link LocatedNode#path() path};
   * where a value could not be kept (an alias, the second of two equal keys) the tree goes on without it,
   * so a caller can keep checking the rest and report everything at once.
   *
   * @param text the document
   * @param source the file name for the problems, such as a path
   * @param problems receives every problem, each with {@code source}
   * @return the root, or {@code null} if the document is empty or could not be parsed
   */
  public @Nullable LocatedNode read(String text, String source, Consumer<? super PolicyProblem> problems) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(problems, "problems");
    List<PolicyProblem> found = new ArrayList<>();
    LocatedNode root = null;
    if (text.length() > MAX_BYTES) {
      found.add(new PolicyProblem(source, 0, 0, "", "the text is " + text.length() + " characters; " + fileKind
          + "s may be at most " + MAX_BYTES + " bytes"));
    } else {
      root = parse(text.startsWith("\uFEFF") ? text.substring(1) : text, source, found);
    }
    found.forEach(problems);
    return root;
  }

  private @Nullable LocatedNode parse(String text, String source, List<PolicyProblem> found) {
    try (JsonParser parser = factory.createParser(text)) {
      return new Walk(parser, source, found).document();
    } catch (IOException | RuntimeException e) {
      int line = 1;
      int column = 1;
      if (e instanceof JsonProcessingException jpe && jpe.getLocation() != null) {
        line = Math.max(1, jpe.getLocation().getLineNr());
        column = Math.max(1, jpe.getLocation().getColumnNr());
      }
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      int nl = message.indexOf('\n');
      found.add(new PolicyProblem(source, line, column, "", "not valid " + (json ? "JSON" : "YAML") + ": "
          + (nl > 0 ? message.substring(0, nl) : message)));
      return null;
    }
  }

  /** One pass over one document's tokens. Not thread-safe; one per read. */
  private final class Walk {
    private final JsonParser parser;
    private final String source;
    private final List<PolicyProblem> found;

    Walk(JsonParser parser, String source, List<PolicyProblem> found) {
      this.parser = parser;
      this.source = source;
      this.found = found;
    }

    @Nullable LocatedNode document() throws IOException {
      JsonToken t = parser.nextToken();
      if (t == null) {
        return null;
      }
      LocatedNode root = value(t, "");
      if (parser.nextToken() != null) {
        JsonLocation l = parser.currentTokenLocation();
        problem(l.getLineNr(), l.getColumnNr(), "", "a " + fileKind
            + " holds exactly one document; found more after it");
      }
      return root;
    }

    private LocatedNode value(JsonToken t, String path) throws IOException {
      JsonLocation l = parser.currentTokenLocation();
      int line = l.getLineNr();
      int column = l.getColumnNr();
      if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
        // Aliases are how YAML bombs multiply; these documents are short enough to say things twice.
        problem(line, column, path, "YAML aliases are not allowed in " + fileKind + "s (found *" + parser.getText()
            + ")");
        return new LocatedNode.Scalar(line, column, path, null, null);
      }
      switch (t) {
        case START_OBJECT -> {
          Map<String, LocatedNode.Entry> entries = new LinkedHashMap<>();
          for (JsonToken k = parser.nextToken(); k != JsonToken.END_OBJECT; k = parser.nextToken()) {
            String key = parser.currentName();
            JsonLocation kl = parser.currentTokenLocation();
            String childPath = path.isEmpty() ? key : path + "." + key;
            LocatedNode child = value(parser.nextToken(), childPath);
            LocatedNode.Entry first = entries.get(key);
            if (first != null) {
              problem(kl.getLineNr(), kl.getColumnNr(), childPath, "duplicate key '" + key + "' (first at line "
                  + first.line() + ")");
            } else {
              entries.put(key, new LocatedNode.Entry(key, kl.getLineNr(), kl.getColumnNr(), child));
            }
          }
          return new LocatedNode.MapNode(line, column, path, entries);
        }
        case START_ARRAY -> {
          List<LocatedNode> items = new ArrayList<>();
          int i = 0;
          for (JsonToken v = parser.nextToken(); v != JsonToken.END_ARRAY; v = parser.nextToken()) {
            items.add(value(v, path + "[" + i++ + "]"));
          }
          return new LocatedNode.ListNode(line, column, path, items);
        }
        case VALUE_STRING -> {
          return new LocatedNode.Scalar(line, column, path, parser.getText(), parser.getText());
        }
        case VALUE_NUMBER_INT -> {
          Object value = parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? parser.getBigIntegerValue()
              : (Object) parser.getLongValue();
          return new LocatedNode.Scalar(line, column, path, value, parser.getText());
        }
        case VALUE_NUMBER_FLOAT -> {
          return new LocatedNode.Scalar(line, column, path, parser.getDoubleValue(), parser.getText());
        }
        case VALUE_TRUE, VALUE_FALSE -> {
          return new LocatedNode.Scalar(line, column, path, parser.getBooleanValue(), parser.getText());
        }
        case VALUE_NULL -> {
          return new LocatedNode.Scalar(line, column, path, null, null);
        }
        default -> throw new IOException("unexpected token " + t);
      }
    }

    private void problem(int line, int column, String path, String message) {
      found.add(new PolicyProblem(source, line, column, path, message));
    }
  }
}
