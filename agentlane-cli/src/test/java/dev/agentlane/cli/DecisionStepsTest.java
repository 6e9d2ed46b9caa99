package dev.agentlane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentlane.Action;
import dev.agentlane.AgentKey;
import dev.agentlane.Decision;
import dev.agentlane.GrantScope;
import dev.agentlane.Lane;
import dev.agentlane.LaneDirectory;
import dev.agentlane.LaneStatus;
import dev.agentlane.PolicyEngine;
import dev.agentlane.Reason;
import dev.agentlane.ReasonCode;
import dev.agentlane.Verdict;
import dev.agentlane.policy.Policy;
import dev.agentlane.policyfile.PolicyFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code explain}'s steps on decisions the real engine makes in the cases the command line cannot reach
 * on its own (a grant, an evaluation that fails), and the step of every reason code as docs/decisions.md
 * states it.
 */
class DecisionStepsTest {
  private static final Policy POLICY = PolicyFiles.defaultPolicy();
  private static final AgentKey CODER = AgentKey.of("coder", "bugfix");

  private static Action writeCi() {
    return Action.builder().key(CODER).tool("write_file")
        .argumentsJson("{\"path\": \".github/workflows/ci.yml\", \"content\": \"x\"}").build();
  }

  @Test
  void aGrantThatCoversAnEscalationIsToldAtStepSix() {
    try (PolicyEngine engine = PolicyEngine.builder().policy(POLICY).workspace("/work/repo").build()) {
      engine.lanes().assign(CODER, Lane.SANDBOX, "test", "setup");
      engine.grants().issue(writeCi(), GrantScope.exactAction(), "alice", "reviewed the workflow change");
      Decision d = engine.decide(writeCi());
      assertThat(d.verdict()).as(d.explain()).isEqualTo(Verdict.ALLOW);
      List<DecisionSteps.Step> steps = DecisionSteps.of(POLICY, writeCi(), d, engine.lanes().status(CODER));
      assertThat(steps.get(4).outcome()).isEqualTo(DecisionSteps.Outcome.FIRED);
      assertThat(steps.get(4).reasons()).extracting(Reason::code).contains(ReasonCode.SENSITIVE_PATH);
      DecisionSteps.Step six = steps.get(5);
      assertThat(six.reasons()).extracting(Reason::code).containsExactly(ReasonCode.APPROVED);
      assertThat(six.details()).anyMatch(line -> line.startsWith("strictest of ") && line.contains("ESCALATE"))
          .contains("grant " + d.grantId() + " by alice covered the escalation and was used");
      assertThat(steps.get(7).details()).contains("ALLOW: execution permitted at lane sandbox");
    }
  }

  /** A lane directory that fails, as a broken database would. */
  private static final class FailingLanes implements LaneDirectory {
    @Override
    public LaneStatus status(AgentKey key) {
      throw new IllegalStateException("the lane store is down");
    }

    @Override
    public List<LaneStatus> all() {
      return List.of();
    }

    @Override
    public void assign(AgentKey key, Lane lane, String by, String note) {}

    @Override
    public void halt(AgentKey key, String reason, String by) {}

    @Override
    public boolean reset(AgentKey key, String by) {
      return false;
    }
  }

  @Test
  void anEvaluationThatFailsClosedLeavesTheStepsBeforeUnknown() {
    try (PolicyEngine engine = PolicyEngine.builder().policy(POLICY).laneDirectory(new FailingLanes()).build()) {
      Decision d = engine.decide(writeCi());
      assertThat(d.reasons()).extracting(Reason::code).containsExactly(ReasonCode.INTERNAL_ERROR);
      List<DecisionSteps.Step> steps = DecisionSteps.of(POLICY, writeCi(), d, null);
      assertThat(steps).extracting(DecisionSteps.Step::outcome).containsExactly(DecisionSteps.Outcome.UNKNOWN,
          DecisionSteps.Outcome.UNKNOWN, DecisionSteps.Outcome.UNKNOWN, DecisionSteps.Outcome.UNKNOWN,
          DecisionSteps.Outcome.UNKNOWN, DecisionSteps.Outcome.UNKNOWN, DecisionSteps.Outcome.FIRED,
          DecisionSteps.Outcome.DONE);
      assertThat(steps.get(6).reasons().get(0).message()).contains("the lane store is down");
    }
  }

  @Test
  void everyReasonCodeIsPlacedAtAStepTheDecisionProcedureNamesForIt() throws IOException {
    String page = Files.readString(Path.of("..", "docs", "decisions.md"));
    String table = page.substring(page.indexOf("## Reason codes"));
    Map<String, Set<Integer>> documented = new LinkedHashMap<>();
    Matcher row = Pattern.compile("(?m)^\\| (`[^|]+`) \\| ([\\d, ]+) \\|").matcher(table);
    while (row.find()) {
      Set<Integer> stepSet = Stream.of(row.group(2).split(",")).map(String::strip).map(Integer::valueOf)
          .collect(Collectors.toSet());
      Matcher code = Pattern.compile("`([a-z-]+)`").matcher(row.group(1));
      while (code.find()) {
        documented.put(code.group(1), stepSet);
      }
    }
    assertThat(documented.keySet()).as("every code is in the table")
        .containsExactlyInAnyOrderElementsOf(Stream.of(ReasonCode.values()).map(ReasonCode::code).toList());
    for (ReasonCode c : ReasonCode.values()) {
      for (String rule : List.of("validate", "engine", "audit", "tool.bash", "stop.secrets", "approval")) {
        int step = DecisionSteps.stepOf(Reason.of(c, rule, Verdict.DENY, "m"));
        assertThat(documented.get(c.code())).as("%s [%s] at step %d", c.code(), rule, step).contains(step);
      }
    }
    assertThat(DecisionSteps.stepOf(Reason.of(ReasonCode.INVALID_ACTION, "validate", Verdict.DENY, "m"))).isEqualTo(1);
    assertThat(DecisionSteps.stepOf(Reason.of(ReasonCode.INVALID_ACTION, "tool.bash", Verdict.DENY, "m"))).isEqualTo(3);
    assertThat(DecisionSteps.stepOf(Reason.of(ReasonCode.INTERNAL_ERROR, "stop.x", Verdict.DENY, "m"))).isEqualTo(5);
    assertThat(DecisionSteps.stepOf(Reason.of(ReasonCode.INTERNAL_ERROR, "audit", Verdict.DENY, "m"))).isEqualTo(7);
  }
}
