package dev.agentlane;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A named right, such as {@code code.read} or {@code deploy.production}, earned at a lane.
 *
 * <p>Immutable.
 *
 * @param name dotted lower-case name, for example {@code branch.write}
 * @param lane the lowest lane at which an agent holds this capability
 * @param effect what kind of effect exercising it has
 */
public record Capability(String name, Lane lane, EffectClass effect) {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]*(\\.[a-z0-9][a-z0-9_-]*)*");

  /** Validates the fields. */
  public Capability {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(lane, "lane");
    Objects.requireNonNull(effect, "effect");
    if (name.length() > 128 || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "capability name must be dotted lower-case words such as 'code.read' but was '" + name + "'");
    }
  }

  /** A capability with the given name, lane and effect class. */
  public static Capability of(String name, Lane lane, EffectClass effect) {
    return new Capability(name, lane, effect);
  }

  @Override
  public String toString() {
    return name + "@" + lane.name();
  }
}
