package dev.agentlane.testkit.sim;

import dev.agentlane.AgentKey;
import java.util.Objects;

/**
 * How a scripted agent behaves: how many tool calls and reviews it produces a day, how often its work
 * passes review cleanly, how often it needs rework, how often it causes a severe incident or reaches for
 * a secret, and which tool calls it makes ({@link CallScript}).
 *
 * <p>Immutable.
 *
 * @param key the agent and workflow
 * @param callsPerDay tool calls a simulated day
 * @param reviewsPerDay reviews of its work a simulated day
 * @param cleanRate probability that a review is clean (0..1)
 * @param reworkRate probability that a review is followed by rework (0..1)
 * @param severeIncidentRate probability a day that it causes a severe incident (0..1)
 * @param secretTouchRate probability that a tool call reads {@code .env} through the shell tool {@code bash}
 *     instead of its script's call (0..1), which halts it and demotes it under the default policy
 * @param script the tool calls it makes
 */
public record AgentProfile(AgentKey key, int callsPerDay, int reviewsPerDay, double cleanRate, double reworkRate,
    double severeIncidentRate, double secretTouchRate, CallScript script) {

  /** Validates the rates and counts. */
  public AgentProfile {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(script, "script");
    if (callsPerDay < 0 || reviewsPerDay < 0) {
      throw new IllegalArgumentException("callsPerDay and reviewsPerDay must be >= 0 but were " + callsPerDay
          + " and " + reviewsPerDay);
    }
    rate("cleanRate", cleanRate);
    rate("reworkRate", reworkRate);
    rate("severeIncidentRate", severeIncidentRate);
    rate("secretTouchRate", secretTouchRate);
  }

  /** A careful agent: 97% clean reviews, little rework, no incidents, no secrets. */
  public static AgentProfile careful(String agent, String workflow) {
    return new AgentProfile(AgentKey.of(agent, workflow), 50, 4, 0.97, 0.02, 0.0, 0.0, CallScript.forDefaultPolicy());
  }

  /** A sloppy agent: 70% clean reviews, frequent rework, occasional incidents. */
  public static AgentProfile sloppy(String agent, String workflow) {
    return new AgentProfile(AgentKey.of(agent, workflow), 50, 4, 0.70, 0.25, 0.01, 0.0, CallScript.forDefaultPolicy());
  }

  /** A copy with another secret-touching rate. */
  public AgentProfile withSecretTouchRate(double rate) {
    return new AgentProfile(key, callsPerDay, reviewsPerDay, cleanRate, reworkRate, severeIncidentRate, rate, script);
  }

  /** A copy that makes its tool calls with {@code script} (for a policy other than the default one). */
  public AgentProfile withScript(CallScript script) {
    return new AgentProfile(key, callsPerDay, reviewsPerDay, cleanRate, reworkRate, severeIncidentRate,
        secretTouchRate, script);
  }

  /**
   * A copy with other daily volumes.
   *
   * @throws IllegalArgumentException if either is negative
   */
  public AgentProfile withVolume(int callsPerDay, int reviewsPerDay) {
    return new AgentProfile(key, callsPerDay, reviewsPerDay, cleanRate, reworkRate, severeIncidentRate,
        secretTouchRate, script);
  }

  /**
   * A copy with other review and incident rates.
   *
   * @throws IllegalArgumentException if a rate is outside 0..1
   */
  public AgentProfile withRates(double cleanRate, double reworkRate, double severeIncidentRate) {
    return new AgentProfile(key, callsPerDay, reviewsPerDay, cleanRate, reworkRate, severeIncidentRate,
        secretTouchRate, script);
  }

  private static void rate(String name, double value) {
    if (!(value >= 0.0 && value <= 1.0)) {
      throw new IllegalArgumentException(name + " must be within 0..1 but was " + value);
    }
  }
}
