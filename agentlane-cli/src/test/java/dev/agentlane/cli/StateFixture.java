package dev.agentlane.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentlane.AgentKey;
import dev.agentlane.Lane;
import dev.agentlane.core.audit.AuditLogs;
import dev.agentlane.core.promotion.FileLedgerStore;
import dev.agentlane.core.promotion.LedgerLaneDirectory;
import dev.agentlane.policyfile.PolicyFiles;
import dev.agentlane.promotion.Outcome;
import dev.agentlane.promotion.ReviewResult;
import dev.agentlane.testkit.ManualClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the state a team would have built up into a real state directory, the way the library writes it
 * (a {@code FileLedgerStore} ledger on the shipped default policy), and reads back its audit log. The
 * ledger's clock starts {@value #DAYS_AGO} days ago, so the reviews recorded here are as old as a team's
 * would be when someone runs the command line today. Not thread-safe; one per test.
 */
final class StateFixture {
  static final int DAYS_AGO = 30;
  static final ObjectMapper JSON = new ObjectMapper();
  static final AgentKey BOT = AgentKey.of("release-bot", "dependency-bumps");
  static final AgentKey CODER = AgentKey.of("coder", "bugfix");

  final Path dir;
  final ManualClock clock = new ManualClock(Instant.now().minus(Duration.ofDays(DAYS_AGO)));
  final LedgerLaneDirectory ledger;

  StateFixture(Path dir) {
    this.dir = dir;
    this.ledger = LedgerLaneDirectory.builder().policy(PolicyFiles.defaultPolicy()).clock(clock)
        .store(FileLedgerStore.open(dir.resolve(StateDir.LEDGER))).build();
  }

  /** Puts a pair in a lane, as an administrator would. */
  StateFixture in(AgentKey key, Lane lane) {
    ledger.assign(key, lane, "platform-team", "pilot");
    return this;
  }

  /**
   * Three weekly release cycles of {@code perWeek} reviews, {@code clean} of them clean each week: 20 and 19
   * makes a pair eligible for its next lane under the default criteria; 20 and 15 does not (clean-rate
   * lower bound 0.63).
   */
  StateFixture reviewed(AgentKey key, int perWeek, int clean) {
    for (int week = 1; week <= 3; week++) {
      for (int i = 0; i < perWeek; i++) {
        ledger.record(key, Outcome.review(i < clean ? ReviewResult.CLEAN : ReviewResult.CHANGES_REQUESTED), "ci");
      }
      clock.advance(Duration.ofDays(7));
      ledger.record(key, Outcome.releaseCycle("w" + week), "release-manager");
    }
    return this;
  }

  /** The audit log's records as JSON objects, in order; none if there is no log. */
  List<JsonNode> audit() {
    Path log = dir.resolve(StateDir.AUDIT);
    List<JsonNode> out = new ArrayList<>();
    if (!Files.exists(log)) {
      return out;
    }
    try {
      for (String line : Files.readAllLines(log)) {
        out.add(JSON.readTree(line));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** The kinds of the audit records, such as {@code promotion}, {@code grant}. */
  List<String> auditKinds() {
    return audit().stream().map(r -> r.get("kind").asText()).toList();
  }

  /** Whether the audit log's hash chain verifies. */
  boolean auditVerifies() {
    return AuditLogs.verify(dir.resolve(StateDir.AUDIT)).ok();
  }

  /** The pair's lane as a fresh reader of the ledger directory sees it now. */
  Lane laneNow(AgentKey key) {
    return LedgerLaneDirectory.builder().policy(PolicyFiles.defaultPolicy())
        .store(FileLedgerStore.open(dir.resolve(StateDir.LEDGER))).build().status(key).lane();
  }

  /** Whether the pair is halted, as a fresh reader of the ledger directory sees it now. */
  boolean haltedNow(AgentKey key) {
    return LedgerLaneDirectory.builder().policy(PolicyFiles.defaultPolicy())
        .store(FileLedgerStore.open(dir.resolve(StateDir.LEDGER))).build().status(key).halted();
  }

  /** Parses a command's JSON output. */
  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + text, e);
    }
  }
}
