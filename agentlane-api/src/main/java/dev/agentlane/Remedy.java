package dev.agentlane;

import java.util.Objects;

/**
 * What would make a refused action allowed: "needs lane governed", "attach evidence.tests",
 * "request approval", "use a production catalogue entry".
 *
 * <p>Immutable.
 *
 * @param code stable code: {@code needs-lane}, {@code attach-evidence}, {@code fix-evidence},
 *     {@code request-approval}, {@code use-catalogue-entry}, {@code fix-tests}, {@code reduce-scope},
 *     {@code wait}, {@code human-reset}, {@code map-tool}, {@code fix-action}, {@code retry}
 * @param message what to do, for people and models
 */
public record Remedy(String code, String message) {
  /** Checks for null. */
  public Remedy {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }

  /** A remedy. */
  public static Remedy of(String code, String message) {
    return new Remedy(code, message);
  }

  @Override
  public String toString() {
    return code + ": " + message;
  }
}
