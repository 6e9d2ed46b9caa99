package dev.agentlane.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentlane.Action;
import dev.agentlane.Capability;
import dev.agentlane.Decision;
import dev.agentlane.Lane;
import dev.agentlane.LaneStatus;
import dev.agentlane.Obligation;
import dev.agentlane.Reason;
import dev.agentlane.Remedy;
import dev.agentlane.Verdict;
import dev.agentlane.policy.Policy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A decision retold as the numbered steps of the decision procedure ({@code docs/decisions.md}): which
 * step each reason belongs to (by its code), what each step found and where the procedure stopped. It
 * is built from the decision alone (reasons, capabilities, {@code matchedRules()}, lane, obligations,
 * remedies) and the ids of the policy's rules, and evaluates nothing again: the engine stays the only
 * judge. Stateless and thread-safe.
 */
final class DecisionSteps {
  private DecisionSteps() {}

  /** Rule ids of the fail-closed decisions of step 7: an exception in the engine, an audit record refused. */
  private static final Set<String> FAIL_CLOSED_RULES = Set.of("engine", "audit");

  /** What a step came to. Printed by {@link #code()}. */
  enum Outcome {
    /** The step ran and found nothing against the action. */
    PASSED("passed"),
    /** The step ran and produced reasons. */
    FIRED("fired"),
    /** The procedure stopped before this step. */
    NOT_REACHED("not-reached"),
    /** The evaluation failed, so what this step found is not known. */
    UNKNOWN("unknown"),
    /** A step that reports rather than judges (6 and 8). */
    DONE("done");

    private final String code;

    Outcome(String code) {
      this.code = code;
    }

    String code() {
      return code;
    }
  }

  /**
   * One step.
   *
   * @param number 1 to 8, as in docs/decisions.md
   * @param title what the step does
   * @param outcome what it came to
   * @param reasons the decision's reasons that belong to this step
   * @param details what the step found, one sentence each
   */
  record Step(int number, String title, Outcome outcome, List<Reason> reasons, List<String> details) {
    Step {
      reasons = List.copyOf(reasons);
      details = List.copyOf(details);
    }
  }

  /** The step of the decision procedure that gives a reason of this code (and rule id). */
  static int stepOf(Reason r) {
    return switch (r.code()) {
      case INVALID_ACTION -> r.ruleId().equals("validate") ? 1 : 3;
      case HALTED -> 2;
      case UNMAPPED_TOOL, UNMAPPED_COMMAND, UNPARSEABLE_COMMAND, MISSING_ARGUMENT, INVALID_PATH,
          PATH_OUTSIDE_WORKSPACE, HOST_NOT_ALLOWED -> 3;
      case LANE_TOO_LOW -> 4;
      case SENSITIVE_PATH, FAILED_TESTS, MISSING_CONTEXT, UNUSUAL_FILE_SCOPE, BLAST_RADIUS, RATE_LIMITED,
          LOW_CONFIDENCE, STOP_CONDITION, EVIDENCE_MISSING, EVIDENCE_INCONSISTENT, NOT_IN_CATALOGUE,
          APPROVAL_REQUIRED -> 5;
      case APPROVAL_DENIED, APPROVAL_TIMEOUT, APPROVED, BUDGET_EXHAUSTED -> 6;
      case INTERNAL_ERROR -> FAIL_CLOSED_RULES.contains(r.ruleId()) ? 7 : 5;
    };
  }

