package dev.agentlane.samples.springai;

import dev.agentlane.Action;
import dev.agentlane.AgentKey;
import dev.agentlane.Decision;
import dev.agentlane.Execution;
import dev.agentlane.Lane;
import dev.agentlane.PolicyEngine;
import dev.agentlane.policyfile.PolicyFiles;
import dev.agentlane.spi.DecisionListener;
import dev.agentlane.springai.SpringAiToolCall;
import dev.agentlane.springai.SpringAiToolGuard;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.ToolCallingAdvisor;
import org.springframework.ai.tool.method.MethodToolCallbackProvider;

/**
 * A Spring AI {@link ChatClient} whose {@code @Tool} methods are guarded by agentlane. The model is
 * {@link ScriptedModel}, which asks for the tool calls a coding assistant might make, so the sample runs
 * without network or API keys; everything else (the tool-calling loop, the tool callbacks, the tool
 * context, the policy engine and the shipped default policy) is the real thing.
 *
 * <p>Run it with {@code mvn -q -B -ntp -f samples/spring-ai/pom.xml exec:java} after {@code mvn install -DskipTests}.
 */
public final class SpringAiSample {
  private SpringAiSample() {}

  /** Runs the conversation and prints what the model asked, what agentlane decided and what ran. */
  public static void run(PrintStream out) {
    List<String> decided = new CopyOnWriteArrayList<>();
    List<String> executed = new CopyOnWriteArrayList<>();
    DecisionListener log = new DecisionListener() {
      @Override
      public void decisionEnd(Action action, Decision decision) {
        decided.add(decision.verdict().code().toUpperCase(java.util.Locale.ROOT) + " " + action.tool()
            + " (run " + action.runId() + ")");
      }

      @Override
      public void executionEnd(Execution execution) {
        executed.add(execution.action().tool() + (execution.succeeded() ? " succeeded" : " failed"));
      }
    };
    RepoTools repo = new RepoTools();
    ScriptedModel model = new ScriptedModel()
        .thenCall("read_file", "{\"path\": \"README.md\"}")
        .thenCall("bash", "{\"command\": \"npm test\"}")
        .thenCall("bash", "{\"command\": \"npm test && cat .env\"}")
        .thenCall("read_file", "{\"path\": \"src/app.js\"}");

    try (PolicyEngine engine = PolicyEngine.builder().policy(PolicyFiles.defaultPolicy())
        .workspace("/srv/repo").listener(log).build()) {
      engine.lanes().assign(AgentKey.of("repo-assistant", "maintenance"), Lane.SANDBOX, "sample", "runs tests");

      ChatClient chat = ChatClient.builder(model).defaultAdvisors(ToolCallingAdvisor.builder().build()).build();

      // docs:spring-ai-guard:begin
      SpringAiToolGuard guard = SpringAiToolGuard.builder(engine)
          .agent("repo-assistant").workflow("maintenance")
          .build();

      String answer = chat.prompt()
          .user("The build is red. Find out why.")
          .tools(guard.wrap(MethodToolCallbackProvider.builder().toolObjects(repo).build()))
          .toolContext(Map.of(SpringAiToolCall.CONVERSATION_ID, "conversation-42"))
          .call()
          .content();
      // docs:spring-ai-guard:end

      out.println("agentlane + Spring AI: a scripted model asks a ChatClient for four tool calls.");
      out.println("The agent repo-assistant/maintenance stands in lane sandbox of the shipped default policy.\n");
      List<String> results = model.toolResults();
      for (int i = 0; i < results.size(); i++) {
        out.println((i + 1) + ". model asks " + model.asked().get(i));
        out.println("   agentlane: " + decided.get(i));
        out.println("   the model reads: " + indent(results.get(i)));
      }
      out.println("\nthe model's last answer: " + answer);
      out.println("tools that ran: " + repo.ran());
      out.println("executions the engine recorded: " + executed);
      out.println("repo-assistant/maintenance halted: "
          + engine.lanes().status(AgentKey.of("repo-assistant", "maintenance")).halted()
          + " (until a human resets it)");
    }
  }

  private static String indent(String text) {
    return text.replace("\n", "\n     ");
  }

  /** Entry point of the sample. */
  public static void main(String[] args) {
    run(System.out);
  }
}
