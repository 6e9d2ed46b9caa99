package dev.agentlane.benchmarks;

import dev.agentlane.Verdict;
import dev.agentlane.core.TestPolicies;
import dev.agentlane.policy.CommandRule;
import dev.agentlane.policy.CommandRule.PathArgs;
import dev.agentlane.policy.HostRule;
import dev.agentlane.policy.Policy;
import dev.agentlane.policy.StopConditionSpec;
import dev.agentlane.policy.ToolMapping;
import java.util.ArrayList;
import java.util.List;

/**
 * Large policies for the scaling benchmarks: the realistic test policy ({@code TestPolicies}) plus
 * {@code rules} generated rules in the shapes real policies grow in, a quarter of each:
 *
 * <ul>
 *   <li>tool mappings ({@code mcp_tool_<i>}, reading a path, or fetching a URL);
 *   <li>command rules: 16 command-line programs ({@code cli0} .. {@code cli15}) with many subcommands each
 *       ({@code cli3 sub-17}, {@code cli3 sub-17 get-*}), as large policies map {@code kubectl}, {@code gh}
 *       or {@code aws};
 *   <li>sensitive-path globs, eight to a stop condition, cycling through the shapes secrets take: a
 *       directory name ({@code vault-<i>/}), an extension ({@code *.key<i>}), a prefix
 *       ({@code token-<i>*}), an anchored path with a wildcard ({@code deploy/env-<i>/*.pem}), a nested
 *       name at any depth ({@code **}{@code /cred-<i>.json}) and a literal file ({@code .secret-<i>});
 *   <li>hosts: exact names ({@code api-<i>.example.com}) and subdomain patterns
 *       ({@code *.svc-<i>.internal}).
 * </ul>
 *
 * <p>A rule is one tool mapping, one command rule, one glob or one host pattern. Not thread-safe to
 * build; the policies are immutable.
 */
final class GeneratedPolicies {
  private GeneratedPolicies() {}

  /** Globs per generated stop condition. */
  static final int GLOBS_PER_CONDITION = 8;
  /** Programs the generated command rules spread over. */
  static final int PROGRAMS = 16;

  /** The realistic policy with {@code rules} generated rules added. */
  static Policy withRules(int rules) {
    Policy.Builder b = TestPolicies.builder().name("generated").version("generated-" + rules);
    int quarter = Math.max(1, rules / 4);
    for (int i = 0; i < quarter; i++) {
      ToolMapping.Builder t = ToolMapping.tool(tool(i)).capability(i % 2 == 0 ? "code.read" : "net.fetch");
      b.tool((i % 2 == 0 ? t.readPath("/path") : t.url("/url")).build());
    }
    for (int i = 0; i < quarter; i++) {
      CommandRule.Builder c = CommandRule.program(program(i));
      c = i % 3 == 2 ? c.args(subcommand(i), "get-*") : c.args(subcommand(i));
      b.command(c.capability("code.read").paths(PathArgs.READ).build());
    }
    List<String> globs = new ArrayList<>();
    int conditions = 0;
    for (int i = 0; i < quarter; i++) {
      globs.add(glob(i));
      if (globs.size() == GLOBS_PER_CONDITION || i == quarter - 1) {
        b.stopCondition(StopConditionSpec.sensitivePaths("stop.generated-" + conditions++, Verdict.DENY,
            globs.toArray(new String[0])));
        globs.clear();
      }
    }
    for (int i = 0; i < quarter; i++) {
      b.host(new HostRule("host.generated-" + i, host(i)));
    }
    return b.build();
  }

  static String tool(int i) {
    return "mcp_tool_" + i;
  }

  static String program(int i) {
    return "cli" + (i % PROGRAMS);
  }

  static String subcommand(int i) {
    return "sub-" + i;
  }

  static String glob(int i) {
    return switch (i % 6) {
      case 0 -> "vault-" + i + "/";
      case 1 -> "*.key" + i;
      case 2 -> "token-" + i + "*";
      case 3 -> "deploy/env-" + i + "/*.pem";
      case 4 -> "**/cred-" + i + ".json";
      default -> ".secret-" + i;
    };
  }

  static String host(int i) {
    return i % 2 == 0 ? "api-" + i + ".example.com" : "*.svc-" + i + ".internal";
  }
}
