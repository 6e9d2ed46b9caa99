package dev.agentlane.cli;

import static dev.agentlane.cli.StateFixture.CODER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentlane.Action;
import dev.agentlane.Decision;
import dev.agentlane.Lane;
import dev.agentlane.Verdict;
import dev.agentlane.policyfile.PolicyFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code grant} and {@code revoke}, run as the real jar: a grant is kept in the state directory, recorded in
 * the audit log, honoured and used up by later decisions on that state (made here in this JVM, as
 * {@code agentlane decide --state DIR} makes them), listed by {@code status}, and ended by {@code revoke}.
 */
class GrantCommandsIT {
  /** Editing terraform escalates in sandbox under the default policy. */
  static final String TERRAFORM = """
      {"agent": "coder", "workflow": "bugfix", "tool": "edit_file",
       "arguments": {"path": "infra/network/main.tf", "old_string": "a", "new_string": "b"}}
      """;
  static final String OTHER_TERRAFORM = """
      {"agent": "coder", "workflow": "bugfix", "tool": "edit_file",
       "arguments": {"path": "infra/dns/main.tf", "old_string": "a", "new_string": "b"}}
      """;

  @TempDir Path work;
  private StateFixture state;

  @BeforeEach
  void coderInSandbox() throws IOException {
    state = new StateFixture(work.resolve("state")).in(CODER, Lane.SANDBOX);
    Files.writeString(work.resolve("terraform.json"), TERRAFORM);
  }

  private CliRun run(String... args) {
    return CliRun.in(work, "", args);
  }

  /** One decision in its own state session, as one {@code agentlane decide --state DIR} run makes it. */
  private Decision decide(String actionJson) {
    Action action = ActionJson.read(actionJson, "test");
    try (StateDir s = StateDir.open(state.dir, PolicyFiles.defaultPolicy(), null)) {
      return s.engine().decide(action);
    }
  }

  private JsonNode grantsFile() throws IOException {
    return StateFixture.json(Files.readString(state.dir.resolve(GrantFile.NAME)));
  }

  @Test
  void aCallsGrantIsKeptRecordedAndUsedUpByLaterDecisions() throws IOException {
    assertThat(decide(TERRAFORM).verdict()).as("without a grant").isEqualTo(Verdict.ESCALATE);

    CliRun run = run("grant", "--state", "state", "terraform.json", "--calls", "2", "--by", "alice", "--reason",
        "terraform fmt");

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).startsWith("granted g-").contains(": edit_file for coder/bugfix, 2 of 2 calls left, "
        + "approved by alice (terraform fmt)");
    JsonNode g = grantsFile().get("grants").get(0);
    String id = g.get("id").asText();
    assertThat(g.get("scope").asText()).isEqualTo("calls");
    assertThat(g.get("remaining-uses").asInt()).isEqualTo(2);
    assertThat(state.audit()).last().satisfies(r -> {
      assertThat(r.get("kind").asText()).isEqualTo("grant");
      assertThat(r.get("approver").asText()).isEqualTo("alice");
      assertThat(r.get("detail").asText()).isEqualTo(id + " edit_file: terraform fmt");
    });

    Decision first = decide(TERRAFORM);
    assertThat(first.verdict()).isEqualTo(Verdict.ALLOW);
    assertThat(first.grantId()).isEqualTo(id);
    assertThat(grantsFile().get("grants").get(0).get("remaining-uses").asInt()).isEqualTo(1);

    CliRun status = run("status", "--state", "state", CODER.toString());
    assertThat(status.out()).contains("grants\n    " + id + ": edit_file for coder/bugfix, 1 of 2 calls left");

