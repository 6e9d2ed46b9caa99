package dev.agentlane.core;

import static dev.agentlane.core.EngineFixture.BOT;
import static dev.agentlane.core.EngineFixture.call;
import static dev.agentlane.core.EngineFixture.engine;
import static dev.agentlane.core.EngineFixture.put;
import static dev.agentlane.core.EngineFixture.read;
import static dev.agentlane.core.EngineFixture.shell;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentlane.Access;
import dev.agentlane.Decision;
import dev.agentlane.Lane;
import dev.agentlane.PolicyEngine;
import dev.agentlane.Reason;
import dev.agentlane.ReasonCode;
import dev.agentlane.Verdict;
import dev.agentlane.policy.CommandRule;
import dev.agentlane.policy.CommandRule.PathArgs;
import dev.agentlane.policy.HostRule;
import dev.agentlane.policy.Policy;
import dev.agentlane.policy.Scope;
import dev.agentlane.policy.StopConditionSpec;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Policies with hundreds of rules of one kind decide as a rule-by-rule scan would: the engine looks
 * sensitive-path globs, command rules and hosts up in indexes, and these cases pin that the indexes find
 * every rule that applies and keep policy order where it decides (which condition's reason comes first,
 * which command rule or host rule matched).
 */
class LargePolicyTest {
  private static final int CONDITIONS = 300;
  private final MutableClock clock = MutableClock.startingAt("2026-11-24T10:00:00Z");
  private PolicyEngine engine;

  private static Policy policy() {
    Policy.Builder b = TestPolicies.builder();
    for (int i = 0; i < CONDITIONS; i++) {
      b.stopCondition(StopConditionSpec.sensitivePaths("stop.gen-" + i, Verdict.DENY,
          "vault-" + i + "/", "*.key" + i, "token-" + i + "-*", "deploy/env-" + i + "/*.crt", "**/cred-" + i + ".json"));
    }
    // The same directory protected by an early and a late condition: both must report, in policy order.
    b.stopCondition(StopConditionSpec.sensitivePaths("stop.late-shared", Verdict.ESCALATE, "vault-3/"));
    b.stopCondition(new StopConditionSpec.SensitivePaths("stop.late-write", Verdict.DENY, Scope.all(),
        List.of("release/signing/keys/"), Access.WRITE));
    for (int i = 0; i < 500; i++) {
      if (i == 100) {
        b.command(CommandRule.program("cli").args("sub-*").id("command.cli.wildcard").capability("code.read")
            .paths(PathArgs.READ).build());
      }
      b.command(CommandRule.program("cli").args("sub-" + i).id("command.cli." + i).capability("code.read")
          .paths(PathArgs.READ).build());
      if (i % 50 == 7) {
        b.command(CommandRule.program("cli").args("sub-" + i, "get-*").id("command.cli." + i + ".get")
            .capability("code.read").paths(PathArgs.READ).build());
      }
    }
    for (int i = 0; i < 400; i++) {
      if (i == 10) {
        b.host(new HostRule("host.example-subdomains", "*.example.com"));
      }
      b.host(new HostRule("host.gen-" + i, "api-" + i + ".example.org"));
    }
    b.host(new HostRule("host.api-example", "api.example.com"));
    b.host(new HostRule("host.late-exact", "late.example.net"));
    b.host(new HostRule("host.cidr", "10.0.0.0/8"));
    return b.build();
  }

  @BeforeEach
  void setUp() {
    engine = engine(policy(), clock).build();
    put(engine, BOT, Lane.SANDBOX);
  }

  @AfterEach
  void tearDown() {
    engine.close();
  }

  private static List<String> ruleIds(Decision d, ReasonCode code) {
    return d.reasons().stream().filter(r -> r.code() == code).map(Reason::ruleId).toList();
  }

  @Test
  void theLastConditionOfHundredsFires() {
    int last = CONDITIONS - 1;
    assertThat(ruleIds(engine.decide(read("config/vault-" + last + "/db.txt")), ReasonCode.SENSITIVE_PATH))
        .containsExactly("stop.gen-" + last);
    assertThat(ruleIds(engine.decide(read("a/B.KEY" + last)), ReasonCode.SENSITIVE_PATH)).containsExactly("stop.gen-" + last);
    assertThat(ruleIds(engine.decide(read("x/token-" + last + "-prod")), ReasonCode.SENSITIVE_PATH))
        .containsExactly("stop.gen-" + last);
    assertThat(ruleIds(engine.decide(read("deploy/env-" + last + "/tls.crt")), ReasonCode.SENSITIVE_PATH))
        .containsExactly("stop.gen-" + last);
    assertThat(ruleIds(engine.decide(read("a/b/c/cred-" + last + ".json")), ReasonCode.SENSITIVE_PATH))
        .containsExactly("stop.gen-" + last);
    assertThat(engine.decide(read("deploy/env-" + last + "/sub/tls.crt")).verdict()).isEqualTo(Verdict.ALLOW);
    assertThat(engine.decide(read("src/main/java/App.java")).verdict()).isEqualTo(Verdict.ALLOW);
  }

