package dev.agentlane.tests.corpus;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.agentlane.ActionSize;
import dev.agentlane.Evidence;
import dev.agentlane.Lane;
import dev.agentlane.ReasonCode;
import dev.agentlane.TestRun;
import dev.agentlane.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Reads the corpus files ({@code *.yaml} in one directory) strictly: an unknown key, a missing required key,
 * a duplicate id or a malformed value is an error naming the file and the case, so that a typo cannot turn a
 * case into one that tests nothing.
 *
 * <p>Stateless; not thread-safe only in that the YAML mapper is shared by the calls of one reader.
 */
final class CorpusReader {
  private static final Set<String> FILE_KEYS = Set.of("description", "cases");
  private static final Set<String> CASE_KEYS = Set.of("id", "lane", "tool", "arguments", "expect", "reasons",
      "rules", "source", "note", "known-gap", "setup", "resolve-symlinks", "case-insensitive-paths", "workspace",
      "run-id", "evidence", "size", "context", "repeat");
  private static final Set<String> EVIDENCE_KEYS = Set.of("tests", "files-touched", "assumptions", "confidence",
      "rollback-plan", "validation-links");
  private static final Set<String> TEST_KEYS = Set.of("name", "passed", "failed", "skipped");
  private static final Set<String> SIZE_KEYS = Set.of("files", "lines", "directories", "services");
  private static final Set<String> SETUP_KINDS = Set.of("file", "dir", "link", "outside-file", "outside-dir");
  /** A public report: {@code owner/repo#number}, optionally followed by a note in parentheses. */
  static final Pattern SOURCE = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+#[0-9]+( \\(.+\\))?");
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9.-]{0,80}");
  private static final Pattern PLACEHOLDER = Pattern.compile("[A-Z]{1,16}");

  private final ObjectMapper yaml = new YAMLMapper(YAMLFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

  /** A corpus file: its attack class, description and cases. */
  record CorpusFile(String name, String description, List<CorpusCase> cases) {}

  /**
   * Reads every {@code *.yaml} file of {@code dir}, in name order.
   *
   * @throws IOException if a file cannot be read
   * @throws IllegalStateException if a file is malformed or two cases share an id
   */
  List<CorpusFile> readAll(Path dir) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
    }
    if (files.isEmpty()) {
      throw new IllegalStateException("no corpus files (*.yaml) in " + dir.toAbsolutePath());
    }
    List<CorpusFile> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (Path f : files) {
      CorpusFile file = read(f);
      for (CorpusCase c : file.cases()) {
        if (!ids.add(c.id())) {
          throw new IllegalStateException(c.where() + ": the id '" + c.id() + "' is used twice in the corpus");
        }
      }
      out.add(file);
    }
    return out;
  }

  private CorpusFile read(Path path) throws IOException {
    String name = path.getFileName().toString().replaceFirst("\\.yaml$", "");
    JsonNode root;
    try {
      root = yaml.readTree(path.toFile());
    } catch (IOException e) {
      throw new IllegalStateException(path + ": not valid YAML: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalStateException(path + ": expected a mapping with 'description' and 'cases'");
    }
    keys(root, FILE_KEYS, path.toString());
    String description = text(root, "description", path.toString());
    JsonNode cases = root.get("cases");
    if (cases == null || !cases.isArray() || cases.isEmpty()) {
      throw new IllegalStateException(path + ": 'cases' must be a non-empty list");
    }
    List<CorpusCase> out = new ArrayList<>();
    int n = 0;
    for (JsonNode c : cases) {
      n++;
      out.add(corpusCase(name, c, path + " case " + n));
    }
    return new CorpusFile(name, description, List.copyOf(out));
  }

  private CorpusCase corpusCase(String file, JsonNode c, String at) {
    if (!c.isObject()) {
      throw new IllegalStateException(at + ": a case must be a mapping");
    }
    String id = text(c, "id", at);
    if (!ID.matcher(id).matches()) {
      throw new IllegalStateException(at + ": id '" + id + "' must match " + ID.pattern());
    }
    String where = file + "/" + id;
    keys(c, CASE_KEYS, where);
    String laneName = text(c, "lane", where);
    Lane lane = Lane.defaults().stream().filter(l -> l.name().equals(laneName)).findFirst()
        .orElseThrow(() -> new IllegalStateException(where + ": unknown lane '" + laneName + "'"));
    Verdict expect;
    try {
      expect = Verdict.ofCode(text(c, "expect", where));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(where + ": " + e.getMessage(), e);
    }
    List<ReasonCode> reasons = new ArrayList<>();
    for (String r : strings(c, "reasons", where)) {
      try {
        reasons.add(ReasonCode.ofCode(r));
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(where + ": unknown reason code '" + r + "'", e);
      }
    }
    if (expect != Verdict.ALLOW && reasons.isEmpty()) {
      throw new IllegalStateException(where + ": a case that expects " + expect.code()
          + " must name the reason code(s) under 'reasons'");
    }
    List<String> sources = strings(c, "source", where);
    for (String s : sources) {
      if (!SOURCE.matcher(s).matches()) {
        throw new IllegalStateException(where + ": source '" + s + "' must look like owner/repo#123");
      }
    }
    String knownGap = optionalText(c, "known-gap", where);
    if (knownGap != null && expect != Verdict.ALLOW) {
      throw new IllegalStateException(where + ": a known gap is an attack that is allowed; it must expect allow");
    }
    List<CorpusCase.Setup> setup = setup(c.get("setup"), where);
    JsonNode rs = c.get("resolve-symlinks");
    Boolean resolve = rs == null ? null : bool(rs, "resolve-symlinks", where);
    JsonNode ci = c.get("case-insensitive-paths");
    boolean caseInsensitive = ci != null && bool(ci, "case-insensitive-paths", where);
    String workspace = optionalText(c, "workspace", where);
    if (workspace != null && !setup.isEmpty()) {
      throw new IllegalStateException(where + ": 'workspace' names a virtual root; a case with 'setup' runs in a real one");
    }
    String arguments = text(c, "arguments", where);
    Map<String, CorpusCase.Repeat> repeat = new LinkedHashMap<>();
    JsonNode rp = c.get("repeat");
    if (rp != null) {
      if (!rp.isObject() || rp.isEmpty()) {
        throw new IllegalStateException(where + ": 'repeat' maps placeholder names to {token, times}");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = rp.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String in = where + " repeat." + e.getKey();
        if (!PLACEHOLDER.matcher(e.getKey()).matches() || e.getKey().equals("WS") || e.getKey().equals("OUT")) {
          throw new IllegalStateException(in + ": a placeholder name is upper-case letters, other than WS and OUT");
        }
        if (!arguments.contains("${" + e.getKey() + "}")) {
          throw new IllegalStateException(in + ": the arguments have no ${" + e.getKey() + "}");
        }
        keys(e.getValue(), Set.of("token", "times"), in);
        int times = integer(e.getValue(), "times", in);
        if (times < 1) {
          throw new IllegalStateException(in + ": times must be > 0 but was " + times);
        }
        repeat.put(e.getKey(), new CorpusCase.Repeat(text(e.getValue(), "token", in), times));
      }
    }
    return new CorpusCase(file, id, lane, text(c, "tool", where), arguments, expect, reasons,
        strings(c, "rules", where), sources, optionalText(c, "note", where), knownGap, setup,
        new CorpusCase.Options(resolve, caseInsensitive, workspace), optionalText(c, "run-id", where),
        evidence(c.get("evidence"), where), size(c.get("size"), where), context(c.get("context"), where), repeat);
  }

  private List<CorpusCase.Setup> setup(@Nullable JsonNode node, String where) {
    if (node == null) {
      return List.of();
    }
    if (!node.isArray() || node.isEmpty()) {
      throw new IllegalStateException(where + ": 'setup' must be a non-empty list");
    }
    List<CorpusCase.Setup> out = new ArrayList<>();
    for (JsonNode e : node) {
      if (!e.isObject()) {
        throw new IllegalStateException(where + ": a setup entry must be a mapping such as {file: src/A.java}");
      }
      String kind = null;
      for (Iterator<String> it = e.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        if (SETUP_KINDS.contains(k)) {
          if (kind != null) {
            throw new IllegalStateException(where + ": a setup entry names one of " + SETUP_KINDS);
          }
          kind = k;
        } else if (!k.equals("to")) {
          throw new IllegalStateException(where + ": unknown setup key '" + k + "'; expected one of " + SETUP_KINDS
              + " (and 'to' for a link)");
        }
      }
      if (kind == null) {
        throw new IllegalStateException(where + ": a setup entry names one of " + SETUP_KINDS);
      }
      String path = text(e, kind, where);
      String to = optionalText(e, "to", where);
      if (kind.equals("link") != (to != null)) {
        throw new IllegalStateException(where + ": a link (and only a link) has a target: {link: name, to: target}");
      }
      if (path.startsWith("/") || path.contains("..")) {
        throw new IllegalStateException(where + ": setup paths are relative and stay inside their directory: " + path);
      }
      CorpusCase.Setup.Kind k = CorpusCase.Setup.Kind.valueOf(kind.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
      out.add(new CorpusCase.Setup(k, path, to));
    }
    return out;
  }

  private @Nullable Evidence evidence(@Nullable JsonNode node, String where) {
    if (node == null) {
      return null;
    }
    keys(node, EVIDENCE_KEYS, where + " evidence");
    Evidence.Builder b = Evidence.builder();
    JsonNode tests = node.get("tests");
    if (tests != null) {
      if (!tests.isArray()) {
        throw new IllegalStateException(where + ": evidence.tests must be a list");
      }
      for (JsonNode t : tests) {
        keys(t, TEST_KEYS, where + " evidence.tests");
        b.test(new TestRun(text(t, "name", where), optionalInt(t, "passed", where), optionalInt(t, "failed", where),
            optionalInt(t, "skipped", where)));
      }
    }
    strings(node, "files-touched", where).forEach(b::filesTouched);
    strings(node, "assumptions", where).forEach(b::assumption);
    strings(node, "validation-links", where).forEach(b::validationLink);
    JsonNode conf = node.get("confidence");
    if (conf != null) {
      if (conf.isNumber()) {
        b.confidence(conf.doubleValue());
      } else if (conf.isTextual() && Set.of("NaN", "Infinity", "-Infinity").contains(conf.textValue())) {
        b.confidence(Double.parseDouble(conf.textValue()));
      } else {
        throw new IllegalStateException(where + ": evidence.confidence must be a number (or NaN, Infinity, -Infinity)");
      }
    }
    String plan = optionalText(node, "rollback-plan", where);
    if (plan != null) {
      b.rollbackPlan(plan);
    }
    return b.build();
  }

  private @Nullable ActionSize size(@Nullable JsonNode node, String where) {
    if (node == null) {
      return null;
    }
    keys(node, SIZE_KEYS, where + " size");
    return new ActionSize(optionalInt(node, "files", where), optionalInt(node, "lines", where),
        optionalInt(node, "directories", where), optionalInt(node, "services", where));
  }

  private Map<String, String> context(@Nullable JsonNode node, String where) {
    if (node == null) {
      return Map.of();
    }
    if (!node.isObject()) {
      throw new IllegalStateException(where + ": 'context' must be a mapping of strings");
    }
    Map<String, String> out = new LinkedHashMap<>();
    node.fields().forEachRemaining(e -> {
      if (!e.getValue().isTextual()) {
        throw new IllegalStateException(where + ": context." + e.getKey() + " must be a string");
      }
      out.put(e.getKey(), e.getValue().textValue());
    });
    return out;
  }

  private static void keys(JsonNode node, Set<String> allowed, String where) {
    if (!node.isObject()) {
      throw new IllegalStateException(where + ": expected a mapping");
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!allowed.contains(k)) {
        throw new IllegalStateException(where + ": unknown key '" + k + "'; expected one of " + new java.util.TreeSet<>(allowed));
      }
    }
  }

  private static String text(JsonNode node, String key, String where) {
    String v = optionalText(node, key, where);
    if (v == null) {
      throw new IllegalStateException(where + ": '" + key + "' is required");
    }
    return v;
  }

  private static @Nullable String optionalText(JsonNode node, String key, String where) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new IllegalStateException(where + ": '" + key + "' must be a string (quote it in YAML) but was " + v);
    }
    return v.textValue();
  }

  private static List<String> strings(JsonNode node, String key, String where) {
    JsonNode v = node.get(key);
    if (v == null) {
      return List.of();
    }
    if (v.isTextual()) {
      return List.of(v.textValue());
    }
    if (!v.isArray()) {
      throw new IllegalStateException(where + ": '" + key + "' must be a string or a list of strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode e : v) {
      if (!e.isTextual()) {
        throw new IllegalStateException(where + ": '" + key + "' must hold strings but has " + e);
      }
      out.add(e.textValue());
    }
    return out;
  }

  private static boolean bool(JsonNode v, String key, String where) {
    if (!v.isBoolean()) {
      throw new IllegalStateException(where + ": '" + key + "' must be true or false");
    }
    return v.booleanValue();
  }

  private static int integer(JsonNode node, String key, String where) {
    JsonNode v = node.get(key);
    if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) {
      throw new IllegalStateException(where + ": '" + key + "' must be a whole number");
    }
    return v.intValue();
  }

  private static int optionalInt(JsonNode node, String key, String where) {
    return node.has(key) ? integer(node, key, where) : 0;
  }
}