    assertThat(decide(OTHER_TERRAFORM).verdict()).as("a calls grant covers the tool").isEqualTo(Verdict.ALLOW);
    assertThat(grantsFile().get("grants")).isEmpty();
    assertThat(decide(TERRAFORM).verdict()).as("two calls, not three").isEqualTo(Verdict.ESCALATE);
    assertThat(state.auditVerifies()).isTrue();
  }

  @Test
  void aGrantForOneExactActionAllowsThatActionOnceFromStandardInput() {
    CliRun run = CliRun.in(work, TERRAFORM, "grant", "--state", "state", "-", "--once", "--by", "alice", "--reason",
        "this one", "--format", "json");

    assertThat(run.exit()).as(run.toString()).isZero();
    JsonNode g = StateFixture.json(run.out());
    assertThat(g.get("scope").asText()).isEqualTo("exact-action");
    assertThat(g.get("action-digest").asText()).hasSize(64);
    assertThat(decide(OTHER_TERRAFORM).verdict()).isEqualTo(Verdict.ESCALATE);
    assertThat(decide(TERRAFORM).grantId()).isEqualTo(g.get("id").asText());
    assertThat(decide(TERRAFORM).verdict()).isEqualTo(Verdict.ESCALATE);
  }

  @Test
  void aWindowGrantAndATaskGrantAreKeptWithTheirReach() throws IOException {
    assertThat(run("grant", "--state", "state", "terraform.json", "--window", "2h", "--by", "alice", "--reason",
        "maintenance window").exit()).isZero();
    Files.writeString(work.resolve("in-run.json"), TERRAFORM.replace("\"tool\"", "\"run-id\": \"task-17\", \"tool\""));
    CliRun task = run("grant", "--state", "state", "in-run.json", "--task", "task-17", "--by", "alice", "--reason",
        "this task");
    assertThat(task.exit()).as(task.toString()).isZero();
    assertThat(task.out()).contains("any call in run task-17");

    JsonNode grants = grantsFile().get("grants");
    assertThat(grants).hasSize(2);
    assertThat(grants.get(0).get("window").asText()).isEqualTo("PT2H");
    assertThat(grants.get(0).get("expires-at").asText()).isNotEmpty();
    assertThat(grants.get(1).get("run-id").asText()).isEqualTo("task-17");

    CliRun otherRun = run("grant", "--state", "state", "in-run.json", "--task", "task-18", "--by", "alice",
        "--reason", "x");
    assertThat(otherRun.exit()).isEqualTo(ExitCode.ERROR);
    assertThat(otherRun.err()).contains("cannot grant: task grant for run 'task-18' does not cover the action's run "
        + "'task-17'");
  }

  @Test
  void revokeEndsAGrantAndIsRecorded() throws IOException {
    CliRun granted = run("grant", "--state", "state", "terraform.json", "--calls", "5", "--by", "alice", "--reason",
        "fmt", "--format", "json");
    String id = StateFixture.json(granted.out()).get("id").asText();

    CliRun run = run("revoke", "--state", "state", id, "--by", "bob");

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).startsWith("revoked " + id + ": edit_file for coder/bugfix, 5 of 5 calls left");
    assertThat(grantsFile().get("grants")).isEmpty();
    assertThat(state.auditKinds()).containsExactly("grant", "revocation");
    assertThat(state.audit().get(1).get("approver").asText()).isEqualTo("bob");
    assertThat(decide(TERRAFORM).verdict()).isEqualTo(Verdict.ESCALATE);

    CliRun again = run("revoke", "--state", "state", id, "--by", "bob");
    assertThat(again.exit()).isEqualTo(ExitCode.REFUSED);
    assertThat(again.out()).contains("no grant " + id + " can still apply");
    assertThat(state.auditVerifies()).isTrue();
  }

  @Test
  void grantingNeedsOneReachAndAReadableAction() throws IOException {
    CliRun noReach = run("grant", "--state", "state", "terraform.json", "--by", "alice", "--reason", "x");
    assertThat(noReach.exit()).isEqualTo(ExitCode.USAGE);
    assertThat(noReach.err()).contains("--once | --calls=N | --window=DURATION | --task=RUN-ID");

    CliRun two = run("grant", "--state", "state", "terraform.json", "--once", "--calls", "2", "--by", "alice",
        "--reason", "x");
    assertThat(two.exit()).isEqualTo(ExitCode.USAGE);

    CliRun badWindow = run("grant", "--state", "state", "terraform.json", "--window", "2 weeks", "--by", "alice",
        "--reason", "x");
    assertThat(badWindow.exit()).isEqualTo(ExitCode.USAGE);
    assertThat(badWindow.err()).contains("--window must be a duration such as 90s, 30m, 2h, 7d or PT2H");

    Files.writeString(work.resolve("bad.json"), "{\"agent\": \"coder\", \"workflow\": \"bugfix\", \"tol\": \"x\"}");
    CliRun badAction = run("grant", "--state", "state", "bad.json", "--once", "--by", "alice", "--reason", "x");
    assertThat(badAction.exit()).isEqualTo(ExitCode.ERROR);
    assertThat(badAction.err()).startsWith("agentlane: bad.json: $.tol unknown key");
    assertThat(state.dir.resolve(GrantFile.NAME)).doesNotExist();
  }

  @Test
  void aCommandWhileAnotherHoldsTheGrantsFailsInsteadOfSpendingTheSameUse() {
    try (GrantFile held = GrantFile.open(state.dir)) {
      CliRun run = run("grant", "--state", "state", "terraform.json", "--once", "--by", "alice", "--reason", "x");
      assertThat(run.exit()).isEqualTo(ExitCode.ERROR);
      assertThat(run.err()).contains("are in use by another agentlane command (grants.lock is locked)");
    }
    assertThat(run("grant", "--state", "state", "terraform.json", "--once", "--by", "alice", "--reason", "x").exit())
        .as("once the lock is released").isZero();
  }

  @Test
  void aDamagedGrantsFileIsReportedWithItsJsonPath() throws IOException {
    Files.writeString(state.dir.resolve(GrantFile.NAME), """
        {"format": "agentlane-grants/1", "grants": [{"id": "g-1", "agent": "coder", "workflow": "bugfix",
          "tool": "edit_file", "scope": "calls", "calls": 2, "approver": "alice", "reason": "x",
          "issued-at": "2026-01-05T10:00:00Z", "remaining-uses": "two"}]}
        """);
    CliRun run = run("status", "--state", "state");
    assertThat(run.exit()).isEqualTo(ExitCode.ERROR);
    assertThat(run.err()).contains("grants.json: $.grants[0].remaining-uses must be a whole number");
  }
}