  /**
   * The eight steps for a decision.
   *
   * @param before the pair's lane status read just before the decision, or null if unknown
   */
  static List<Step> of(Policy policy, Action action, Decision d, @Nullable LaneStatus before) {
    Map<Integer, List<Reason>> byStep = new LinkedHashMap<>();
    for (int i = 1; i <= 8; i++) {
      byStep.put(i, new ArrayList<>());
    }
    for (Reason r : d.reasons()) {
      byStep.get(stepOf(r)).add(r);
    }
    Map<String, String> kinds = policy.ruleKinds();
    List<String> matched = d.matchedRules();
    boolean failedClosed = !byStep.get(7).isEmpty();
    // Where an early return ended the procedure: an invalid action, a halted pair, an unmapped tool.
    int stoppedAt = failedClosed ? 0 : !byStep.get(1).isEmpty() ? 1 : !byStep.get(2).isEmpty() ? 2
        : d.reasons().stream().anyMatch(r -> r.code() == dev.agentlane.ReasonCode.UNMAPPED_TOOL) ? 3 : 9;
    String pair = Output.printable(action.agent()) + "/" + Output.printable(action.workflow());
    List<Step> steps = new ArrayList<>();

    // 1. Validate.
    steps.add(judged(1, "Normalize and validate the action", byStep, stoppedAt, failedClosed,
        List.of("agent, workflow, tool, run id, arguments, context and evidence are well formed")));

    // 2. Lane.
    List<String> lane = new ArrayList<>();
    if (d.lane() != null) {
      String where = before == null || before.since() == null
          ? " (never assigned one: the policy's default lane)"
          : " (since " + before.since() + ")";
      lane.add(pair + " stands in lane " + d.lane().name() + where);
    }
    steps.add(judged(2, "Resolve the lane", byStep, stoppedAt, failedClosed, lane));

    // 3. Mapping.
    List<String> mapping = new ArrayList<>();
    addRules(mapping, "tool mapping", matched, kinds, "tool");
    addRules(mapping, "command rules", matched, kinds, "command");
    addRules(mapping, "host rules", matched, kinds, "host");
    addRules(mapping, "outside-path rules", matched, kinds, "outside-path");
    mapping.add(d.capabilities().isEmpty() ? "capabilities needed: none"
        : "capabilities needed: " + String.join(", ", d.capabilities().stream()
            .map(c -> c.name() + " (earned at " + c.lane().name() + ")").toList()));
    steps.add(judged(3, "Map the tool call to capabilities and resources", byStep, stoppedAt, failedClosed,
        mapping));

    // 4. Lane check.
    List<String> check = new ArrayList<>();
    Lane at = d.lane();
    if (at != null) {
      for (Capability c : d.capabilities()) {
        check.add(c.name() + " is earned at " + c.lane().name() + (c.lane().rank() <= at.rank()
            ? ": held in lane " + at.name() : ": above lane " + at.name()));
      }
      if (d.capabilities().isEmpty()) {
        check.add("the action needs no capability");
      }
    }
    steps.add(judged(4, "Check every capability against the lane", byStep, stoppedAt, failedClosed, check));

    // 5. Stop conditions, evidence, catalogue, approvals, obligations.
    List<String> five = new ArrayList<>();
    addRules(five, "catalogue entries matched", matched, kinds, "catalogue");
    for (Obligation o : d.obligations()) {
      five.add("obligation " + o.code() + " [" + o.ruleId() + "]" + (o.detail().isEmpty() ? "" : ": " + o.detail()));
    }
    if (byStep.get(5).isEmpty()) {
      five.add(0, "no stop condition, evidence requirement, catalogue check or approval rule fired");
    }
    steps.add(judged(5, "Stop conditions, evidence, catalogue, approvals, obligations", byStep, stoppedAt,
        failedClosed, five));

    // 6. Resolve.
    List<String> six = new ArrayList<>();
    Outcome sixth;
    if (failedClosed) {
      sixth = Outcome.UNKNOWN;
    } else if (stoppedAt <= 3) {
      sixth = Outcome.NOT_REACHED;
      six.add("the procedure stopped at step " + stoppedAt);
    } else {
      sixth = Outcome.DONE;
      List<Reason> judged = d.reasons().stream().filter(r -> stepOf(r) < 6).toList();
      if (judged.isEmpty()) {
        six.add("no step gave a reason: ALLOW");
      } else {
        Verdict strictest = judged.stream().map(Reason::verdict).reduce(Verdict.ALLOW, Verdict::strictest);
        Reason first = judged.stream().filter(r -> r.verdict() == strictest).findFirst().orElseThrow();
        six.add("strictest of " + judged.size() + (judged.size() == 1 ? " reason" : " reasons") + " (HALT > DENY > "
            + "ESCALATE > ALLOW): " + strictest + ", from " + first.code().code() + " [" + first.ruleId() + "]");
      }
      switch (d.verdict()) {
        case HALT -> six.add(pair + " is halted until a named human resets it");
        case ESCALATE -> six.add("no grant covered the call and no approval handler answers on the command "
            + "line: ESCALATE is returned for a human to approve");
        case ALLOW -> {
          if (d.grantId() != null) {
            six.add("grant " + d.grantId() + (d.approver() == null ? "" : " by " + d.approver())
                + " covered the escalation and was used");
          }
          List<String> budgets = matched.stream().filter(r -> "budget".equals(kinds.get(r))).toList();
          six.add(budgets.isEmpty() ? "no budget applies" : "budgets consumed: " + String.join(", ", budgets));
        }
        case DENY -> { }
      }
    }
    steps.add(new Step(6, "Strictest verdict wins; grants and budgets", sixth, byStep.get(6), six));

    // 7. Fail closed.
    steps.add(new Step(7, "Fail closed on any exception", failedClosed ? Outcome.FIRED : Outcome.PASSED,
        byStep.get(7), failedClosed ? List.of("the evaluation failed, so the decision is DENY; what the steps "
            + "before found is not known") : List.of("no exception: the decision stands")));

    // 8. Report.
    List<String> report = new ArrayList<>();
    report.add(d.verdict() + (d.permitsExecution() ? ": execution permitted" : ": execution refused")
        + (d.lane() == null ? "" : " at lane " + d.lane().name()));
    report.add("decision " + d.id() + " at " + d.time() + ", policy " + policy.name() + " version "
        + d.policyVersion());
    report.add("action digest " + d.actionDigest());
    report.add("matched rules: " + (matched.isEmpty() ? "none" : String.join(", ", matched)));
    for (Remedy m : d.remedies()) {
      report.add("to proceed (" + m.code() + "): " + m.message());
    }
    steps.add(new Step(8, "Report", Outcome.DONE, byStep.get(8), report));
    return steps;
  }

