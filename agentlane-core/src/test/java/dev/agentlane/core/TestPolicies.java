package dev.agentlane.core;

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
import java.time.Duration;
import java.util.List;

/** A realistic promotion-path policy shared by the engine tests. */
public final class TestPolicies {
  private TestPolicies() {}

  /** The workspace root every test engine uses. */
  public static final String WORKSPACE = "/work/repo";

  /** The policy. */
  public static Policy realistic() {
    return builder().build();
  }

  /** The policy's builder, to derive variants. */
  public static Policy.Builder builder() {
    Policy.Builder b = Policy.builder().name("realistic").version("test-1");
    b.capability("code.read", "draft", EffectClass.READ)
        .capability("tests.run", "sandbox", EffectClass.SANDBOXED)
        .capability("build.run", "sandbox", EffectClass.SANDBOXED)
        .capability("command.exec", "sandbox", EffectClass.SANDBOXED)
        .capability("workspace.write", "sandbox", EffectClass.SANDBOXED)
        .capability("net.fetch", "sandbox", EffectClass.SANDBOXED)
        .capability("branch.write", "governed", EffectClass.SHARED_CHANGE)
        .capability("pr.open", "governed", EffectClass.SHARED_CHANGE)
        .capability("config.edit", "governed", EffectClass.SHARED_CHANGE)
        .capability("deploy.staging", "staging", EffectClass.SHARED_CHANGE)
        .capability("deploy.production", "production", EffectClass.PRODUCTION);

    b.tool(ToolMapping.tool("read_file").capability("code.read").readPath("/path").onlyArguments("path").build())
        .tool(ToolMapping.tool("list_dir").capability("code.read").readPath("/path").build())
        .tool(ToolMapping.tool("search").capability("code.read").build())
        .tool(ToolMapping.tool("write_file").capability("workspace.write").writePath("/path")
            .onlyArguments("path", "content").build())
        .tool(ToolMapping.tool("edit_config").capability("config.edit").writePath("/path").build())
        .tool(ToolMapping.tool("bash").command("/command").build())
        .tool(ToolMapping.tool("fetch").capability("net.fetch").url("/url").build())
        .tool(ToolMapping.tool("open_pr").capability("pr.open").branch("/branch").build())
        .tool(ToolMapping.tool("deploy_staging").capability("deploy.staging").environment("/environment").build())
        .tool(ToolMapping.tool("deploy_production").capability("deploy.production").environment("/environment")
            .service("/service").build());

    for (String reader : List.of("cat", "head", "tail", "less", "grep", "rg", "ls", "find", "wc", "diff")) {
      b.command(CommandRule.program(reader).capability("code.read").build());
    }
    b.command(CommandRule.program("echo").capability("code.read").paths(PathArgs.NONE).build())
        .command(CommandRule.program("true").capability("code.read").paths(PathArgs.NONE).build())
        .command(CommandRule.program("git").args("status").capability("code.read").paths(PathArgs.NONE).build())
        .command(CommandRule.program("git").args("diff").capability("code.read").build())
        .command(CommandRule.program("git").args("log").capability("code.read").paths(PathArgs.NONE).build())
        .command(CommandRule.program("git").args("add").capability("workspace.write").build()) // stages; the tree is unchanged
        .command(CommandRule.program("git").args("commit").capability("branch.write").paths(PathArgs.NONE).build())
        .command(CommandRule.program("git").args("push").capability("branch.write").paths(PathArgs.NONE).build())
        .command(CommandRule.program("npm").args("test").capability("tests.run").paths(PathArgs.NONE).build())
        .command(CommandRule.program("npm").args("run", "test*").capability("tests.run").paths(PathArgs.NONE).build())
        .command(CommandRule.program("npm").args("ci").capability("build.run").paths(PathArgs.NONE).build())
        .command(CommandRule.program("mvn").capability("tests.run").paths(PathArgs.NONE).build())
        .command(CommandRule.program("./gradlew").capability("tests.run").paths(PathArgs.NONE).build())
        .command(CommandRule.program("curl").capability("net.fetch").paths(PathArgs.NONE).urls().build())
        .command(CommandRule.program("rm").capability("workspace.write").paths(PathArgs.WRITE).build())
        .command(CommandRule.program("cp").capability("workspace.write").paths(PathArgs.WRITE).build())
        .command(CommandRule.program("mv").capability("workspace.write").paths(PathArgs.WRITE).build())
        .command(CommandRule.program("mkdir").capability("workspace.write").paths(PathArgs.WRITE).build())
        .command(CommandRule.program("sed").capability("code.read").build())
        .command(CommandRule.program("sed").args("-i").capability("workspace.write").paths(PathArgs.WRITE).build())
        .command(CommandRule.program("python3").capability("command.exec").build())
        .command(CommandRule.program("sh").capability("command.exec").build())
        .command(CommandRule.program("bash").capability("command.exec").build())
        .command(CommandRule.program("env").capability("command.exec").paths(PathArgs.NONE).build())
        .command(CommandRule.program("timeout").capability("command.exec").paths(PathArgs.NONE).build())
        .command(CommandRule.program("xargs").capability("command.exec").paths(PathArgs.NONE).build())
        .command(CommandRule.program("kubectl").args("rollout", "restart")
            .capability("deploy.production").paths(PathArgs.NONE).build());

    b.shellWrites("workspace.write");
    b.host("registry.npmjs.org").host("github.com").host("*.github.com");
    b.outsidePath(new OutsidePathRule("outside.tmp", "/tmp/**", Access.WRITE));

    b.stopCondition(StopConditionSpec.sensitivePaths("stop.secrets", Verdict.HALT,
            ".env", ".env.*", "*.pem", "*.key", "id_rsa*", ".ssh/", "secrets/", ".aws/", ".npmrc", ".git-credentials"))
        .stopCondition(new StopConditionSpec.SensitivePaths("stop.infra-and-ci", Verdict.ESCALATE, Scope.all(),
            List.of("infra/", "*.tf", ".github/workflows/", ".gitlab-ci.yml", "Jenkinsfile", ".git/"), Access.WRITE))
        .stopCondition(new StopConditionSpec.FailedTests("stop.failed-tests", Verdict.DENY, Scope.fromLane("governed")))
        .stopCondition(StopConditionSpec.blastRadius("stop.blast-radius", Verdict.DENY, 20, 1000))
        .stopCondition(StopConditionSpec.rate("stop.rate", Verdict.DENY, 20_000, Duration.ofMinutes(1)))
        .stopCondition(new StopConditionSpec.LowConfidence("stop.low-confidence", Verdict.ESCALATE,
            Scope.fromLane("governed"), 0.6, false));

    b.evidence(EvidenceRequirement.of("evidence.governed", Scope.fromLane("governed"),
        EvidenceField.TESTS, EvidenceField.FILES_TOUCHED, EvidenceField.ASSUMPTIONS))
        .evidence(EvidenceRequirement.of("evidence.staging", Scope.fromLane("staging"), EvidenceField.ROLLBACK_PLAN));

    b.catalogue(CatalogueEntry.builder("catalogue.deploy-web", "deploy_production")
            .argument("/service", "web").environments("production").requiresApproval()
            .description("deploy the web service").build())
        .catalogue(CatalogueEntry.builder("catalogue.restart-web", "bash")
            .command("kubectl rollout restart deploy/web").description("restart the web deployment").build());

    b.approval(new ApprovalRule("approval.config", Scope.capabilities("config.edit"), "team:platform"));
    b.obligation(new ObligationRule("obligation.sandbox", Scope.effects(EffectClass.SANDBOXED), "sandbox", "isolated"));
    b.budget(new Budget("budget.staging-deploys", Scope.capabilities("deploy.staging"), 5, Duration.ofDays(1), Per.PAIR));
    return b;
  }
}
