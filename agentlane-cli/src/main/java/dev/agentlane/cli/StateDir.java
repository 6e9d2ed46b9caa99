package dev.agentlane.cli;

import dev.agentlane.PolicyEngine;
import dev.agentlane.core.audit.AuditDurability;
import dev.agentlane.core.audit.AuditLogs;
import dev.agentlane.core.audit.JsonLinesAuditSink;
import dev.agentlane.core.promotion.FileLedgerStore;
import dev.agentlane.core.promotion.LedgerLaneDirectory;
import dev.agentlane.policy.Policy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import org.jspecify.annotations.Nullable;

/**
 * The state a team keeps between commands, in one directory ({@code --state DIR}):
 *
 * <ul>
 *   <li>{@code ledger/}: the promotion ledger, one JSON file per agent/workflow pair ({@code FileLedgerStore})
 *   <li>{@code audit.jsonl}: the hash-chained audit log, appended in SYNC mode
 *   <li>{@code grants.json}: the grants that can still apply, restored into the engine when the state opens
 *       and written back when it closes ({@link GrantFile}, locked by {@code grants.lock} meanwhile)
 * </ul>
 *
 * <p>Without a state directory a command runs on an in-memory ledger (every pair in the policy's default
 * lane) and writes no audit log. Not thread-safe; one per command run. {@link #close()} closes the engine
 * and the audit log.
 */
final class StateDir implements AutoCloseable {
  /** The audit log's file name inside a state directory. */
  static final String AUDIT = "audit.jsonl";
  /** The ledger's directory name inside a state directory. */
  static final String LEDGER = "ledger";

  private final @Nullable Path dir;
  private final LedgerLaneDirectory ledger;
  private final @Nullable JsonLinesAuditSink audit;
  private final PolicyEngine engine;
  private final @Nullable GrantFile grants;

  private StateDir(@Nullable Path dir, Policy policy, @Nullable String workspace, InstantSource clock) {
    this.dir = dir;
    LedgerLaneDirectory.Builder lb = LedgerLaneDirectory.builder().policy(policy).clock(clock);
    if (dir != null) {
      try {
        Files.createDirectories(dir.resolve(LEDGER));
      } catch (IOException e) {
        throw new CliException("cannot create the state directory '" + dir + "': " + e.getMessage());
      }
      lb.store(FileLedgerStore.open(dir.resolve(LEDGER)));
      this.audit = AuditLogs.jsonLines(dir.resolve(AUDIT), AuditDurability.SYNC);
    } else {
      this.audit = null;
    }
    this.ledger = lb.build();
    PolicyEngine.Builder eb = PolicyEngine.builder().policy(policy).clock(clock).laneDirectory(ledger);
    if (workspace != null) {
      // The command line runs on the machine that holds the workspace: judge a link where it points, so
      // that `docs -> ~/.ssh` cannot make `docs/config` look like a file inside the workspace.
      eb.workspace(workspace).resolveSymlinks(true);
    }
    if (audit != null) {
      eb.auditSink(audit);
    }
    this.engine = eb.build();
    this.grants = dir == null ? null : openGrants(dir);
  }

  private @Nullable GrantFile openGrants(Path dir) {
    try {
      GrantFile file = GrantFile.open(dir);
      try {
        file.restoreInto(engine.grants());
      } catch (RuntimeException e) {
        file.close();
        throw e;
      }
      return file;
    } catch (RuntimeException e) {
      engine.close();
      if (audit != null) {
        audit.close();
      }
      throw e;
    }
  }

  /**
   * Opens {@code dir} (created if missing), or an in-memory state when {@code dir} is null.
   *
   * @throws CliException if the directory cannot be created or its files read
   */
  static StateDir open(@Nullable Path dir, Policy policy, @Nullable String workspace) {
    try {
      return new StateDir(dir, policy, workspace, InstantSource.system());
    } catch (UncheckedIOException | dev.agentlane.AgentLaneException e) {
      throw new CliException("cannot open the state directory '" + dir + "': " + e.getMessage());
    }
  }

  /** The engine over this state's ledger and audit log. */
  PolicyEngine engine() {
    return engine;
  }

  /** The promotion ledger (also the engine's lane directory). */
  LedgerLaneDirectory ledger() {
    return ledger;
  }

  /** The directory, or null for an in-memory state. */
  @Nullable Path dir() {
    return dir;
  }

  /**
   * Writes back the grants the engine still holds, then closes the engine and the audit log and releases
   * the grants' lock.
   *
   * @throws CliException if the grants cannot be written
   */
  @Override
  public void close() {
    try {
      if (grants != null) {
        grants.save(engine.grants().list());
      }
    } finally {
      engine.close();
      if (audit != null) {
        audit.close();
      }
      if (grants != null) {
        grants.close();
      }
    }
  }
}
