package dev.agentlane.spi;

import dev.agentlane.Remedy;
import dev.agentlane.Verdict;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link StopCondition} found: nothing, or a hit with the verdict it asks for.
 *
 * <p>Immutable.
 *
 * @param hit whether the condition fired
 * @param verdict the verdict it asks for; {@link Verdict#ALLOW} when it did not fire
 * @param message why it fired; empty when it did not
 * @param remedy what would clear it, or {@code null}
 */
public record StopResult(boolean hit, Verdict verdict, String message, @Nullable Remedy remedy) {
  private static final StopResult PASS = new StopResult(false, Verdict.ALLOW, "", null);

  /** Checks consistency: a hit asks for ESCALATE, DENY or HALT; a pass asks for ALLOW. */
  public StopResult {
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(message, "message");
    if (hit == (verdict == Verdict.ALLOW)) {
      throw new IllegalArgumentException(hit
          ? "a stop condition hit must ask for ESCALATE, DENY or HALT, not ALLOW"
          : "a stop condition that did not fire must carry ALLOW but carried " + verdict);
    }
  }

  /** The condition did not fire. */
  public static StopResult pass() {
    return PASS;
  }

  /** The condition fired, asking for {@code verdict}. */
  public static StopResult hit(Verdict verdict, String message) {
    return new StopResult(true, verdict, message, null);
  }

  /** The condition fired, asking for {@code verdict}, with a remedy. */
  public static StopResult hit(Verdict verdict, String message, Remedy remedy) {
    return new StopResult(true, verdict, message, remedy);
  }
}
