package dev.agentlane.core.shell;

import java.util.Objects;

/**
 * One I/O redirection of a simple command, such as {@code >out}, {@code 2>>log}, {@code <.env}
 * or {@code 2>&1}.
 *
 * <p>Immutable and thread-safe.
 *
 * <p>{@code operator} is the operator exactly as written, including an explicit file-descriptor
 * number: {@code "<"}, {@code ">"}, {@code ">>"}, {@code ">|"}, {@code "<>"}, {@code "&>"},
 * {@code "&>>"}, {@code "2>"}, {@code "2>&"}, {@code "<&"} and so on. Here-documents use the
 * operators {@code "<<"} and {@code "<<-"}, with the empty literal word as target; here-strings use
 * {@code "<<<"}, with their text as target. In both cases the text is data fed to standard input,
 * not a path: use {@link #isHereText()} to tell.
 *
 * @param operator the redirection operator as written, with its file-descriptor prefix if any
 * @param target the file (or, for {@link Access#FD_DUP}, the descriptor) the operator names
 * @param access how the target is used
 */
public record Redirection(String operator, Word target, Access access) {

  /** How a redirection uses its target. */
  public enum Access {
    /** The target file is opened for reading ({@code <}), or the text is fed to stdin. */
    READ,
    /** The target file is created, truncated or appended to ({@code >}, {@code >>}, {@code &>}). */
    WRITE,
    /** The target file is opened for reading and writing ({@code <>}). */
    READ_WRITE,
    /** A file descriptor is duplicated or closed ({@code 2>&1}, {@code <&3}, {@code >&-}). */
    FD_DUP
  }

  /** Whether this is a here-document or here-string: its target is text, not a file. */
  public boolean isHereText() {
    return operator.endsWith("<<") || operator.endsWith("<<-") || operator.endsWith("<<<");
  }

  /** Checks that all components are present. */
  public Redirection {
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(access, "access");
  }
}
