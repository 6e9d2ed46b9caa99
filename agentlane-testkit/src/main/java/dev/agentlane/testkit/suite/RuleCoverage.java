package dev.agentlane.testkit.suite;

import dev.agentlane.Action;
import dev.agentlane.Decision;
import dev.agentlane.Obligation;
import dev.agentlane.Reason;
import dev.agentlane.policy.ArgumentBinding;
import dev.agentlane.policy.CommandRule;
import dev.agentlane.policy.Policy;
import dev.agentlane.policy.ToolMapping;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which rules of a policy a suite's decisions exercised, and which they never did, so that teams see
 * their untested rules.
 *
 * <p>The rules counted are the policy's tool mappings, command rules, stop conditions, evidence
 * requirements, catalogue entries, approval rules, obligation rules and budgets (host and outside-path
 * rules are not counted: decisions do not name them). A rule is exercised when its id appears as a
 * reason's rule id or an obligation's rule id of some decision, when it is the tool mapping of a decided
 * action's tool, or when it is the command rule a command on a decided shell line matches. Command lines
 * are split here with a simplified reading (operators, quotes, {@code $(…)}, {@code bash -c} and common
 * wrappers), not the engine's full parser, so coverage of command rules is a close approximation.
 *
 * <p>Immutable, so thread-safe.
 */
public final class RuleCoverage {
  private static final Set<String> WRAPPERS = Set.of("sudo", "env", "timeout", "nohup", "nice", "xargs", "time",
      "command", "exec");
  private final List<String> rules;
  private final Set<String> exercised;
  private final Map<String, String> kinds;

  private RuleCoverage(Map<String, String> kinds, Set<String> exercised) {
    this.kinds = Map.copyOf(kinds);
    this.rules = List.copyOf(kinds.keySet());
    Set<String> ex = new LinkedHashSet<>();
    for (String r : rules) {
      if (exercised.contains(r)) {
        ex.add(r);
      }
    }
    this.exercised = ex;
  }

  static RuleCoverage of(Policy policy, List<SuiteCase> cases, List<Decision> decisions) {
    Map<String, String> kinds = new LinkedHashMap<>();
    policy.tools().forEach(t -> kinds.put(t.id(), "tool"));
    policy.commands().forEach(c -> kinds.put(c.id(), "command"));
    policy.stopConditions().forEach(s -> kinds.put(s.id(), "stop-condition"));
    policy.evidence().forEach(e -> kinds.put(e.id(), "evidence"));
    policy.catalogue().forEach(e -> kinds.put(e.id(), "catalogue"));
    policy.approvals().forEach(a -> kinds.put(a.id(), "approval"));
    policy.obligations().forEach(o -> kinds.put(o.id(), "obligation"));
    policy.budgets().forEach(b -> kinds.put(b.id(), "budget"));
    Set<String> used = new LinkedHashSet<>();
    for (Decision d : decisions) {
      d.reasons().stream().map(Reason::ruleId).forEach(used::add);
      d.obligations().stream().map(Obligation::ruleId).forEach(used::add);
    }
    for (SuiteCase c : cases) {
      Action a = c.action();
      for (ToolMapping t : policy.tools()) {
        if (t.tool().equals(a.tool())) {
          used.add(t.id());
          if (t.isShell()) {
            for (String line : commandLines(t, a)) {
              for (List<String> words : commands(line, 0)) {
                matchCommand(policy.commands(), words, used);
              }
            }
          }
        }
      }
    }
    return new RuleCoverage(kinds, used);
  }

  /** Every rule id counted, in policy order. */
  public List<String> rules() {
    return rules;
  }

  /** The rule ids the suite exercised, in policy order. */
  public Set<String> exercised() {
    return java.util.Collections.unmodifiableSet(exercised);
  }

  /** The rule ids the suite never exercised, in policy order. */
  public List<String> unexercised() {
    return rules.stream().filter(r -> !exercised.contains(r)).toList();
  }

  /** The kind of a counted rule ({@code tool}, {@code command}, {@code stop-condition}, …), or null. */
  public @org.jspecify.annotations.Nullable String kindOf(String ruleId) {
    return kinds.get(ruleId);
  }

  /** The share of rules exercised, 0..1 (1 when the policy has no rules). */
  public double ratio() {
    return rules.isEmpty() ? 1.0 : (double) exercised.size() / rules.size();
  }

