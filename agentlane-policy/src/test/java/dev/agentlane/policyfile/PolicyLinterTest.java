package dev.agentlane.policyfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentlane.Access;
import dev.agentlane.EffectClass;
import dev.agentlane.Verdict;
import dev.agentlane.policy.ApprovalRule;
import dev.agentlane.policy.Budget;
import dev.agentlane.policy.CatalogueEntry;
import dev.agentlane.policy.CommandRule;
import dev.agentlane.policy.CommandRule.PathArgs;
import dev.agentlane.policy.EvidenceField;
import dev.agentlane.policy.EvidenceRequirement;
import dev.agentlane.policy.ObligationRule;
import dev.agentlane.policy.OutsidePathRule;
import dev.agentlane.policy.Per;
import dev.agentlane.policy.Policy;
import dev.agentlane.policy.Scope;
import dev.agentlane.policy.StopConditionSpec;
import dev.agentlane.policy.ToolMapping;
import dev.agentlane.policyfile.LintFinding.Severity;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PolicyLinterTest {

  // ---------------------------------------------------------------- fixtures

  /** A realistic promotion-path policy that lints clean. */
  static Policy.Builder realistic() {
    Policy.Builder b = Policy.builder().name("realistic").version("test-1");
    b.capability("code.read", "draft", EffectClass.READ)
        .capability("tests.run", "sandbox", EffectClass.SANDBOXED)
        .capability("build.run", "sandbox", EffectClass.SANDBOXED)
        .capability("workspace.write", "sandbox", EffectClass.SANDBOXED)
        .capability("net.fetch", "sandbox", EffectClass.SANDBOXED)
        .capability("branch.write", "governed", EffectClass.SHARED_CHANGE)
        .capability("pr.open", "governed", EffectClass.SHARED_CHANGE)
        .capability("config.edit", "governed", EffectClass.SHARED_CHANGE)
        .capability("deploy.staging", "staging", EffectClass.SHARED_CHANGE)
        .capability("deploy.production", "production", EffectClass.PRODUCTION);
    b.tool(ToolMapping.tool("read_file").capability("code.read").readPath("/path").onlyArguments("path").build())
        .tool(ToolMapping.tool("write_file").capability("workspace.write").writePath("/path").build())
        .tool(ToolMapping.tool("edit_config").capability("config.edit").writePath("/path").build())
        .tool(ToolMapping.tool("bash").command("/command").build())
        .tool(ToolMapping.tool("fetch").capability("net.fetch").url("/url").build())
        .tool(ToolMapping.tool("open_pr").capability("pr.open").branch("/branch").build())
        .tool(ToolMapping.tool("deploy_staging").capability("deploy.staging").environment("/environment").build())
        .tool(ToolMapping.tool("deploy_production").capability("deploy.production").environment("/environment")
            .service("/service").build());
    b.command(CommandRule.program("cat").capability("code.read").build())
        .command(CommandRule.program("sed").capability("code.read").build())
        .command(CommandRule.program("sed").args("-i").capability("workspace.write").paths(PathArgs.WRITE).build())
        .command(CommandRule.program("git").args("status").capability("code.read").paths(PathArgs.NONE).build())
        .command(CommandRule.program("git").args("push").capability("branch.write").paths(PathArgs.NONE).build())
        .command(CommandRule.program("npm").args("test").capability("tests.run").paths(PathArgs.NONE).build())
        .command(CommandRule.program("npm").args("run", "test*").capability("tests.run").paths(PathArgs.NONE).build())
        .command(CommandRule.program("npm").args("ci").capability("build.run").paths(PathArgs.NONE).build())
        .command(CommandRule.program("kubectl").args("rollout", "restart")
            .capability("deploy.production").paths(PathArgs.NONE).build());
    b.shellWrites("workspace.write");
    b.host("registry.npmjs.org");
    b.outsidePath(new OutsidePathRule("outside.tmp", "/tmp/**", Access.WRITE));
    b.stopCondition(StopConditionSpec.sensitivePaths("stop.secrets", Verdict.HALT, ".env", ".env.*", "*.pem"))
        .stopCondition(new StopConditionSpec.SensitivePaths("stop.ci", Verdict.ESCALATE, Scope.all(),
            List.of(".github/workflows/"), Access.WRITE))
        .stopCondition(new StopConditionSpec.FailedTests("stop.failed-tests", Verdict.DENY, Scope.fromLane("governed")))
        .stopCondition(StopConditionSpec.blastRadius("stop.blast-radius", Verdict.DENY, 20, 1000))
        .stopCondition(StopConditionSpec.rate("stop.rate", Verdict.DENY, 100, Duration.ofMinutes(1)))
        .stopCondition(new StopConditionSpec.LowConfidence("stop.low-confidence", Verdict.ESCALATE,
            Scope.fromLane("governed"), 0.6, false));
    b.evidence(EvidenceRequirement.of("evidence.governed", Scope.fromLane("governed"),
        EvidenceField.TESTS, EvidenceField.FILES_TOUCHED));
    b.catalogue(CatalogueEntry.builder("catalogue.deploy-web", "deploy_production")
            .argument("/service", "web").environments("production").requiresApproval().build())
        .catalogue(CatalogueEntry.builder("catalogue.restart-web", "bash")
            .command("kubectl rollout restart deploy/web").build());
    b.approval(new ApprovalRule("approval.config", Scope.capabilities("config.edit"), "team:platform"));
    b.obligation(new ObligationRule("obligation.sandbox", Scope.effects(EffectClass.SANDBOXED), "sandbox", "isolated"));
    b.budget(new Budget("budget.staging", Scope.capabilities("deploy.staging"), 5, Duration.ofDays(1), Per.PAIR));
    return b;
  }

  /** The smallest policy that lints clean: one reading tool and a secrets rule. */
  static Policy.Builder minimal() {
    return Policy.builder()
        .capability("code.read", "draft", EffectClass.READ)
        .tool(ToolMapping.tool("read_file").capability("code.read").readPath("/path").build())
        .stopCondition(StopConditionSpec.sensitivePaths("stop.secrets", Verdict.HALT, ".env"));
  }

  /** {@link #minimal()} with a shell tool, one command rule and shell writes. */
  static Policy.Builder minimalShell() {
    return minimal()
        .tool(ToolMapping.tool("bash").command("/command").build())
        .command(CommandRule.program("cat").capability("code.read").build())
        .shellWrites("code.read");
  }

  static List<LintFinding> lint(Policy.Builder b) {
    return PolicyLinter.lint(b.build());
  }

  static List<LintFinding> findings(Policy.Builder b, String code) {
    return lint(b).stream().filter(f -> f.code().equals(code)).toList();
  }

  static CommandRule cmd(String id, String program, String... args) {
    return CommandRule.program(program).args(args).capability("code.read").id(id).build();
  }

  // ---------------------------------------------------------------- the whole

  @Test
  void realisticPolicyLintsClean() {
    assertThat(lint(realistic())).isEmpty();
  }

  @Test
  void minimalPoliciesLintClean() {
    assertThat(lint(minimal())).isEmpty();
    assertThat(lint(minimalShell())).isEmpty();
  }

  @Test
  void findingsAreOrderedBySeverityThenPolicyOrderAndImmutable() {
    Policy.Builder b = Policy.builder()
        .capability("code.read", "draft", EffectClass.READ)
        .capability("unused", "draft", EffectClass.READ)
        .capability("deploy.production", "production", EffectClass.PRODUCTION)
        .tool(ToolMapping.tool("deploy").capability("code.read", "deploy.production").build())
        .tool(ToolMapping.tool("bash").command("/command").build());
    List<LintFinding> found = lint(b);
    assertThat(found).extracting(LintFinding::severity).isSortedAccordingTo(Enum::compareTo);
    assertThat(found).extracting(LintFinding::code).containsExactly(
        PolicyLinter.LANE_JUMP_BUNDLE, PolicyLinter.PRODUCTION_WITHOUT_CATALOGUE,
        PolicyLinter.SHELL_TOOL_WITHOUT_COMMANDS, PolicyLinter.NO_SECRETS_PROTECTION,
        PolicyLinter.CAPABILITY_NEVER_NEEDED);
    assertThat(PolicyLinter.lint(b.build())).isEqualTo(found);
    assertThatThrownBy(() -> found.add(found.get(0))).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void severityCodesAreStable() {
    assertThat(Severity.ERROR.code()).isEqualTo("error");
    assertThat(Severity.WARNING.code()).isEqualTo("warning");
    assertThat(Severity.INFO.code()).isEqualTo("info");
  }

  @Test
  void findingValidatesAndPrints() {
    assertThatThrownBy(() -> new LintFinding(" ", Severity.INFO, "p", null, "m"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LintFinding("c", null, "p", null, "m")).isInstanceOf(NullPointerException.class);
    assertThat(new LintFinding("c", Severity.WARNING, "tools.x", "tool.x", "m").toString())
        .isEqualTo("warning c tools.x [tool.x]: m");
  }

  // ---------------------------------------------------------------- lane-jump-bundle

  @Nested
  class LaneJumpBundle {
    @Test
    void toolBundlingDraftAndProductionIsAnError() {
      Policy.Builder b = minimal()
          .capability("deploy.production", "production", EffectClass.PRODUCTION)
          .tool(ToolMapping.tool("deploy").capability("code.read", "deploy.production").service("/service").build())
          .catalogue(CatalogueEntry.builder("catalogue.web", "deploy").argument("/service", "web").build());
      assertThat(findings(b, PolicyLinter.LANE_JUMP_BUNDLE)).singleElement().satisfies(f -> {
        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.path()).isEqualTo("tools.deploy");
        assertThat(f.ruleId()).isEqualTo("tool.deploy");
        assertThat(f.message()).contains("one grant bundle spanning drafting and production effect")
            .contains("'code.read'").contains("'deploy.production'");
      });
    }

    @Test
    void commandRuleBundlingDraftAndProductionIsAnError() {
      Policy.Builder b = minimalShell()
          .capability("deploy.production", "production", EffectClass.PRODUCTION)
          .command(CommandRule.program("kubectl").args("apply").capability("code.read", "deploy.production")
              .id("cmd.kubectl-apply").build());
      assertThat(findings(b, PolicyLinter.LANE_JUMP_BUNDLE)).singleElement().satisfies(f -> {
        assertThat(f.path()).isEqualTo("commands.cmd.kubectl-apply");
        assertThat(f.ruleId()).isEqualTo("cmd.kubectl-apply");
      });
    }

    @Test
    void productionWithHigherLaneCapabilitiesIsFine() {
      Policy.Builder b = minimal()
          .capability("deploy.staging", "staging", EffectClass.SHARED_CHANGE)
          .capability("deploy.production", "production", EffectClass.PRODUCTION)
          .tool(ToolMapping.tool("deploy").capability("deploy.staging", "deploy.production").service("/s").build());
      assertThat(findings(b, PolicyLinter.LANE_JUMP_BUNDLE)).isEmpty();
    }

    @Test
    void draftCapabilitiesAloneAreFine() {
      Policy.Builder b = minimal()
          .capability("code.search", "draft", EffectClass.READ)
          .tool(ToolMapping.tool("search").capability("code.read", "code.search").build());
      assertThat(findings(b, PolicyLinter.LANE_JUMP_BUNDLE)).isEmpty();
    }
  }

  // ---------------------------------------------------------------- shadowed-command-rule

  @Nested
  class ShadowedCommandRule {
    @Test
    void sameProgramAndPrefixTwiceShadowsTheSecond() {
      Policy.Builder b = minimalShell().command(cmd("git.status.1", "git", "status")).command(cmd("git.status.2", "git", "status"));
      assertThat(findings(b, PolicyLinter.SHADOWED_COMMAND_RULE)).singleElement().satisfies(f -> {
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.path()).isEqualTo("commands.git.status.2");
        assertThat(f.ruleId()).isEqualTo("git.status.2");
        assertThat(f.message()).contains("'git.status.1'").contains("the same");
      });
    }

    @Test
    void sameProgramWithoutPrefixTwiceShadowsTheSecond() {
      Policy.Builder b = minimalShell().command(cmd("mvn.1", "mvn")).command(cmd("mvn.2", "mvn"));
      assertThat(findings(b, PolicyLinter.SHADOWED_COMMAND_RULE)).extracting(LintFinding::ruleId).containsExactly("mvn.2");
    }

    @Test
    void anEarlierWildcardShadowsALaterLiteral() {
      Policy.Builder b = minimalShell().command(cmd("npm.any", "npm", "run", "*")).command(cmd("npm.test", "npm", "run", "test"));
      assertThat(findings(b, PolicyLinter.SHADOWED_COMMAND_RULE)).singleElement().satisfies(f -> {
        assertThat(f.ruleId()).isEqualTo("npm.test");
        assertThat(f.message()).contains("a more general");
      });
    }

    @Test
    void anEarlierPrefixPatternShadowsANarrowerPattern() {
      Policy.Builder b = minimalShell().command(cmd("npm.t", "npm", "run", "test*")).command(cmd("npm.tu", "npm", "run", "test-unit*"));
      assertThat(findings(b, PolicyLinter.SHADOWED_COMMAND_RULE)).extracting(LintFinding::ruleId).containsExactly("npm.tu");
    }

    @Test
    void aSpecificRuleBeforeAGeneralOneIsFine() {
      Policy.Builder b = minimalShell().command(cmd("npm.test", "npm", "run", "test")).command(cmd("npm.any", "npm", "run", "*"));
      assertThat(findings(b, PolicyLinter.SHADOWED_COMMAND_RULE)).isEmpty();
    }

    @Test
    void differentLengthsOrProgramsAreFine() {
      Policy.Builder b = minimalShell()
          .command(cmd("git.status", "git", "status"))
          .command(cmd("git.status.short", "git", "status", "--short"))
          .command(cmd("git", "git"))
          .command(cmd("hg.status", "hg", "status"))
          .command(cmd("git.log", "git", "log"));
      assertThat(findings(b, PolicyLinter.SHADOWED_COMMAND_RULE)).isEmpty();
    }
  }

  // ---------------------------------------------------------------- unreachable-rule

  @Nested
  class UnreachableRule {
    @Test
    void stopConditionNamingAnUnmappedTool() {
      Policy.Builder b = minimal().stopCondition(new StopConditionSpec.FailedTests("stop.tests", Verdict.DENY,
          Scope.all().withTools("run_tests")));
      assertThat(findings(b, PolicyLinter.UNREACHABLE_RULE)).singleElement().satisfies(f -> {
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.path()).isEqualTo("stopConditions.stop.tests");
        assertThat(f.ruleId()).isEqualTo("stop.tests");
        assertThat(f.message()).contains("'run_tests'").contains("no tool mapping defines");
      });
    }

    @Test
    void approvalForACapabilityNothingNeeds() {
      Policy.Builder b = minimal().capability("pr.open", "governed", EffectClass.SHARED_CHANGE)
          .approval(new ApprovalRule("approval.pr", Scope.capabilities("pr.open"), "team:x"));
      assertThat(findings(b, PolicyLinter.UNREACHABLE_RULE)).singleElement().satisfies(f -> {
        assertThat(f.path()).isEqualTo("approvals.approval.pr");
        assertThat(f.message()).contains("'pr.open'");
      });
    }

    @Test
    void evidenceFromALaneAboveEveryNeededCapability() {
      Policy.Builder b = minimal()
          .evidence(EvidenceRequirement.of("evidence.prod", Scope.fromLane("production"), EvidenceField.ROLLBACK_PLAN));
      assertThat(findings(b, PolicyLinter.UNREACHABLE_RULE)).singleElement().satisfies(f -> {
        assertThat(f.path()).isEqualTo("evidence.evidence.prod");
        assertThat(f.message()).contains("from-lane 'production'");
      });
    }

    @Test
    void obligationForAnEffectNothingHas() {
      Policy.Builder b = minimal()
          .obligation(new ObligationRule("obligation.sandbox", Scope.effects(EffectClass.SANDBOXED), "sandbox", "x"));
      assertThat(findings(b, PolicyLinter.UNREACHABLE_RULE)).singleElement()
          .satisfies(f -> assertThat(f.path()).isEqualTo("obligations.obligation.sandbox"));
    }

    @Test
    void criteriaNoSingleToolMeetsTogether() {
      Policy.Builder b = minimal()
          .capability("workspace.write", "sandbox", EffectClass.SANDBOXED)
          .tool(ToolMapping.tool("write_file").capability("workspace.write").writePath("/path").build())
          .approval(new ApprovalRule("approval.x", Scope.capabilities("workspace.write").withTools("read_file"), "t"));
      assertThat(findings(b, PolicyLinter.UNREACHABLE_RULE)).singleElement()
          .satisfies(f -> assertThat(f.message()).contains("'workspace.write'"));
    }

    @Test
    void criteriaEachMetByADifferentTool() {
      Policy.Builder b = minimal()
          .capability("workspace.write", "sandbox", EffectClass.SANDBOXED)
          .tool(ToolMapping.tool("write_file").capability("workspace.write").writePath("/path").build())
          .obligation(new ObligationRule("obligation.x", Scope.capabilities("workspace.write")
              .withEffects(EffectClass.READ), "sandbox", "x"));
      assertThat(findings(b, PolicyLinter.UNREACHABLE_RULE)).singleElement()
          .satisfies(f -> assertThat(f.message()).contains("no single tool"));
    }

    @Test
    void budgetOnlyForPairsThatCannotHoldTheCapability() {
      Policy.Builder b = minimal()
          .capability("deploy.production", "production", EffectClass.PRODUCTION)
          .tool(ToolMapping.tool("deploy").capability("deploy.production").service("/service").build())
          .catalogue(CatalogueEntry.builder("catalogue.web", "deploy").argument("/service", "web").build())
          .budget(new Budget("budget.x", Scope.capabilities("deploy.production").withAgentLanes("draft"), 1,
              Duration.ofHours(1), Per.PAIR))
          // a stop condition still fires (and a halt latches) on an action the lane cannot hold
          .stopCondition(new StopConditionSpec.FailedTests("stop.x", Verdict.HALT,
              Scope.capabilities("deploy.production").withAgentLanes("draft")));
      assertThat(findings(b, PolicyLinter.UNREACHABLE_RULE)).singleElement().satisfies(f -> {
        assertThat(f.path()).isEqualTo("budgets.budget.x");
        assertThat(f.message()).contains("lane-too-low");
      });
    }

    @Test
    void shellToolEntryWithoutCommandsMatchesNothing() {
      Policy.Builder b = minimalShell().catalogue(CatalogueEntry.builder("catalogue.nothing", "bash").build());
      assertThat(findings(b, PolicyLinter.UNREACHABLE_RULE)).singleElement()
          .satisfies(f -> assertThat(f.path()).isEqualTo("catalogue.catalogue.nothing"));
    }

    @Test
    void reachableScopesAreFine() {
      Policy.Builder b = minimalShell()
          .capability("tests.run", "sandbox", EffectClass.SANDBOXED)
          .command(CommandRule.program("npm").args("test").capability("tests.run").build())
          // reached through a command rule of the shell tool
          .approval(new ApprovalRule("approval.tests", Scope.capabilities("tests.run").withTools("bash"), "t"))
          .obligation(new ObligationRule("obligation.sandbox", Scope.effects(EffectClass.SANDBOXED), "sandbox", "x"))
          .evidence(EvidenceRequirement.of("evidence.sandbox", Scope.fromLane("sandbox"), EvidenceField.TESTS))
          .budget(new Budget("budget.tests", Scope.capabilities("tests.run").withAgentLanes("sandbox", "draft"), 10,
              Duration.ofHours(1), Per.PAIR))
          .stopCondition(new StopConditionSpec.FailedTests("stop.tests", Verdict.DENY,
              Scope.all().withTools("read_file", "not_mapped")));
      assertThat(findings(b, PolicyLinter.UNREACHABLE_RULE)).isEmpty();
    }
  }

  // ---------------------------------------------------------------- capability-never-needed

  @Nested
  class CapabilityNeverNeeded {
    @Test
    void aDeclaredCapabilityNothingUsesIsReported() {
      Policy.Builder b = minimal().capability("pr.open", "governed", EffectClass.SHARED_CHANGE);
      assertThat(findings(b, PolicyLinter.CAPABILITY_NEVER_NEEDED)).singleElement().satisfies(f -> {
        assertThat(f.severity()).isEqualTo(Severity.INFO);
        assertThat(f.path()).isEqualTo("capabilities.pr.open");
        assertThat(f.ruleId()).isNull();
      });
    }

    @Test
    void capabilitiesUsedByToolsCommandsOrShellWritesAreFine() {
      Policy.Builder b = minimalShell()
          .capability("tests.run", "sandbox", EffectClass.SANDBOXED)
          .capability("workspace.write", "sandbox", EffectClass.SANDBOXED)
          .command(CommandRule.program("npm").args("test").capability("tests.run").build())
          .shellWrites("workspace.write");
      assertThat(findings(b, PolicyLinter.CAPABILITY_NEVER_NEEDED)).isEmpty();
    }
  }

  // ---------------------------------------------------------------- production-without-catalogue

  @Nested
  class ProductionWithoutCatalogue {
    Policy.Builder deployTool() {
      return minimal()
          .capability("deploy.production", "production", EffectClass.PRODUCTION)
          .tool(ToolMapping.tool("deploy").capability("deploy.production").service("/service").build());
    }

    Policy.Builder kubectlRule() {
      return minimalShell()
          .capability("deploy.production", "production", EffectClass.PRODUCTION)
          .command(CommandRule.program("kubectl").args("rollout", "restart").capability("deploy.production")
              .id("cmd.restart").build());
    }

    @Test
    void aProductionToolWithoutEntryIsAnError() {
      assertThat(findings(deployTool(), PolicyLinter.PRODUCTION_WITHOUT_CATALOGUE)).singleElement().satisfies(f -> {
        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.path()).isEqualTo("tools.deploy");
        assertThat(f.message()).contains("not-in-catalogue");
      });
    }

    @Test
    void aProductionToolWithAnEntryIsFine() {
      Policy.Builder b = deployTool().catalogue(CatalogueEntry.builder("c.web", "deploy").argument("/service", "web").build());
      assertThat(findings(b, PolicyLinter.PRODUCTION_WITHOUT_CATALOGUE)).isEmpty();
    }

    @Test
    void aProductionCommandWithoutShellEntryIsAnError() {
      Policy.Builder b = kubectlRule()
          .catalogue(CatalogueEntry.builder("c.other", "bash").command("helm upgrade web chart/web").build())
          .catalogue(CatalogueEntry.builder("c.empty", "bash").build());
      assertThat(findings(b, PolicyLinter.PRODUCTION_WITHOUT_CATALOGUE)).singleElement()
          .satisfies(f -> assertThat(f.path()).isEqualTo("commands.cmd.restart"));
    }

    @Test
    void aProductionCommandWithAShellEntryIsFine() {
      Policy.Builder b = kubectlRule()
          .catalogue(CatalogueEntry.builder("c.restart", "bash").command("kubectl rollout restart deploy/web").build());
      assertThat(findings(b, PolicyLinter.PRODUCTION_WITHOUT_CATALOGUE)).isEmpty();
    }
  }

  // ---------------------------------------------------------------- broad-catalogue-entry

  @Nested
  class BroadCatalogueEntry {
    Policy.Builder base() {
      return minimalShell()
          .capability("deploy.production", "production", EffectClass.PRODUCTION)
          .tool(ToolMapping.tool("deploy").capability("deploy.production").service("/service").build())
          .command(CommandRule.program("kubectl").args("rollout", "restart").capability("deploy.production").build());
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "**", "?*", " * "})
    void anArgumentThatMayBeAnythingIsAnError(String glob) {
      Policy.Builder b = base()
          .catalogue(CatalogueEntry.builder("c.any", "deploy").argument("/service", glob).build())
          .catalogue(CatalogueEntry.builder("c.restart", "bash").command("kubectl rollout restart deploy/web").build());
      assertThat(findings(b, PolicyLinter.BROAD_CATALOGUE_ENTRY)).singleElement().satisfies(f -> {
        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.path()).isEqualTo("catalogue.c.any");
        assertThat(f.ruleId()).isEqualTo("c.any");
        assertThat(f.message()).contains("/service");
      });
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "**", "kubectl *", "kubectl rollout *", "kubectl rollout*", "kubectl * restart *"})
    void aCommandPatternThatAllowsAnyArgumentsIsAnError(String pattern) {
      Policy.Builder b = base()
          .catalogue(CatalogueEntry.builder("c.web", "deploy").argument("/service", "web").build())
          .catalogue(CatalogueEntry.builder("c.kubectl", "bash").command(pattern).build());
      assertThat(findings(b, PolicyLinter.BROAD_CATALOGUE_ENTRY)).extracting(LintFinding::ruleId).containsExactly("c.kubectl");
    }

    @Test
    void aNonShellEntryWithoutArgumentsIsAnError() {
      Policy.Builder b = base()
          .catalogue(CatalogueEntry.builder("c.deploy", "deploy").environments("production").build())
          .catalogue(CatalogueEntry.builder("c.restart", "bash").command("kubectl rollout restart deploy/web").build());
      assertThat(findings(b, PolicyLinter.BROAD_CATALOGUE_ENTRY)).singleElement()
          .satisfies(f -> assertThat(f.message()).contains("constrains no argument"));
    }

    @Test
    void narrowEntriesAreFine() {
      Policy.Builder b = base()
          .catalogue(CatalogueEntry.builder("c.web", "deploy").argument("/service", "web-*").build())
          .catalogue(CatalogueEntry.builder("c.restart", "bash")
              .command("kubectl rollout restart deploy/web")
              .command("kubectl rollout restart deploy/*")
              .command("kubectl rollout status deploy/web --watch").build());
      assertThat(findings(b, PolicyLinter.BROAD_CATALOGUE_ENTRY)).isEmpty();
    }
  }

  // ---------------------------------------------------------------- stop-condition-never-fires

  @Nested
  class StopConditionNeverFires {
    List<LintFinding> with(StopConditionSpec s) {
      return findings(minimal().stopCondition(s), PolicyLinter.STOP_CONDITION_NEVER_FIRES);
    }

    @Test
    void blastRadiusWithoutLimits() {
      assertThat(with(new StopConditionSpec.BlastRadius("stop.b", Verdict.DENY, Scope.all(), 0, 0, 0, 0, 0)))
          .singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.path()).isEqualTo("stopConditions.stop.b");
            assertThat(f.ruleId()).isEqualTo("stop.b");
          });
      assertThat(with(new StopConditionSpec.BlastRadius("stop.b", Verdict.DENY, Scope.all(), 0, 0, 0, 0, 1))).isEmpty();
    }

    @Test
    void unusualFileScopeWithoutPathsOrLimit() {
      assertThat(with(StopConditionSpec.unusualFileScope("stop.u", Verdict.ESCALATE, 0))).hasSize(1);
      assertThat(with(StopConditionSpec.unusualFileScope("stop.u", Verdict.ESCALATE, 50))).isEmpty();
      assertThat(with(StopConditionSpec.unusualFileScope("stop.u", Verdict.ESCALATE, 0, "src/**"))).isEmpty();
    }

    @Test
    void missingContextRequiringNothing() {
      assertThat(with(StopConditionSpec.missingContext("stop.m", Verdict.DENY, false))).hasSize(1);
      assertThat(with(StopConditionSpec.missingContext("stop.m", Verdict.DENY, true))).isEmpty();
      assertThat(with(StopConditionSpec.missingContext("stop.m", Verdict.DENY, false, "ticket"))).isEmpty();
    }

    @Test
    void lowConfidenceWithMinimumZero() {
      assertThat(with(StopConditionSpec.lowConfidence("stop.l", Verdict.ESCALATE, 0.0))).hasSize(1);
      assertThat(with(new StopConditionSpec.LowConfidence("stop.l", Verdict.ESCALATE, Scope.all(), 0.0, true))).isEmpty();
      assertThat(with(StopConditionSpec.lowConfidence("stop.l", Verdict.ESCALATE, 0.5))).isEmpty();
    }

    @Test
    void otherConditionsAlwaysCanFire() {
      assertThat(with(StopConditionSpec.failedTests("stop.f", Verdict.DENY))).isEmpty();
      assertThat(with(StopConditionSpec.rate("stop.r", Verdict.DENY, 1, Duration.ofSeconds(1)))).isEmpty();
      assertThat(with(StopConditionSpec.sensitivePaths("stop.s", Verdict.DENY, "*.pem"))).isEmpty();
    }
  }

  // ---------------------------------------------------------------- shell tools

  @Nested
  class ShellTools {
    @Test
    void aShellToolWithoutCommandRulesDeniesEveryLine() {
      Policy.Builder b = minimal().tool(ToolMapping.tool("bash").command("/command").build());
      assertThat(findings(b, PolicyLinter.SHELL_TOOL_WITHOUT_COMMANDS)).singleElement().satisfies(f -> {
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.path()).isEqualTo("tools.bash");
        assertThat(f.ruleId()).isEqualTo("tool.bash");
      });
      assertThat(findings(b, PolicyLinter.SHELL_WRITES_MISSING)).isEmpty();
    }

    @Test
    void aShellToolWithCommandRulesIsFine() {
      assertThat(findings(minimalShell(), PolicyLinter.SHELL_TOOL_WITHOUT_COMMANDS)).isEmpty();
    }

    @Test
    void commandRulesWithoutShellWritesAreReported() {
      Policy.Builder b = minimal()
          .tool(ToolMapping.tool("bash").command("/command").build())
          .command(CommandRule.program("cat").capability("code.read").build());
      assertThat(findings(b, PolicyLinter.SHELL_WRITES_MISSING)).singleElement().satisfies(f -> {
        assertThat(f.severity()).isEqualTo(Severity.INFO);
        assertThat(f.path()).isEqualTo("shellWrites");
        assertThat(f.ruleId()).isNull();
      });
    }

    @Test
    void shellWritesAreFineWhenSetOrWithoutCommandRules() {
      assertThat(findings(minimalShell(), PolicyLinter.SHELL_WRITES_MISSING)).isEmpty();
      assertThat(findings(minimal(), PolicyLinter.SHELL_WRITES_MISSING)).isEmpty();
    }
  }

  // ---------------------------------------------------------------- no-secrets-protection

  @Nested
  class NoSecretsProtection {
    Policy.Builder without() {
      return Policy.builder()
          .capability("code.read", "draft", EffectClass.READ)
          .tool(ToolMapping.tool("read_file").capability("code.read").readPath("/path").build());
    }

    @Test
    void aPolicyWithoutSensitivePathsIsReported() {
      assertThat(findings(without(), PolicyLinter.NO_SECRETS_PROTECTION)).singleElement().satisfies(f -> {
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.path()).isEqualTo("stopConditions");
        assertThat(f.ruleId()).isNull();
      });
    }

    @ParameterizedTest
    @ValueSource(strings = {".env", "**/.env", ".env*", "**/.env*", "/.env", "*.env", ".ENV", "./.env"})
    void aHaltingOrDenyingConditionOnEnvProtects(String glob) {
      assertThat(findings(without().stopCondition(StopConditionSpec.sensitivePaths("s", Verdict.HALT, "*.pem", glob)),
          PolicyLinter.NO_SECRETS_PROTECTION)).isEmpty();
      assertThat(findings(without().stopCondition(StopConditionSpec.sensitivePaths("s", Verdict.DENY, glob)),
          PolicyLinter.NO_SECRETS_PROTECTION)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"*.pem", ".env/", "config/.env", ".env.local", ".envrc"})
    void globsThatDoNotCoverEnvDoNotProtect(String glob) {
      assertThat(findings(without().stopCondition(StopConditionSpec.sensitivePaths("s", Verdict.HALT, glob)),
          PolicyLinter.NO_SECRETS_PROTECTION)).hasSize(1);
    }

    @Test
    void escalatingWriteOnlyOrScopedConditionsDoNotProtect() {
      Policy.Builder b = without()
          .stopCondition(StopConditionSpec.sensitivePaths("s.escalate", Verdict.ESCALATE, ".env"))
          .stopCondition(new StopConditionSpec.SensitivePaths("s.write", Verdict.HALT, Scope.all(), List.of(".env"),
              Access.WRITE))
          .stopCondition(new StopConditionSpec.SensitivePaths("s.scoped", Verdict.HALT,
              Scope.all().withTools("read_file"), List.of(".env"), Access.READ));
      assertThat(findings(b, PolicyLinter.NO_SECRETS_PROTECTION)).singleElement()
          .satisfies(f -> assertThat(f.message()).contains("'s.escalate'", "'s.write'", "'s.scoped'"));
    }
  }

  // ---------------------------------------------------------------- wildcard helpers

  @Nested
  class Wildcards {
    @Test
    void coversIsSound() {
      assertThat(PolicyLinter.Wildcard.covers("*", "anything*")).isTrue();
      assertThat(PolicyLinter.Wildcard.covers("test*", "test-unit*")).isTrue();
      assertThat(PolicyLinter.Wildcard.covers("*.js", "app*.js")).isTrue();
      assertThat(PolicyLinter.Wildcard.covers("t?st", "test")).isTrue();
      assertThat(PolicyLinter.Wildcard.covers("test", "test*")).isFalse();
      assertThat(PolicyLinter.Wildcard.covers("test*", "*test")).isFalse();
      assertThat(PolicyLinter.Wildcard.covers("a\\*", "a*")).isFalse();
      assertThat(PolicyLinter.Wildcard.covers("a\\*", "a\\*")).isTrue();
    }
  }
}
