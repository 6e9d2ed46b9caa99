package dev.agentlane.core.shell;

/**
 * Thrown when a command line cannot be fully understood, and must therefore be denied.
 *
 * <p>Immutable once thrown, and safe to share between threads.
 *
 * <p>The message has the form {@code "<reason> at offset <offset>"}, for example {@code
 * "unterminated single quote at offset 14"}. {@link #offset()} is a character index into the
 * line given to {@link ShellParser#parse(String)}; for errors inside a {@code bash -c} script or
 * {@code eval} text it points at the word holding that script, and the reason names the offset
 * inside the script.
 */
public final class ShellSyntaxException extends Exception {

  private static final long serialVersionUID = 1L;

  private final int offset;
  private final String reason;

  /**
   * Creates an exception.
   *
   * @param reason what is wrong, without the offset
   * @param offset the character index in the parsed line where the problem was found
   */
  public ShellSyntaxException(String reason, int offset) {
    super(reason + " at offset " + offset);
    this.reason = reason;
    this.offset = offset;
  }

  /** The character index in the parsed line where the problem was found. */
  public int offset() {
    return offset;
  }

  /** What is wrong, without the offset. */
  public String reason() {
    return reason;
  }
}
