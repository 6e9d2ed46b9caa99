package dev.agentlane.policy;

import java.util.Objects;

/**
 * Allows contacting hosts that match a pattern: {@code example.com} (exactly), {@code *.example.com}
 * (strict subdomains), a CIDR block such as {@code 10.0.0.0/8}, optionally with a port
 * ({@code example.com:8443}). A URL whose host no rule allows is denied.
 *
 * <p>Immutable.
 *
 * @param id the rule id
 * @param pattern the host pattern
 */
public record HostRule(String id, String pattern) {
  /** Checks for null. */
  public HostRule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(pattern, "pattern");
  }

  /**
   * A rule with id {@code host.<pattern>}, characters that ids do not allow replaced by {@code _} (an
   * invalid pattern is reported as such when an engine compiles the policy, not as an invalid id).
   */
  public static HostRule allow(String pattern) {
    return new HostRule("host." + pattern.replaceAll("[^A-Za-z0-9._:/*-]", "_"), pattern);
  }
}
