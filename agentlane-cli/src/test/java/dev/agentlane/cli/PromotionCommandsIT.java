package dev.agentlane.cli;

import static dev.agentlane.cli.StateFixture.BOT;
import static dev.agentlane.cli.StateFixture.CODER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentlane.Lane;
import dev.agentlane.Verdict;
import dev.agentlane.policyfile.PolicyFiles;
import dev.agentlane.testkit.Actions;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code promote}, {@code demote}, {@code reset} and {@code status}, run as the real jar on a real state
 * directory: each change lands in the ledger and in the audit log, and each refusal changes nothing.
 */
class PromotionCommandsIT {
  @TempDir Path work;

  private Path state() {
    return work.resolve("state");
  }

  private CliRun run(String... args) {
    return CliRun.in(work, "", args);
  }

  @Test
  void anEligiblePairIsPromotedOneLaneAndTheAuditLogRecordsWhoApproved() {
    StateFixture s = new StateFixture(state()).reviewed(BOT, 20, 19);

    CliRun run = run("promote", "--state", "state", BOT.toString(), "--by", "alice", "--note", "three clean cycles");

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).startsWith("promoted release-bot/dependency-bumps: draft -> sandbox, approved by alice "
        + "(three clean cycles)").contains("clean rate lower bound 0.86").contains("57 of 60 reviews clean");
    assertThat(s.laneNow(BOT)).isEqualTo(Lane.SANDBOX);
    List<JsonNode> audit = s.audit();
    assertThat(audit).singleElement().satisfies(r -> {
      assertThat(r.get("kind").asText()).isEqualTo("promotion");
      assertThat(r.get("agent").asText()).isEqualTo("release-bot");
      assertThat(r.get("lane").asText()).isEqualTo("sandbox");
      assertThat(r.get("approver").asText()).isEqualTo("alice");
      assertThat(r.get("detail").asText()).isEqualTo("draft -> sandbox: three clean cycles");
    });
    assertThat(s.auditVerifies()).isTrue();

