package dev.agentlane.samples;

import dev.agentlane.Action;
import dev.agentlane.Decision;
import dev.agentlane.EffectClass;
import dev.agentlane.PolicyEngine;
import dev.agentlane.Verdict;
import dev.agentlane.policy.CommandRule;
import dev.agentlane.policy.Policy;
import dev.agentlane.policy.StopConditionSpec;
import dev.agentlane.policy.ToolMapping;

/** The README quickstart, compiled and run by the build. Run it with {@code ./demo}. */
public final class Quickstart {
  private Quickstart() {}

  /** Decides one shell call and prints the decision to standard output. */
  public static void run() {
    // quickstart:begin
    Policy policy = Policy.builder()
        .capability("code.read", "draft", EffectClass.READ)
        .capability("tests.run", "sandbox", EffectClass.SANDBOXED)
        .tool(ToolMapping.tool("read_file").capability("code.read").readPath("/path").build())
        .tool(ToolMapping.tool("bash").command("/command").build())
        .command(CommandRule.program("npm").args("test").capability("tests.run").build())
        .command(CommandRule.program("cat").capability("code.read").build())
        .stopCondition(StopConditionSpec.sensitivePaths("secrets", Verdict.HALT, ".env", "*.pem"))
        .build();

    try (PolicyEngine engine = PolicyEngine.builder().policy(policy).workspace("/work/repo").build()) {
      Action action = Action.builder().agent("coder").workflow("bugfix")
          .tool("bash").argumentsJson("{\"command\": \"npm test && cat .env\"}").build();
      Decision decision = engine.decide(action);
      System.out.println(decision.explain()); // HALT at lane draft, sensitive-path [secrets] ...
    }
    // quickstart:end
  }

  /** Entry point of the demo. */
  public static void main(String[] args) {
    System.out.println("agentlane quickstart: a draft-lane agent asks its shell tool for `npm test && cat .env`\n");
    run();
  }
}
