package dev.agentlane.spi;

import dev.agentlane.Access;
import dev.agentlane.Action;
import dev.agentlane.AgentKey;
import dev.agentlane.Capability;
import dev.agentlane.Lane;
import java.time.Instant;
import java.util.List;

/**
 * What a {@link StopCondition} sees: the action, already normalized and mapped.
 *
 * <p>Immutable for the duration of one check; do not keep a reference after {@code check} returns.
 */
public interface StopContext {
  /** The action as the runtime gave it. */
  Action action();

  /** The agent and workflow. */
  AgentKey key();

  /** The pair's current lane. */
  Lane lane();

  /** The capabilities the action needs. */
  List<Capability> capabilities();

  /** Every path the action touches, normalized. */
  List<TouchedPath> paths();

  /** The programs of every command a shell line would run, in order. */
  List<String> commands();

  /** The canonical hosts of every URL the action contacts. */
  List<String> hosts();

  /** The environments the action targets. */
  List<String> environments();

  /** The branches the action targets. */
  List<String> branches();

  /** The engine clock's current time. */
  Instant now();

  /**
   * A path an action touches, normalized against the workspace root.
   *
   * @param path workspace-relative with '/' separators when {@code insideWorkspace}, else the
   *     normalized absolute form
   * @param insideWorkspace whether the path stays inside the workspace
   * @param access read or write
   */
  record TouchedPath(String path, boolean insideWorkspace, Access access) {}
}