  /** A report: the ratio, then the rules never exercised, grouped by kind. */
  public String report() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "rule coverage: %d of %d rules exercised (%.1f%%)", exercised.size(),
        rules.size(), ratio() * 100));
    Map<String, List<String>> byKind = new LinkedHashMap<>();
    for (String r : unexercised()) {
      byKind.computeIfAbsent(kinds.get(r), k -> new ArrayList<>()).add(r);
    }
    if (!byKind.isEmpty()) {
      sb.append("\nnever exercised:");
      byKind.forEach((k, ids) -> sb.append("\n  ").append(k).append(": ").append(String.join(", ", ids)));
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return report();
  }

  private static List<String> commandLines(ToolMapping t, Action a) {
    List<String> out = new ArrayList<>();
    Object args = a.arguments() instanceof dev.agentlane.ToolArguments.Structured s ? s.values() : null;
    for (ArgumentBinding b : t.bindings()) {
      if (b.kind() == ArgumentBinding.Kind.COMMAND && args instanceof Map<?, ?> m) {
        String pointer = b.pointer();
        Object v = pointer.startsWith("/") && pointer.indexOf('/', 1) < 0 ? m.get(pointer.substring(1)) : null;
        if (v instanceof String line) {
          out.add(line);
        }
      }
    }
    return out;
  }

  /** Splits a shell line into commands (lists of words), simply. */
  static List<List<String>> commands(String line, int depth) {
    List<List<String>> out = new ArrayList<>();
    if (depth > 8) {
      return out;
    }
    List<String> words = new ArrayList<>();
    StringBuilder word = null;
    int i = 0;
    int n = line.length();
    while (i < n) {
      char ch = line.charAt(i);
      if (ch == '\'' || ch == '"') {
        int end = line.indexOf(ch, i + 1);
        if (end < 0) {
          end = n;
        }
        String quoted = line.substring(i + 1, end);
        if (ch == '"') {
          nested(quoted, depth, out);
        }
        word = word == null ? new StringBuilder() : word;
        word.append(quoted);
        i = end + 1;
      } else if (ch == '$' && i + 1 < n && line.charAt(i + 1) == '(' || ch == '`') {
        int start = ch == '`' ? i + 1 : i + 2;
        int end = ch == '`' ? line.indexOf('`', start) : matching(line, i + 1);
        if (end < 0) {
          end = n;
        }
        out.addAll(commands(line.substring(start, end), depth + 1));
        word = word == null ? new StringBuilder() : word;
        word.append('x');
        i = end + 1;
      } else if (Character.isWhitespace(ch) && ch != '\n') {
        if (word != null) {
          words.add(word.toString());
          word = null;
        }
        i++;
      } else if ("|&;()\n<>".indexOf(ch) >= 0) {
        if (word != null) {
          words.add(word.toString());
          word = null;
        }
        if (ch == '<' || ch == '>') {
          // a redirection: skip the operator; its target is the next word, which is not a command word
          while (i < n && "<>&".indexOf(line.charAt(i)) >= 0) {
            i++;
          }
          while (i < n && Character.isWhitespace(line.charAt(i))) {
            i++;
          }
          while (i < n && !Character.isWhitespace(line.charAt(i)) && "|&;()".indexOf(line.charAt(i)) < 0) {
            i++;
          }
          continue;
        }
        flush(words, out);
        words = new ArrayList<>();
        i++;
      } else {
        word = word == null ? new StringBuilder() : word;
        word.append(ch);
        i++;
      }
    }
    if (word != null) {
      words.add(word.toString());
    }
    flush(words, out);
    for (List<String> c : List.copyOf(out)) {
      if (c.size() >= 3 && (c.get(0).equals("bash") || c.get(0).equals("sh")) && c.get(1).equals("-c")) {
        out.addAll(commands(c.get(2), depth + 1));
      }
    }
    return out;
  }

  private static void nested(String quoted, int depth, List<List<String>> out) {
    int at = quoted.indexOf("$(");
    while (at >= 0) {
      int end = matching(quoted, at + 1);
      if (end < 0) {
        end = quoted.length();
      }
      out.addAll(commands(quoted.substring(at + 2, end), depth + 1));
      at = quoted.indexOf("$(", end);
    }
  }

  private static int matching(String s, int open) {
    int level = 0;
    for (int i = open; i < s.length(); i++) {
      if (s.charAt(i) == '(') {
        level++;
      } else if (s.charAt(i) == ')' && --level == 0) {
        return i;
      }
    }
    return -1;
  }

  private static void flush(List<String> words, List<List<String>> out) {
    int start = 0;
    while (start < words.size() && words.get(start).matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
      start++;
    }
    if (start < words.size()) {
      out.add(List.copyOf(words.subList(start, words.size())));
    }
  }

  private static void matchCommand(List<CommandRule> rules, List<String> words, Set<String> used) {
    if (words.isEmpty()) {
      return;
    }
    String program = words.get(0);
    List<String> args = new ArrayList<>(words.subList(1, words.size()));
    if (program.equals("git")) {
      args.removeIf(w -> w.equals("--no-pager"));
    }
    CommandRule best = null;
    for (CommandRule r : rules) {
      if (r.program().equals(program) && prefixMatches(r.argsPrefix(), args)
          && (best == null || r.argsPrefix().size() > best.argsPrefix().size())) {
        best = r;
      }
    }
    if (best != null) {
      used.add(best.id());
    }
    if (WRAPPERS.contains(program)) {
      int i = 0;
      while (i < args.size() && (args.get(i).startsWith("-") || args.get(i).matches("[A-Za-z_][A-Za-z0-9_]*=.*")
          || program.equals("timeout") && args.get(i).matches("[0-9.]+[smhd]?"))) {
        i++;
      }
      if (i < args.size()) {
        matchCommand(rules, args.subList(i, args.size()), used);
      }
    }
  }

  private static boolean prefixMatches(List<String> patterns, List<String> args) {
    if (patterns.size() > args.size()) {
      return false;
    }
    for (int i = 0; i < patterns.size(); i++) {
      if (!glob(patterns.get(i), args.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean glob(String pattern, String text) {
    StringBuilder re = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      re.append(c == '*' ? ".*" : c == '?' ? "." : java.util.regex.Pattern.quote(String.valueOf(c)));
    }
    return text.matches(re.toString());
  }
}
