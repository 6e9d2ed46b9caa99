package dev.agentlane.policy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Maps commands on a shell line to capabilities: a program and an optional prefix of its
 * arguments. Of the rules whose program and prefix match a command, the one with the longest prefix
 * applies (the first declared on a tie). A command no rule matches is denied.
 *
 * <p>Programs are compared by name: {@code /usr/bin/git} is {@code git} when it lives in a standard
 * system directory; a program given by another path (such as {@code ./gradlew}) must be named by
 * that path.
 *
 * <p>Immutable.
 *
 * @param program the program name, such as {@code npm}, or a path such as {@code ./gradlew}
 * @param argsPrefix glob patterns for the first arguments, such as {@code [run, test*]}
 * @param capabilities capabilities the command needs
 * @param pathArgs how the command's non-option arguments are checked as paths
 * @param urlArgs whether arguments that look like URLs are checked against the host rules
 * @param id the rule id, {@code command.<program>[.<args>]} by default
 */
public record CommandRule(
    String program,
    List<String> argsPrefix,
    List<String> capabilities,
    PathArgs pathArgs,
    boolean urlArgs,
    String id) {

  /** How a command's arguments are treated as paths. */
  public enum PathArgs {
    /** Not checked as workspace paths (sensitive-path conditions still see every word). */
    NONE("none"),
    /** Each non-option argument is a path the command reads. */
    READ("read"),
    /** Each non-option argument is a path the command writes. */
    WRITE("write");

    private final String code;

    PathArgs(String code) {
      this.code = code;
    }

    /** The stable code. */
    public String code() {
      return code;
    }
  }

  /** Copies the lists. */
  public CommandRule {
    Objects.requireNonNull(program, "program");
    argsPrefix = List.copyOf(argsPrefix);
    capabilities = List.copyOf(capabilities);
    Objects.requireNonNull(pathArgs, "pathArgs");
    Objects.requireNonNull(id, "id");
  }

  /** A builder for commands running {@code program}. */
  public static Builder program(String program) {
    return new Builder(program);
  }

  /** Builds a {@link CommandRule}. Not thread-safe. */
  public static final class Builder {
    private final String program;
    private final List<String> args = new ArrayList<>();
    private final Set<String> capabilities = new LinkedHashSet<>();
    private PathArgs pathArgs = PathArgs.READ;
    private boolean urlArgs;
    private @Nullable String id;

    private Builder(String program) {
      this.program = Objects.requireNonNull(program, "program");
    }

    /** Requires the first arguments to match these glob patterns. */
    public Builder args(String... prefix) {
      for (String a : prefix) {
        args.add(Objects.requireNonNull(a, "arg"));
      }
      return this;
    }

    /** Adds capabilities the command needs. */
    public Builder capability(String... names) {
      for (String n : names) {
        capabilities.add(Objects.requireNonNull(n, "capability"));
      }
      return this;
    }

    /** How non-option arguments are checked as paths ({@link PathArgs#READ} by default). */
    public Builder paths(PathArgs pathArgs) {
      this.pathArgs = Objects.requireNonNull(pathArgs, "pathArgs");
      return this;
    }

    /** Checks URL-like arguments against the host rules. */
    public Builder urls() {
      this.urlArgs = true;
      return this;
    }

    /** Overrides the rule id. */
    public Builder id(String id) {
      this.id = Objects.requireNonNull(id, "id");
      return this;
    }

    /** The rule. */
    public CommandRule build() {
      String defaultId = "command." + program + (args.isEmpty() ? "" : "." + String.join(".", args));
      return new CommandRule(program, args, new ArrayList<>(capabilities), pathArgs, urlArgs,
          id != null ? id : defaultId);
    }
  }
}
