package dev.agentlane.cli;

import dev.agentlane.Action;
import dev.agentlane.Grant;
import dev.agentlane.GrantScope;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code agentlane grant}: a human approval that becomes a scoped grant, kept in the state directory, so
 * that later decisions on that state allow what it covers.
 */
@Command(name = "grant", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Approves an action: a grant for it once, for N calls, for a time, or for a run.",
        "",
        "The approval becomes a grant, scoped to the action's agent, workflow and tool, and to one reach: this exact action once, N calls, a time window, or one run (task). The grant is "
            + "kept in the state directory (grants.json) and recorded in the audit log; later decisions on that "
            + "state (agentlane decide --state DIR) honour it and use it up.",
        "",
        "A grant only ever turns an ESCALATE into an ALLOW; it never overrides a DENY or a HALT."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:granted",
        "2:the command line is wrong",
        "3:the action, the state directory or the policy cannot be read"})
final class GrantCommand implements Callable<Integer> {
  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  @Mixin
  private PromotionState state = new PromotionState();

  @Parameters(index = "0", paramLabel = "ACTION",
      description = "The action to approve, in the action JSON format (docs/action-format.md): a file, or - "
          + "for standard input.")
  private String actionFile;

  @Option(names = "--by", paramLabel = "NAME", required = true, description = "Who approves.")
  private String by;

  @Option(names = "--reason", paramLabel = "TEXT", required = true,
      description = "Why, in the approver's words; kept with the grant and in the audit log.")
  private String reason;

  @ArgGroup(exclusive = true, multiplicity = "1", heading = "%nHow far the grant reaches (one of):%n")
  private Reach reach;

  @Mixin
  private final FormatOption output = new FormatOption();

  /** The grant's reach: exactly one of the options. */
  static final class Reach {
    @Option(names = "--once", required = true, description = "This exact action (same arguments), once.")
    boolean once;

    @Option(names = "--calls", paramLabel = "N", required = true,
        description = "Up to N calls of the same tool by the same agent and workflow.")
    @Nullable Integer calls;

    @Option(names = "--window", paramLabel = "DURATION", required = true,
        description = "Calls of the same tool for a time: 90s, 30m, 2h, 7d, or ISO-8601 such as PT2H.")
    @Nullable String window;

    @Option(names = "--task", paramLabel = "RUN-ID", required = true,
        description = "Calls of the same tool within one run (the action's run-id).")
    @Nullable String task;
  }

  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,9})([smhd])");

  @Override
  public Integer call() {
    if (by.isBlank()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--by must name who approves");
    }
    GrantScope scope = scope();
    Action action = ActionJson.read(readAction(), actionFile.equals("-") ? "<stdin>" : actionFile);
    PrintWriter out = spec.commandLine().getOut();
    try (StateDir s = state.open()) {
      Grant grant;
      try {
        grant = s.engine().grants().issue(action, scope, by, reason);
      } catch (IllegalArgumentException e) {
        throw new CliException("cannot grant: " + e.getMessage());
      }
      if (output.json()) {
        PromotionView.json(out, PromotionView.grantTree(grant));
      } else {
        out.println("granted " + PromotionView.grant(grant));
        out.println("kept in " + state.dir.resolve(GrantFile.NAME) + " and recorded in "
            + state.dir.resolve(StateDir.AUDIT) + "; revoke it with: agentlane revoke --state " + state.dir + " "
            + grant.id() + " --by NAME");
        out.println("a grant turns an ESCALATE into an ALLOW; it never overrides a DENY or a HALT");
      }
      return ExitCode.OK;
    }
  }

  private GrantScope scope() {
    try {
      if (reach.once) {
        return GrantScope.exactAction();
      }
      if (reach.calls != null) {
        return GrantScope.calls(reach.calls);
      }
      if (reach.window != null) {
        return GrantScope.window(duration(reach.window));
      }
      return GrantScope.task(reach.task);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /** 90s, 30m, 2h, 7d, or an ISO-8601 duration. */
  static Duration duration(String text) {
    Matcher m = SHORT_DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
    try {
      return Duration.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("--window must be a duration such as 90s, 30m, 2h, 7d or PT2H but was '"
          + text + "'");
    }
  }

  private String readAction() {
    try {
      return actionFile.equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
          : Files.readString(Path.of(actionFile), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CliException("cannot read the action '" + actionFile + "': " + e.getMessage());
    }
  }
}
