package dev.agentlane.core.shell;

import java.util.Objects;

/**
 * One shell word after quote removal.
 *
 * <p>Immutable and thread-safe.
 *
 * <p>{@code value} is the text of the word with quotes and escapes removed ({@code c'a't} becomes
 * {@code cat}, {@code $'\x63'} becomes {@code c}). Expansions are not performed: their raw
 * source text is kept in place, so {@code "$HOME/x"} has the value {@code $HOME/x} and {@code
 * $(id)} has the value {@code $(id)}.
 *
 * <p>{@code expanded} is {@code true} when the word contains anything whose runtime value may
 * differ from {@code value}: an unquoted or double-quoted parameter expansion ({@code $VAR},
 * {@code ${...}}, {@code $1}, {@code $@} ...), a command or process substitution, an arithmetic
 * expansion, a leading unquoted {@code ~}, unquoted glob characters ({@code * ? [...]}) or a
 * brace expansion ({@code {a,b}}). A consumer must treat an expanded word as unknown.
 *
 * @param value the word after quote removal, with expansions kept as raw source text
 * @param expanded whether the runtime value of the word may differ from {@code value}
 */
public record Word(String value, boolean expanded) {

  /** Checks that {@code value} is present. */
  public Word {
    Objects.requireNonNull(value, "value");
  }

  /** A word whose runtime value is exactly {@code value}. */
  public static Word literal(String value) {
    return new Word(value, false);
  }
}
