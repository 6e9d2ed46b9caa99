package dev.agentlane;

import java.util.List;

/**
 * Which lane each agent/workflow pair stands in, and which pairs are halted.
 *
 * <p>Thread-safe. The engine reads it on every decision. The promotion ledger builds on this
 * interface; until a pair is assigned a lane it stands in the policy's default lane. A halt latches
 * until {@link #reset} is called by a named human.
 */
public interface LaneDirectory {
  /** The status of a pair; a pair never seen stands in the default lane, not halted. */
  LaneStatus status(AgentKey key);

  /** The status of every pair that has been assigned a lane or halted. */
  List<LaneStatus> all();

  /**
   * Puts a pair in a lane, as a recorded human decision.
   *
   * @throws IllegalArgumentException if the lane is not one of the policy's lanes
   */
  void assign(AgentKey key, Lane lane, String by, String note);

  /** Halts a pair until {@link #reset}; idempotent (the first reason is kept). */
  void halt(AgentKey key, String reason, String by);

  /**
   * Lifts a halt.
   *
   * @return whether the pair was halted
   */
  boolean reset(AgentKey key, String by);
}
