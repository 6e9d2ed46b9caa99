package dev.agentlane.policyfile;

import dev.agentlane.Action;
import dev.agentlane.AgentKey;
import dev.agentlane.Decision;
import dev.agentlane.Evidence;
import dev.agentlane.Lane;
import dev.agentlane.PolicyEngine;
import dev.agentlane.PolicyException;
import dev.agentlane.PolicyProblem;
import dev.agentlane.Reason;
import dev.agentlane.TestRun;
import dev.agentlane.policy.Policy;
import dev.agentlane.policyfile.tree.LocatedNode;
import dev.agentlane.policyfile.tree.LocatedNode.MapNode;
import dev.agentlane.policyfile.tree.LocatedYaml;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Loads policy files (YAML or JSON, format {@code agentlane.dev/v1}, see {@code docs/policy-reference.md})
 * onto the same {@link Policy} model as the Java builder.
 *
 * <p>Stateless and thread-safe. Loading is all or nothing: a file with any problem throws a
 * {@link PolicyException} listing every problem found, each with file, line, column, the path in the
 * document and a message that says what was expected and what was found. Hostile input is refused quickly
 * with bounded memory: files over {@value #MAX_FILE_BYTES} bytes, bytes that are not UTF-8, YAML aliases
 * to collections, nesting deeper than {@value #MAX_DEPTH}. A loaded policy has also been compiled by the
 * engine (globs, host patterns) and its inline examples have been decided.
 *
 * <pre>{@code
 * Policy policy = PolicyFiles.load(Path.of(".agentlane/policy.yaml"));
 * PolicyEngine engine = PolicyEngine.builder().policy(policy).workspace(repoRoot).build();
 * }</pre>
 */
public final class PolicyFiles {
  /** Largest policy file accepted. */
  public static final int MAX_FILE_BYTES = LocatedYaml.MAX_BYTES;
  /** Deepest nesting accepted. */
  public static final int MAX_DEPTH = LocatedYaml.MAX_DEPTH;
  /** The name under which {@code extends} finds the shipped default policy. */
  public static final String DEFAULT = "default";
  private static final String DEFAULT_RESOURCE = "default-policy.yaml";
  private static final int MAX_EXTENDS_DEPTH = 16;

  private PolicyFiles() {}

  /**
   * Loads a policy file; {@code .json} files are read as JSON, anything else as YAML.
   *
   * @throws PolicyException listing every problem, if the file (or a file it extends) is invalid or unreadable
   */
  public static Policy load(Path file) {
    Objects.requireNonNull(file, "file");
    return new Loader().load(file.toAbsolutePath().normalize(), new ArrayDeque<>());
  }

  /**
   * Loads a policy file from bytes already read from it, so that the caller knows exactly what was parsed
   * ({@link PolicyReloader} hashes and applies the same bytes); problems name {@code file}.
   */
  static Policy load(Path file, byte[] bytes) {
    Path f = file.toAbsolutePath().normalize();
    return new Loader().fromBytes(bytes, f.toString(), f.getParent(), new ArrayDeque<>());
  }

  /**
   * Parses policy text. {@code extends} entries other than {@code default} resolve against the current
   * directory.
   *
   * @param text the YAML or JSON text (JSON is YAML)
   * @param source a name for error messages, such as the file it came from
   * @throws PolicyException listing every problem
   */
  public static Policy parse(String text, String source) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(source, "source");
    return new Loader().fromBytes(text.getBytes(StandardCharsets.UTF_8), source, null, new ArrayDeque<>());
  }

  /**
   * A lint finding placed in the file: the line and column of the rule it is about (0 when the finding
   * is about the policy as a whole, or the rule came from an extended file).
   */
  public record LocatedFinding(LintFinding finding, String source, int line, int column) {
    @Override
    public String toString() {
      return source + ":" + line + ":" + column + ": " + finding.severity().code() + " " + finding.code() + " "
          + finding.path() + ": " + finding.message();
    }
  }

  /**
   * Loads a file and lints it ({@link PolicyLinter}), placing each finding at its rule in the file.
   *
   * @throws PolicyException if the file does not load
   */
  public static List<LocatedFinding> lint(Path file) {
    Objects.requireNonNull(file, "file");
    Loader loader = new Loader();
    Path f = file.toAbsolutePath().normalize();
    Policy policy = loader.load(f, new ArrayDeque<>());
    List<LocatedFinding> out = new ArrayList<>();
    for (LintFinding finding : PolicyLinter.lint(policy)) {
      PolicyReader reader = loader.lastReader;
      LocatedNode at = reader == null ? null : reader.origin(finding.path());
      out.add(new LocatedFinding(finding, f.toString(), at == null ? 0 : at.line(), at == null ? 0 : at.column()));
    }
    return List.copyOf(out);
  }

  /** A loaded file with what it locks for lower layers. */
  record Loaded(Policy policy, List<String> locks, String source) {}

  /** Loads a file, keeping its {@code locks}, for {@link PolicyLayers}. */
  static Loaded loadLayer(Path file) {
    Objects.requireNonNull(file, "file");
    Loader loader = new Loader();
    Policy p = loader.load(file.toAbsolutePath().normalize(), new ArrayDeque<>());
    return new Loaded(p, List.copyOf(loader.lastLocks), file.toString());
  }

  /** The shipped default policy, which encodes the promotion path; usable as is and through {@code extends: [default]}. */
  public static Policy defaultPolicy() {
    return new Loader().loadDefault(new ArrayDeque<>());
  }

  /** The text of the shipped default policy, as a starting point to copy. */
  public static String defaultPolicyText() {
    try (InputStream in = PolicyFiles.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the default policy is missing from the agentlane-policy jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the shipped default policy", e);
    }
  }

  /** The published JSON Schema of the v1 format, for editors. */
  public static String jsonSchema() {
    try (InputStream in = PolicyFiles.class.getResourceAsStream("policy-v1.schema.json")) {
      if (in == null) {
        throw new IllegalStateException("the JSON Schema is missing from the agentlane-policy jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the shipped JSON Schema", e);
    }
  }

  private static final class Loader {
    /** The locks of the outermost document read by this loader. */
    List<String> lastLocks = List.of();
    /** The reader of the outermost document, for placing findings. */
    @Nullable PolicyReader lastReader;

    Policy load(Path file, Deque<String> chain) {
      String source = file.toString();
      byte[] bytes;
      try {
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
          throw single(source, "the file is " + size + " bytes; policy files may be at most " + MAX_FILE_BYTES);
        }
        bytes = Files.readAllBytes(file);
      } catch (IOException e) {
        throw single(source, "cannot read the file: " + e.getClass().getSimpleName()
            + (e.getMessage() == null ? "" : ": " + e.getMessage()));
      }
      return fromBytes(bytes, source, file.getParent(), chain);
    }

    Policy loadDefault(Deque<String> chain) {
      byte[] bytes = defaultPolicyText().getBytes(StandardCharsets.UTF_8);
      return fromBytes(bytes, "default-policy.yaml", null, chain);
    }

    Policy fromBytes(byte[] bytes, String source, @Nullable Path dir, Deque<String> chain) {
      if (chain.contains(source)) {
        throw single(source, "extends cycle: " + String.join(" -> ", chain) + " -> " + source);
      }
      if (chain.size() >= MAX_EXTENDS_DEPTH) {
        throw single(source, "extends chain deeper than " + MAX_EXTENDS_DEPTH);
      }
      Problems problems = new Problems(source);
      LocatedNode root = LocatedYaml.forFile(source, "policy file").read(bytes, source, problems::add);
      PolicyReader reader = new PolicyReader(problems);
      if (!problems.isEmpty() && root == null) {
        throw new PolicyException(problems.sorted());
      }
      if (!reader.readHeader(root)) {
        throw new PolicyException(problems.sorted());
      }
      Policy.Builder builder;
      chain.push(source);
      try {
        builder = base(reader, dir, chain, problems);
      } finally {
        chain.pop();
      }
      reader.readBody((MapNode) root, builder);
      if (reader.name == null) {
        builder.name(nameOf(source));
      }
      Policy policy = null;
      try {
        policy = builder.build();
      } catch (PolicyException e) {
        relocate(e.problems(), reader, problems, source);
      }
      if (policy != null) {
        try (PolicyEngine engine = PolicyEngine.builder().policy(policy).workspace("/workspace").build()) {
          checkExamples(reader, engine, problems);
        } catch (PolicyException e) {
          relocate(e.problems(), reader, problems, source);
        }
      }
      if (!problems.isEmpty()) {
        throw new PolicyException(problems.sorted());
      }
      lastLocks = List.copyOf(reader.locks);
      lastReader = reader;
      return Objects.requireNonNull(policy);
    }

    private Policy.Builder base(PolicyReader reader, @Nullable Path dir, Deque<String> chain, Problems problems) {
      if (reader.extendsRefs.isEmpty()) {
        return Policy.builder();
      }
      Policy merged = null;
      for (String ref : reader.extendsRefs) {
        Policy base;
        try {
          if (ref.equals(DEFAULT)) {
            base = loadDefault(chain);
          } else {
            Path target = (dir == null ? Path.of("") : dir).resolve(ref).toAbsolutePath().normalize();
            if (!Files.isRegularFile(target)) {
              LocatedNode at = Objects.requireNonNull(reader.extendsNode);
              problems.add(at, "extends '" + ref + "', which is not a file (looked for " + target + ")");
              continue;
            }
            base = load(target, chain);
          }
        } catch (PolicyException e) {
          LocatedNode at = Objects.requireNonNull(reader.extendsNode);
          problems.add(at, "extends '" + ref + "', which is invalid");
          problems.addAll(e.problems());
          continue;
        }
        merged = merged == null ? base : Layers.append(merged, base);
      }
      return merged == null ? Policy.builder() : merged.toBuilder();
    }

    /** Problems the builder or the engine found, by model path, placed at the node they came from. */
    private static void relocate(List<PolicyProblem> found, PolicyReader reader, Problems problems, String source) {
      for (PolicyProblem p : found) {
        if (!p.source().equals("builder")) {
          problems.addAll(List.of(p));
          continue;
        }
        LocatedNode at = reader.origin(p.path());
        if (at == null) {
          problems.add(1, 1, p.path(), p.message());
        } else {
          problems.add(at.line(), at.column(), at.path().isEmpty() ? p.path() : at.path(), p.message());
        }
      }
    }

    private static void checkExamples(PolicyReader reader, PolicyEngine engine, Problems problems) {
      int n = 0;
      for (PolicyReader.Example ex : reader.examples) {
        MapNode m = reader.map(ex.action());
        if (m == null) {
          continue;
        }
        reader.checkKeys(m, java.util.Set.of("lane", "tool", "arguments", "agent", "workflow", "run-id", "context",
            "evidence"), "an example action");
        Action action = exampleAction(reader, m, n++, engine);
        if (action == null) {
          continue;
        }
        Decision d = engine.decide(action);
        boolean fired = false;
        for (Reason r : d.reasons()) {
          fired |= r.ruleId().equals(ex.ruleId());
        }
        if (ex.match() && !fired) {
          problems.add(ex.action(), "example should match rule '" + ex.ruleId() + "' but does not; the policy decided "
              + d.verdict().code() + (d.reasons().isEmpty() ? "" : " for " + d.reasons().get(0).code().code()
              + " [" + d.reasons().get(0).ruleId() + "]"));
        } else if (!ex.match() && fired) {
          problems.add(ex.action(), "example should not match rule '" + ex.ruleId() + "' but does: " + d.explain()
              .replace('\n', ' '));
        }
      }
    }

    private static @Nullable Action exampleAction(PolicyReader reader, MapNode m, int n, PolicyEngine engine) {
      LocatedNode toolNode = m.get("tool");
      if (toolNode == null) {
        reader.problem(m, "an example action needs 'tool'");
        return null;
      }
      String tool = reader.string(toolNode);
      if (tool == null) {
        return null;
      }
      String agent = m.get("agent") == null ? "example-" + n : reader.string(Objects.requireNonNull(m.get("agent")));
      String workflow = m.get("workflow") == null ? "examples" : reader.string(Objects.requireNonNull(m.get("workflow")));
      if (agent == null || workflow == null) {
        return null;
      }
      AgentKey key = AgentKey.of(agent, workflow);
      LocatedNode laneNode = m.get("lane");
      if (laneNode != null) {
        String laneName = reader.string(laneNode);
        Lane lane = laneName == null ? null : engine.policy().lane(laneName).orElse(null);
        if (lane == null) {
          return null;
        }
        engine.lanes().reset(key, "examples");
        engine.lanes().assign(key, lane, "examples", "example");
      }
      Action.Builder a = Action.builder().key(key).tool(tool);
      if (m.get("arguments") instanceof MapNode args) {
        a.arguments(args.toJava());
      }
      LocatedNode run = m.get("run-id");
      if (run != null) {
        a.runId(reader.string(run));
      }
      if (m.get("context") instanceof MapNode ctx) {
        ctx.toJava().forEach((k, v) -> a.context(k, String.valueOf(v)));
      }
      if (m.get("evidence") instanceof MapNode ev) {
        a.evidence(evidence(ev.toJava()));
      }
      return a.build();
    }

    private static Evidence evidence(Map<?, ?> m) {
      Evidence.Builder b = Evidence.builder();
      if (m.get("tests") instanceof List<?> tests) {
        for (Object t : tests) {
          if (t instanceof Map<?, ?> tm) {
            b.test(new TestRun(String.valueOf(tm.get("name")), num(tm.get("passed")), num(tm.get("failed")),
                num(tm.get("skipped"))));
          }
        }
      }
      if (m.get("files-touched") instanceof List<?> files) {
        files.forEach(f -> b.filesTouched(String.valueOf(f)));
      }
      if (m.get("assumptions") instanceof List<?> as) {
        as.forEach(x -> b.assumption(String.valueOf(x)));
      }
      if (m.get("confidence") instanceof Number c) {
        b.confidence(c.doubleValue());
      }
      if (m.get("rollback-plan") != null) {
        b.rollbackPlan(String.valueOf(m.get("rollback-plan")));
      }
      if (m.get("validation-links") instanceof List<?> links) {
        links.forEach(x -> b.validationLink(String.valueOf(x)));
      }
      return b.build();
    }

    private static int num(@Nullable Object o) {
      return o instanceof Number n ? n.intValue() : 0;
    }

    private static String nameOf(String source) {
      String file = source.substring(Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\')) + 1);
      int dot = file.indexOf('.');
      return dot > 0 ? file.substring(0, dot) : file;
    }

    private static PolicyException single(String source, String message) {
      return new PolicyException(List.of(new PolicyProblem(source, 0, 0, "", message)));
    }
  }
}
