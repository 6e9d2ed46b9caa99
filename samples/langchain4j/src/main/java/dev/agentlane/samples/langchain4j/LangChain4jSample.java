package dev.agentlane.samples.langchain4j;

import static dev.agentlane.samples.langchain4j.ScriptedChatModel.answer;
import static dev.agentlane.samples.langchain4j.ScriptedChatModel.toolCall;

import dev.agentlane.Action;
import dev.agentlane.AgentKey;
import dev.agentlane.Decision;
import dev.agentlane.Execution;
import dev.agentlane.Lane;
import dev.agentlane.PolicyEngine;
import dev.agentlane.Reason;
import dev.agentlane.langchain4j.AgentLaneTools;
import dev.agentlane.policyfile.PolicyFiles;
import dev.agentlane.spi.DecisionListener;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.UserMessage;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A LangChain4j AI service whose every tool call agentlane decides first. The chat model is scripted (no
 * network, no API key): as a coding agent in the sandbox lane, on the shipped default policy, it reads
 * code, runs the tests, reads {@code .env}, pushes to main and deploys to production, in that order. Reading
 * {@code .env} halts the pair, so the push and the deploy are refused as halted; a human then resets the
 * pair and the agent tries the push and the deploy once more, to show what the lanes say about them. The
 * sample prints each decision, what the model was told, and which tools really ran.
 *
 * <p>Run it with {@code mvn -q -B -ntp -f samples/langchain4j/pom.xml exec:java} after {@code mvn install
 * -DskipTests} (or {@code ./demo}).
 */
public final class LangChain4jSample {
  private static final AgentKey CODER = AgentKey.of("coder", "bugfix");

  /** The first task: what the scripted model asks for, in order, then its answer. */
  static final List<AiMessage> FIRST_TASK = List.of(
      toolCall("1", "read_file", "{\"path\": \"src/main/java/App.java\"}"),
      toolCall("2", "bash", "{\"command\": \"mvn -q test\"}"),
      toolCall("3", "bash", "{\"command\": \"cat .env\"}"),
      toolCall("4", "bash", "{\"command\": \"git push origin main\"}"),
      toolCall("5", "deploy_production", "{\"service\": \"web\", \"environment\": \"production\", \"version\": \"1.4.2\"}"),
      answer("I read the code and the tests pass; everything after that was refused."));

  /** The second task, after a human lifted the halt: push and deploy again. */
  static final List<AiMessage> SECOND_TASK = List.of(
      toolCall("6", "bash", "{\"command\": \"git push origin main\"}"),
      toolCall("7", "deploy_production", "{\"service\": \"web\", \"environment\": \"production\", \"version\": \"1.4.2\"}"),
      answer("Pushing and deploying are above my lane."));

  private LangChain4jSample() {}

  /** The AI service: one method, a task id as the chat memory id (and so the run id agentlane records). */
  interface CodingAgent {
    String work(@MemoryId String task, @UserMessage String request);
  }

