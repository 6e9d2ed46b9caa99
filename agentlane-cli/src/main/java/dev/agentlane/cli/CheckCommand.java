package dev.agentlane.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentlane.PolicyException;
import dev.agentlane.PolicyProblem;
import dev.agentlane.policyfile.LintFinding;
import dev.agentlane.policyfile.PolicyFiles;
import dev.agentlane.policyfile.PolicyLinter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code agentlane check POLICY...}: loads and lints policy files and prints every error and finding
 * with its file, line and column. Not thread-safe; one instance per command run.
 */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Loads and lints policy files; reports every problem with its file, line and column.",
        "Prints every load error and every lint finding (error, warning, info) with its code.",
        "A policy passes when it loads and the linter finds no error (with --strict: no warning either)."},
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
        "0:every policy loads and passes the linter",
        "1:a policy does not load, or has a lint error (with --strict: a warning)",
        "2:the command line is wrong",
        "3:a policy file does not exist"})
final class CheckCommand implements Callable<Integer> {
  @Spec
  private CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "POLICY",
      description = "Policy files (YAML or JSON), or 'default' for the shipped default policy.")
  private List<String> policies = new ArrayList<>();

  @Option(names = "--strict", description = "Fail on lint warnings too, not only on errors.")
  private boolean strict;

  @Mixin
  private final FormatOption output = new FormatOption();

  /** One problem, from loading or from the linter. */
  private record Item(String severity, @Nullable String code, String source, int line, int column, String path,
      @Nullable String rule, String message) {
    String where() {
      return line > 0 ? source + ":" + line + ":" + column : source;
    }
  }

  /** What one policy came to. */
  private record Checked(String policy, boolean loaded, List<Item> items) {
    long count(String severity) {
      return items.stream().filter(i -> i.severity().equals(severity)).count();
    }
  }

  @Override
  public Integer call() {
    for (String p : policies) {
      if (!p.equals(Policies.DEFAULT) && !Files.isRegularFile(Path.of(p))) {
        throw new CliException("policy file '" + p + "' does not exist (use '" + Policies.DEFAULT
            + "' for the shipped default policy)");
      }
    }
    List<Checked> results = new ArrayList<>();
    for (String p : policies) {
      results.add(check(p));
    }
    boolean ok = results.stream().allMatch(this::passes);
    PrintWriter out = spec.commandLine().getOut();
    if (output.json()) {
      ObjectNode root = DecisionJson.MAPPER.createObjectNode();
      root.put("ok", ok).put("strict", strict);
      ArrayNode list = root.putArray("policies");
      for (Checked c : results) {
        ObjectNode o = list.addObject();
        o.put("policy", c.policy()).put("ok", passes(c)).put("loaded", c.loaded())
            .put("errors", c.count("error")).put("warnings", c.count("warning")).put("info", c.count("info"));
        ArrayNode items = o.putArray("problems");
        for (Item i : c.items()) {
          items.addObject().put("severity", i.severity()).put("code", i.code()).put("source", i.source())
              .put("line", i.line()).put("column", i.column()).put("path", i.path()).put("rule", i.rule())
              .put("message", i.message());
        }
      }
      out.println(Output.json(root));
    } else {
      for (Checked c : results) {
        for (Item i : c.items()) {
          out.println(i.where() + ": " + i.severity() + ": " + (i.path().isEmpty() ? "" : i.path() + ": ")
              + i.message() + (i.code() == null ? "" : " [" + i.code() + "]"));
        }
        out.println(c.policy() + ": " + (passes(c) ? "OK" : c.loaded() ? "FAIL" : "FAIL, does not load") + " ("
            + plural(c.count("error"), "error") + ", " + plural(c.count("warning"), "warning") + ", "
            + c.count("info") + " info)");
      }
    }
    out.flush();
    return ok ? ExitCode.OK : ExitCode.REFUSED;
  }

  private boolean passes(Checked c) {
    return c.loaded() && c.count("error") == 0 && (!strict || c.count("warning") == 0);
  }

  private static Checked check(String policy) {
    List<Item> items = new ArrayList<>();
    if (policy.equals(Policies.DEFAULT)) {
      for (LintFinding f : PolicyLinter.lint(PolicyFiles.defaultPolicy())) {
        items.add(item(f, Policies.DEFAULT, 0, 0));
      }
      return new Checked(policy, true, items);
    }
    try {
      for (PolicyFiles.LocatedFinding f : PolicyFiles.lint(Path.of(policy))) {
        items.add(item(f.finding(), Output.path(f.source()), f.line(), f.column()));
      }
      return new Checked(policy, true, items);
    } catch (PolicyException e) {
      for (PolicyProblem p : e.problems()) {
        items.add(new Item("error", null, Output.path(p.source()), p.line(), p.column(), p.path(), null,
            p.message()));
      }
      return new Checked(policy, false, items);
    }
  }

  private static Item item(LintFinding f, String source, int line, int column) {
    return new Item(f.severity().code(), f.code(), source, line, column, f.path(), f.ruleId(), f.message());
  }

  private static String plural(long n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }
}
