package dev.agentlane.policyfile;

import dev.agentlane.PolicyException;
import java.nio.file.Path;

/**
 * Hears what a {@link PolicyReloader} does. Every method has a no-op default, so implement only what
 * you need; new events arrive as new default methods.
 *
 * <p>Implementations must be thread-safe: they are called from the thread that reloaded (the caller of
 * {@link PolicyReloader#reload()} or the watcher thread), never under the reloader's lock. An exception
 * thrown by a listener is logged at WARN and otherwise ignored: it never stops a reload, the other
 * listeners or the watcher. A reload that finds the file unchanged is not reported.
 */
public interface ReloadListener {
  /**
   * The engine switched to the policy loaded from {@code file}.
   *
   * @param previousVersion the version the engine had just before the switch
   * @param newVersion the version of the policy now in force
   * @param file the absolute, normalized policy file
   */
  default void reloaded(String previousVersion, String newVersion, Path file) {}

  /**
   * The policy in {@code file} was refused; the engine keeps the policy it had.
   *
   * @param file the absolute, normalized policy file
   * @param problems every problem found, each located by file, line and column where known
   */
  default void rejected(Path file, PolicyException problems) {}
}
