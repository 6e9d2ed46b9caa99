package dev.agentlane.cli;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import picocli.CommandLine;

/**
 * How a command prints what it found: {@code text} for people, {@code json} for scripts. Immutable; the
 * option value is the lower-case {@link #code()}.
 */
enum OutputFormat {
  /** Plain text for people. */
  TEXT("text"),
  /** Indented JSON for scripts, one document on standard output. */
  JSON("json");

  private final String code;

  OutputFormat(String code) {
    this.code = code;
  }

  /** The option value: {@code text} or {@code json}. */
  String code() {
    return code;
  }

  /** Reads {@code --format VALUE}; anything but {@code text} or {@code json} is a usage error. */
  static final class Converter implements CommandLine.ITypeConverter<OutputFormat> {
    @Override
    public OutputFormat convert(String value) {
      for (OutputFormat f : values()) {
        if (f.code.equals(value.toLowerCase(Locale.ROOT))) {
          return f;
        }
      }
      throw new CommandLine.TypeConversionException("expected text or json but was '" + value + "'");
    }
  }

  /** The values for help ({@code ${COMPLETION-CANDIDATES}}). */
  static final class Names implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(values()).map(OutputFormat::code).iterator();
    }
  }
}