  /** A step that judges: fired if it has reasons, not reached after an early stop, else passed. */
  private static Step judged(int n, String title, Map<Integer, List<Reason>> byStep, int stoppedAt,
      boolean failedClosed, List<String> details) {
    List<Reason> reasons = byStep.get(n);
    if (failedClosed) {
      return new Step(n, title, Outcome.UNKNOWN, reasons, List.of());
    }
    if (n > stoppedAt) {
      return new Step(n, title, Outcome.NOT_REACHED, reasons,
          List.of("the procedure stopped at step " + stoppedAt));
    }
    if (!reasons.isEmpty()) {
      // The step that ended the procedure early found nothing more to tell than its reason.
      return new Step(n, title, Outcome.FIRED, reasons, n == stoppedAt && n != 2 ? List.of() : details);
    }
    return new Step(n, title, Outcome.PASSED, reasons, details);
  }

  private static void addRules(List<String> out, String label, List<String> matched, Map<String, String> kinds,
      String kind) {
    List<String> ids = matched.stream().filter(r -> kind.equals(kinds.get(r))).toList();
    if (!ids.isEmpty()) {
      out.add(label + ": " + String.join(", ", ids));
    }
  }

  /** The steps as text for people. */
  static String text(Action action, List<Step> steps) {
    StringBuilder sb = new StringBuilder();
    sb.append("agentlane explain: ").append(Output.printable(action.agent())).append('/')
        .append(Output.printable(action.workflow())).append(" calls ").append(Output.printable(action.tool()))
        .append('\n');
    for (Step s : steps) {
      sb.append('\n').append(s.number()).append(". ").append(s.title()).append(": ").append(s.outcome().code())
          .append('\n');
      for (Reason r : s.reasons()) {
        sb.append("   ").append(r.verdict()).append(' ').append(r.code().code()).append(" [").append(r.ruleId())
            .append("]: ").append(r.message()).append('\n');
      }
      for (String line : s.details()) {
        sb.append("   ").append(line).append('\n');
      }
    }
    return sb.toString();
  }

  /** The steps as JSON, with the decision. */
  static ObjectNode json(Decision d, List<Step> steps) {
    ObjectNode root = DecisionJson.MAPPER.createObjectNode();
    root.set("decision", DecisionJson.toTree(d));
    ArrayNode list = root.putArray("steps");
    for (Step s : steps) {
      ObjectNode o = list.addObject();
      o.put("step", s.number()).put("title", s.title()).put("outcome", s.outcome().code());
      ArrayNode reasons = o.putArray("reasons");
      for (Reason r : s.reasons()) {
        reasons.addObject().put("code", r.code().code()).put("rule", r.ruleId()).put("verdict", r.verdict().code())
            .put("message", r.message());
      }
      s.details().forEach(o.putArray("details")::add);
    }
    return root;
  }
}