  @Test
  void everyConditionThatMatchesReportsInPolicyOrder() {
    Decision d = engine.decide(read("vault-3/token-250-x/a.key7"));
    assertThat(ruleIds(d, ReasonCode.SENSITIVE_PATH)).containsExactly("stop.gen-3", "stop.gen-7", "stop.gen-250",
        "stop.late-shared");
  }

  @Test
  void wildcardWordsAreJudgedAlikeWhenAskedAgain() {
    // Each condition remembers its answers for wildcard words in a small cache: more words than it holds,
    // asked twice, must name the same condition each time and never another's.
    for (int pass = 0; pass < 2; pass++) {
      for (int i = 0; i < CONDITIONS; i++) {
        assertThat(ruleIds(engine.decide(shell("find . -name '*.key" + i + "'")), ReasonCode.SENSITIVE_PATH))
            .as("pass %d word *.key%d", pass, i).containsExactly("stop.gen-" + i);
      }
    }
    assertThat(ruleIds(engine.decide(shell("find . -name '*.java'")), ReasonCode.SENSITIVE_PATH)).isEmpty();
  }

  @Test
  void mentionsWildcardsOutsidePathsAndDirectoryWritesStillFire() {
    // A word of a command, not a path the command reads.
    assertThat(ruleIds(engine.decide(shell("echo vault-120/x")), ReasonCode.SENSITIVE_PATH)).containsExactly("stop.gen-120");
    // A wildcard that can select a protected name.
    assertThat(ruleIds(engine.decide(shell("find . -name '*.key299'")), ReasonCode.SENSITIVE_PATH))
        .containsExactly("stop.gen-299");
    // An outside path read in its workspace-relative form.
    assertThat(ruleIds(engine.decide(read("/tmp/x/vault-42/k")), ReasonCode.SENSITIVE_PATH)).containsExactly("stop.gen-42");
    // Removing a directory above what an anchored glob protects.
    assertThat(ruleIds(engine.decide(shell("rm -r release/signing")), ReasonCode.SENSITIVE_PATH))
        .containsExactly("stop.late-write");
    assertThat(ruleIds(engine.decide(shell("rm -r release/notes")), ReasonCode.SENSITIVE_PATH)).isEmpty();
  }

  @Test
  void commandRulesMatchInOrderAmongHundredsForOneProgram() {
    // Longest prefix first.
    assertThat(engine.decide(shell("cli sub-57 get-pods src/A.java")).matchedRules()).contains("command.cli.57.get");
    // Among equal prefixes the first declared wins: the wildcard rule, declared before sub-250.
    assertThat(engine.decide(shell("cli sub-250 src/A.java")).matchedRules())
        .contains("command.cli.wildcard").doesNotContain("command.cli.250");
    assertThat(engine.decide(shell("cli sub-42 src/A.java")).matchedRules())
        .contains("command.cli.42").doesNotContain("command.cli.wildcard");
    Decision unknown = engine.decide(shell("cli other src/A.java"));
    assertThat(unknown.hasReason(ReasonCode.UNMAPPED_COMMAND)).isTrue();
  }

  @Test
  void hostRulesMatchInPolicyOrder() {
    assertThat(engine.decide(call("fetch", "{\"url\": \"https://api.example.com/x\"}").build()).matchedRules())
        .contains("host.example-subdomains").doesNotContain("host.api-example");
    assertThat(engine.decide(call("fetch", "{\"url\": \"https://api-399.example.org/x\"}").build()).matchedRules())
        .contains("host.gen-399");
    assertThat(engine.decide(call("fetch", "{\"url\": \"https://a.b.late.example.net/x\"}").build()).verdict())
        .isEqualTo(Verdict.DENY);
    assertThat(engine.decide(call("fetch", "{\"url\": \"https://late.example.net/x\"}").build()).matchedRules())
        .contains("host.late-exact");
    assertThat(engine.decide(call("fetch", "{\"url\": \"http://10.1.2.3/x\"}").build()).matchedRules())
        .contains("host.cidr");
    assertThat(engine.decide(call("fetch", "{\"url\": \"https://example.org/x\"}").build()).verdict())
        .isEqualTo(Verdict.DENY);
  }
}
