package dev.agentlane.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentlane.Action;
import dev.agentlane.AgentKey;
import dev.agentlane.Grant;
import dev.agentlane.GrantScope;
import dev.agentlane.Lane;
import dev.agentlane.Verdict;
import dev.agentlane.policyfile.PolicyFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The grants of a state directory survive between state sessions exactly: ids, scopes, digests, times and
 * remaining uses; and a damaged file is reported, never silently reset.
 */
class GrantFileTest {
  static final AgentKey CODER = AgentKey.of("coder", "bugfix");
  static final String TERRAFORM = GrantCommandsIT.TERRAFORM;

  @TempDir Path dir;

  @BeforeEach
  void coderInSandbox() {
    new StateFixture(dir).in(CODER, Lane.SANDBOX);
  }

  private StateDir session() {
    return StateDir.open(dir, PolicyFiles.defaultPolicy(), null);
  }

  private static Action action(String json) {
    return ActionJson.read(json, "test");
  }

  @Test
  void everyKindOfGrantReadsBackAsTheSameGrant() {
    List<Grant> issued;
    Action inRun = action(TERRAFORM.replace("\"tool\"", "\"run-id\": \"t-1\", \"tool\""));
    try (StateDir s = session()) {
      s.engine().grants().issue(action(TERRAFORM), GrantScope.exactAction(), "alice", "one");
      s.engine().grants().issue(action(TERRAFORM), GrantScope.calls(3), "alice", "three");
      s.engine().grants().issue(action(TERRAFORM), GrantScope.window(Duration.ofHours(2)), "alice", "two hours");
      s.engine().grants().issue(inRun, GrantScope.task("t-1"), "alice", "a run");
      issued = s.engine().grants().list();
    }
    try (GrantFile file = GrantFile.open(dir)) {
      assertThat(file.grants()).isEqualTo(issued);
    }
    try (StateDir s = session()) {
      assertThat(s.engine().grants().list()).isEqualTo(issued);
    }
  }

  @Test
  void usesSpentInOneSessionAreGoneInTheNext() {
    String id;
    try (StateDir s = session()) {
      id = s.engine().grants().issue(action(TERRAFORM), GrantScope.calls(3), "alice", "fmt").id();
    }
    for (int left = 2; left >= 0; left--) {
      try (StateDir s = session()) {
        assertThat(s.engine().decide(action(TERRAFORM)).grantId()).isEqualTo(id);
      }
      try (GrantFile file = GrantFile.open(dir)) {
        assertThat(file.grants().stream().mapToInt(Grant::remainingUses).sum()).isEqualTo(left);
      }
    }
    try (StateDir s = session()) {
      assertThat(s.engine().decide(action(TERRAFORM)).verdict()).isEqualTo(Verdict.ESCALATE);
    }
  }

  @Test
  void anExpiredGrantIsNotHonouredAndLeavesTheFile() throws IOException {
    Instant now = Instant.now();
    write(entry("g-old-1", "window", "\"window\": \"PT1H\", \"expires-at\": \"" + now.minus(Duration.ofMinutes(1))
        + "\", \"issued-at\": \"" + now.minus(Duration.ofMinutes(61)) + "\", \"remaining-uses\": -1"));
    try (StateDir s = session()) {
      assertThat(s.engine().grants().list()).isEmpty();
      assertThat(s.engine().decide(action(TERRAFORM)).verdict()).isEqualTo(Verdict.ESCALATE);
    }
    try (GrantFile file = GrantFile.open(dir)) {
      assertThat(file.grants()).isEmpty();
    }
  }

  @Test
  void aGrantTheEngineCouldNotHaveIssuedIsReportedNamingTheFile() throws IOException {
    write(entry("g-1", "calls", "\"calls\": 2, \"issued-at\": \"2026-01-05T10:00:00Z\", \"remaining-uses\": 7"));
    assertThatThrownBy(this::session).isInstanceOf(CliException.class)
        .hasMessage(dir.resolve(GrantFile.NAME) + ": cannot restore grant g-1: remaining uses must be within 0..2 "
            + "but were 7");
    assertThatThrownBy(this::session).as("still refused: a damaged file is never reset")
        .isInstanceOf(CliException.class);
    assertThat(Files.readString(dir.resolve(GrantFile.NAME))).contains("\"remaining-uses\": 7");
  }

  @Test
  void malformedFilesAreReportedWithTheirJsonPath() throws IOException {
    Files.writeString(dir.resolve(GrantFile.NAME), "{\"format\": \"agentlane-grants/9\", \"grants\": []}");
    assertThatThrownBy(() -> GrantFile.open(dir)).hasMessageEndingWith(
        "grants.json: $.format must be \"agentlane-grants/1\"");
    write(entry("g-1", "forever", "\"issued-at\": \"2026-01-05T10:00:00Z\", \"remaining-uses\": 1"));
    assertThatThrownBy(() -> GrantFile.open(dir)).hasMessageEndingWith(
        "grants.json: $.grants[0].scope must be exact-action, calls, window or task but was 'forever'");
    write(entry("g-1", "calls", "\"calls\": 2, \"issued-at\": \"yesterday\", \"remaining-uses\": 1"));
    assertThatThrownBy(() -> GrantFile.open(dir)).hasMessageEndingWith(
        "grants.json: $.grants[0].issued-at must be an ISO-8601 instant such as 2026-01-05T10:00:00Z");
    Files.writeString(dir.resolve(GrantFile.NAME), "{\"format\": \"agentlane-grants/1\", \"grants\": [}");
    assertThatThrownBy(() -> GrantFile.open(dir)).hasMessageContaining("grants.json: not a grants file")
        .hasMessageContaining("line 1");
  }

  @Test
  void theGrantsOfADirectoryAreHeldByOneSessionAtATime() {
    try (GrantFile first = GrantFile.open(dir)) {
      assertThatThrownBy(() -> GrantFile.open(dir)).isInstanceOf(CliException.class)
          .hasMessageContaining("are in use by another agentlane command");
    }
    GrantFile.open(dir).close();
  }

  @Test
  void aStateWithoutGrantsWritesNoGrantsFile() {
    try (StateDir s = session()) {
      s.engine().decide(action(TERRAFORM));
    }
    assertThat(dir.resolve(GrantFile.NAME)).doesNotExist();
  }

  private static String entry(String id, String scope, String rest) {
    return "{\"id\": \"" + id + "\", \"agent\": \"coder\", \"workflow\": \"bugfix\", \"tool\": \"edit_file\", "
        + "\"scope\": \"" + scope + "\", \"approver\": \"alice\", \"reason\": \"x\", " + rest + "}";
  }

  private void write(String entry) throws IOException {
    Files.writeString(dir.resolve(GrantFile.NAME), "{\"format\": \"agentlane-grants/1\", \"grants\": [" + entry
        + "]}");
  }
}