    CliRun again = run("promote", "--state", "state", BOT.toString(), "--by", "alice");
    assertThat(again.exit()).as("the evidence starts afresh in the new lane").isEqualTo(ExitCode.REFUSED);
    assertThat(again.out()).contains("0 of 20 reviews");
  }

  @Test
  void aPairThatIsNotEligibleIsNotPromotedAndTheProposalNamesEveryCriterion() {
    StateFixture s = new StateFixture(state()).in(CODER, Lane.SANDBOX).reviewed(CODER, 20, 15);

    CliRun run = run("promote", "--state", "state", CODER.toString(), "--by", "alice");

    assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.REFUSED);
    assertThat(run.out()).startsWith("not promoted: coder/bugfix sandbox -> governed is not eligible");
    assertThat(run.out().lines().skip(1).toList()).hasSize(8).anySatisfy(l -> assertThat(l)
        .startsWith("  NO  clean rate lower bound 0.63").endsWith("(45 of 60 reviews clean)"))
        .anySatisfy(l -> assertThat(l).startsWith("  ok  60 reviews"))
        .anySatisfy(l -> assertThat(l).startsWith("  ok  3 release cycles"))
        .anySatisfy(l -> assertThat(l).startsWith("  ok  30 days in lane"))
        .anySatisfy(l -> assertThat(l).startsWith("  ok  rework rate upper bound"))
        .anySatisfy(l -> assertThat(l).startsWith("  ok  no severe incident"))
        .filteredOn(l -> l.startsWith("  NO  ")).hasSize(1);
    assertThat(s.laneNow(CODER)).isEqualTo(Lane.SANDBOX);
    assertThat(s.auditKinds()).doesNotContain("promotion");
  }

  @Test
  void checkPrintsTheProposalAsJsonAndPromotesNothing() {
    StateFixture s = new StateFixture(state()).reviewed(BOT, 20, 19);

    CliRun run = run("promote", "--check", "--state", "state", BOT.toString(), "--format", "json");

    assertThat(run.exit()).as(run.toString()).isZero();
    JsonNode p = StateFixture.json(run.out());
    assertThat(p.get("eligible").asBoolean()).isTrue();
    assertThat(p.get("from").asText()).isEqualTo("draft");
    assertThat(p.get("to").asText()).isEqualTo("sandbox");
    assertThat(StreamSupport.stream(p.get("criteria").spliterator(), false).map(c -> c.get("name").asText()))
        .containsExactly("next-lane", "not-halted", "min-observations", "min-release-cycles", "min-time-in-lane",
            "clean-rate", "rework-rate", "no-severe-incident");
    assertThat(s.laneNow(BOT)).isEqualTo(Lane.DRAFT);
    assertThat(s.auditKinds()).isEmpty();

    CliRun notEligible = run("promote", "--check", "--state", "state", CODER.toString());
    assertThat(notEligible.exit()).isEqualTo(ExitCode.REFUSED);
    assertThat(notEligible.out()).startsWith("coder/bugfix draft -> sandbox is not eligible");
  }

  @Test
  void promotingNeedsANamedApproverAndAnExistingStateDirectory() {
    new StateFixture(state()).reviewed(BOT, 20, 19);

    CliRun noApprover = run("promote", "--state", "state", BOT.toString());
    assertThat(noApprover.exit()).isEqualTo(ExitCode.USAGE);
    assertThat(noApprover.err()).contains("promote needs --by NAME");

    CliRun badPair = run("promote", "--state", "state", "release-bot", "--by", "alice");
    assertThat(badPair.exit()).isEqualTo(ExitCode.USAGE);
    assertThat(badPair.err()).contains("expected AGENT/WORKFLOW");

    CliRun misspelt = run("promote", "--state", "stat", BOT.toString(), "--by", "alice");
    assertThat(misspelt.exit()).isEqualTo(ExitCode.ERROR);
    assertThat(misspelt.err()).startsWith("agentlane: the state directory 'stat' does not exist");
    assertThat(work.resolve("stat")).doesNotExist();
  }

  @Test
  void demoteMovesOneLaneDownWithTheReasonAndRefusesBelowTheLowestLane() {
    StateFixture s = new StateFixture(state()).in(CODER, Lane.GOVERNED);

    CliRun run = run("demote", "--state", "state", CODER.toString(), "--by", "bob", "--reason", "two reverts");
    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).startsWith("demoted coder/bugfix: governed -> sandbox by bob (two reverts)");
    assertThat(s.laneNow(CODER)).isEqualTo(Lane.SANDBOX);
    assertThat(s.audit()).singleElement().satisfies(r -> {
      assertThat(r.get("kind").asText()).isEqualTo("demotion");
      assertThat(r.get("approver").asText()).isEqualTo("bob");
      assertThat(r.get("detail").asText()).isEqualTo("governed -> sandbox: two reverts");
    });

    CliRun json = run("demote", "--state", "state", CODER.toString(), "--by", "bob", "--reason", "again", "--format",
        "json");
    assertThat(json.exit()).isZero();
    assertThat(StateFixture.json(json.out()).get("to").asText()).isEqualTo("draft");

    CliRun bottom = run("demote", "--state", "state", CODER.toString(), "--by", "bob", "--reason", "once more");
    assertThat(bottom.exit()).isEqualTo(ExitCode.REFUSED);
    assertThat(bottom.out()).contains("already stands in the lowest lane, draft");
    assertThat(s.auditKinds()).containsExactly("demotion", "demotion");
    assertThat(s.auditVerifies()).isTrue();
  }

  @Test
  void resetLiftsAHaltTheEngineLatchedAndIsRecorded() {
    new StateFixture(state()).in(BOT, Lane.SANDBOX);
    try (StateDir st = StateDir.open(state(), PolicyFiles.defaultPolicy(), null)) {
      assertThat(st.engine().decide(Actions.of(BOT).bash("npm test && cat .env")).verdict()).isEqualTo(Verdict.HALT);
    }
    StateFixture s = new StateFixture(state());
    assertThat(s.haltedNow(BOT)).isTrue();

    CliRun status = run("status", "--state", "state", BOT.toString());
    assertThat(status.exit()).isZero();
    assertThat(status.out()).contains("halted    YES since").contains("sensitive-path")
        .contains("lane      draft").contains("proposal  draft -> sandbox: not eligible");

    CliRun run = run("reset", "--state", "state", BOT.toString(), "--by", "alice");
    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).startsWith("reset release-bot/dependency-bumps: halt lifted by alice")
        .contains("it stands in lane draft");
    assertThat(s.haltedNow(BOT)).isFalse();
    assertThat(s.auditKinds()).containsExactly("halt", "demotion", "decision", "reset");
    assertThat(s.audit().get(3).get("approver").asText()).isEqualTo("alice");
    assertThat(s.auditVerifies()).isTrue();

    CliRun again = run("reset", "--state", "state", BOT.toString(), "--by", "alice", "--format", "json");
    assertThat(again.exit()).isEqualTo(ExitCode.REFUSED);
    assertThat(StateFixture.json(again.out()).get("reset").asBoolean()).isFalse();
  }

  @Test
  void statusSaysWhichWorkflowsAreReadyToPromote() {
    new StateFixture(state()).reviewed(BOT, 20, 19).in(CODER, Lane.SANDBOX).reviewed(CODER, 20, 15);

    CliRun text = run("status", "--state", "state");
    assertThat(text.exit()).as(text.toString()).isZero();
    assertThat(text.out().lines().limit(2)).containsExactly("2 pairs in state (policy default)",
        "ready to promote: release-bot/dependency-bumps (draft -> sandbox)");
    assertThat(text.out()).contains("coder/bugfix\n  lane      sandbox since")
        .contains("60 reviews, 45 clean: rate 0.75, 95% Wilson bounds 0.63..0.84")
        .contains("proposal  sandbox -> governed: not eligible")
        .contains("proposal  draft -> sandbox: ELIGIBLE");

    CliRun ready = run("status", "--state", "state", "--ready", "--format", "json");
    assertThat(ready.exit()).isZero();
    JsonNode r = StateFixture.json(ready.out());
    assertThat(r.get("ready").toString()).isEqualTo("[\"release-bot/dependency-bumps\"]");
    assertThat(r.get("pairs")).singleElement().satisfies(p -> {
      assertThat(p.get("agent").asText()).isEqualTo("release-bot");
      assertThat(p.get("lane").asText()).isEqualTo("draft");
      assertThat(p.get("halted").asBoolean()).isFalse();
      assertThat(p.get("metrics").get("reviews").asLong()).isEqualTo(60);
      assertThat(p.get("metrics").get("clean-rate-lower-bound").asDouble()).isBetween(0.85, 0.87);
      assertThat(p.get("proposal").get("eligible").asBoolean()).isTrue();
    });
  }

  @Test
  void statusWithoutAStateShowsAPairAsAFreshLedgerSeesIt() {
    CliRun run = run("status", "someone/something");
    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).startsWith("1 pair in no state directory (policy default)")
        .contains("lane      draft (no record in the ledger yet)").contains("0 of 20 reviews");
    assertThat(work.resolve("state")).doesNotExist();
  }
}