  /** Runs the scripted conversation and prints what happened to {@code out}. */
  public static void run(PrintStream out) {
    List<Action> actions = new CopyOnWriteArrayList<>();
    List<Decision> decisions = new CopyOnWriteArrayList<>();
    Set<String> executed = ConcurrentHashMap.newKeySet();
    DecisionListener listener = new DecisionListener() {
      @Override
      public void decisionEnd(Action action, Decision decision) {
        actions.add(action);
        decisions.add(decision);
      }

      @Override
      public void executionEnd(Execution execution) {
        executed.add(execution.decision().id());
      }
    };
    List<AiMessage> script = new ArrayList<>(FIRST_TASK);
    script.addAll(SECOND_TASK);
    ScriptedChatModel model = new ScriptedChatModel(script);
    WorkspaceTools tools = new WorkspaceTools();

    try (PolicyEngine engine = PolicyEngine.builder().policy(PolicyFiles.defaultPolicy()).workspace("/work/repo")
        .listener(listener).build()) {
      engine.lanes().assign(CODER, Lane.SANDBOX, "sample", "the coder has earned the sandbox lane");
      out.println("agentlane + LangChain4j: agent coder, workflow bugfix, in lane "
          + engine.lanes().status(CODER).lane().name() + ", on the shipped default policy.");
      out.println("The chat model is scripted (no network, no API key); the tools only pretend.");

      // docs:langchain4j-setup:begin
      AgentLaneTools guarded = AgentLaneTools.builder(engine).agent("coder").workflow("bugfix").build();
      CodingAgent agent = AiServices.builder(CodingAgent.class)
          .chatModel(model)
          .chatMemoryProvider(task -> MessageWindowChatMemory.withMaxMessages(50))
          .tools(guarded.tools(tools))   // in place of .tools(tools): every call is decided first
          .build();
      String answer = agent.work("task-17", "Fix the failing login test and ship it.");
      // docs:langchain4j-setup:end

      out.println();
      out.println("Task task-17: \"Fix the failing login test and ship it.\"");
      int step = print(out, FIRST_TASK, 0, model, actions, decisions, executed);
      out.println("The agent's answer: " + answer);
      out.println("Halted: " + engine.lanes().status(CODER).halted() + " (until a named human resets the pair)");

      engine.lanes().reset(CODER, "alice");
      out.println();
      out.println("alice reviews the attempt and resets coder/bugfix. Task task-18: \"Ship the fix.\"");
      String second = agent.work("task-18", "Ship the fix.");
      print(out, SECOND_TASK, step, model, actions, decisions, executed);
      out.println("The agent's answer: " + second);

      out.println();
      out.println("Tools that really ran: " + (tools.ran().isEmpty() ? "none" : String.join("; ", tools.ran())));
    }
  }

  /** Prints the tool calls of one task, numbered from {@code first + 1}; returns the number printed last. */
  private static int print(PrintStream out, List<AiMessage> task, int first, ScriptedChatModel model,
      List<Action> actions, List<Decision> decisions, Set<String> executed) {
    int n = first;
    for (AiMessage turn : task) {
      if (!turn.hasToolExecutionRequests()) {
        continue;
      }
      ToolExecutionRequest call = turn.toolExecutionRequests().get(0);
      out.println();
      out.println((n + 1) + ". " + call.name() + " " + call.arguments());
      Decision decision = decisions.get(n);
      out.println("   decision: " + summary(decision));
      if (decision.permitsExecution()) {
        decision.obligations().forEach(o -> out.println("   obligation: " + o.code() + ": " + o.detail()));
      }
      out.println("   run id:   " + actions.get(n).runId());
      out.println("   ran:      " + (executed.contains(decision.id()) ? "yes" : "no"));
      out.println("   the model was told: " + indent(model.told(call.id()), "     "));
      n++;
    }
    out.println();
    return n;
  }

  /** The verdict, the lane and each distinct reason (code and rule), counted: the full text is what the model got. */
  private static String summary(Decision decision) {
    StringBuilder sb = new StringBuilder(decision.verdict().name());
    if (decision.lane() != null) {
      sb.append(" at lane ").append(decision.lane().name());
    }
    Map<String, Integer> reasons = new LinkedHashMap<>();
    for (Reason r : decision.reasons()) {
      reasons.merge(r.code().code() + " [" + r.ruleId() + "]", 1, Integer::sum);
    }
    String sep = ": ";
    for (Map.Entry<String, Integer> r : reasons.entrySet()) {
      sb.append(sep).append(r.getKey()).append(r.getValue() > 1 ? " x" + r.getValue() : "");
      sep = ", ";
    }
    return sb.toString();
  }

  private static String indent(String text, String prefix) {
    return text == null ? "(nothing)" : text.replace("\n", "\n" + prefix);
  }

  /** Entry point: prints the conversation to standard output. */
  public static void main(String[] args) {
    run(System.out);
  }
}
