package dev.agentlane.core.net;

/**
 * A string that {@link UrlParser#parse(String)} refuses to read as a URL or host.
 *
 * <p>Immutable; no accessor returns {@code null}.
 */
public final class InvalidUrlException extends Exception {

  private final String input;
  private final String reason;

  /**
   * Creates the exception.
   *
   * @param input the rejected input
   * @param reason why it was rejected, in lower case without trailing punctuation
   */
  public InvalidUrlException(String input, String reason) {
    super(reason + ": '" + input + "'");
    this.input = input;
    this.reason = reason;
  }

  /** The rejected input. */
  public String input() {
    return input;
  }

  /** Why it was rejected, e.g. {@code "invalid port"}. */
  public String reason() {
    return reason;
  }
}
