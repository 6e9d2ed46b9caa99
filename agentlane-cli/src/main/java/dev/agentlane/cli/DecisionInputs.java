package dev.agentlane.cli;

import dev.agentlane.Action;
import dev.agentlane.AgentKey;
import dev.agentlane.Decision;
import dev.agentlane.LaneStatus;
import dev.agentlane.policy.Policy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The inputs {@code decide} and {@code explain} share (a picocli mixin): the policy, the workspace, the
 * state directory, whether to journal the action, and the action itself. Not thread-safe; one per run.
 */
final class DecisionInputs {
  @Option(names = "--policy", required = true, paramLabel = "POLICY",
      description = "The policy: a YAML or JSON file, or 'default' for the shipped default policy.")
  private String policy;

  @Option(names = "--workspace", paramLabel = "DIR",
      description = "The workspace root paths are judged against. Without it, relative paths are inside the "
          + "workspace and absolute ones outside. An action's own \"workspace\" wins.")
  private @Nullable Path workspace;

  @Option(names = "--state", paramLabel = "DIR",
      description = "The state directory (created if missing): the pair's lane comes from DIR/ledger/, and the "
          + "decision is appended to the audit log DIR/audit.jsonl. Without it: the policy's default lane, "
          + "no audit.")
  private @Nullable Path state;

  @Option(names = "--record-actions",
      description = "Also append the whole action, tool arguments included, with its decision to the action "
          + "journal DIR/actions.jsonl, which 'agentlane replay' reads. Needs --state. The audit log holds "
          + "only the action's digest; the journal holds what the agent sent, secrets included.")
  private boolean recordActions;

  @Parameters(index = "0", paramLabel = "ACTION",
      description = "The action: a JSON file in the action format (docs/action-format.md), or '-' to read it "
          + "from standard input.")
  private String action;

  /**
   * One decision and what it was made from.
   *
   * @param before the pair's status just before the decision, or null if the action names no valid pair
   * @param workspace the engine's workspace root, or null
   * @param journal the journal the action was appended to, or null
   */
  record Run(Policy policy, Action action, Decision decision, @Nullable LaneStatus before,
      @Nullable String workspace, @Nullable Path state, @Nullable Path journal) {}

  /**
   * Loads the policy and the action, decides it (with the state directory's ledger and audit log when
   * given) and journals it when asked.
   *
   * @throws CliException if an input cannot be read or is malformed, or the journal cannot be written
   * @throws CommandLine.ParameterException if {@code --record-actions} comes without {@code --state}
   */
  Run decide(CommandSpec spec) {
    if (recordActions && state == null) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--record-actions needs --state DIR: the journal is DIR/" + ActionJournal.FILE);
    }
    Policy p = Policies.load(policy);
    Action a = ActionJson.read(readAction(), action.equals("-") ? "<stdin>" : action);
    String ws = workspace == null ? null : workspace.toAbsolutePath().normalize().toString();
    try (StateDir dir = StateDir.open(state, p, ws)) {
      LaneStatus before = statusOf(dir, a);
      Decision d = dir.engine().decide(a);
      Path journal = null;
      if (recordActions) {
        journal = ActionJournal.in(state);
        ActionJournal.append(journal, a, d, ws);
      }
      return new Run(p, a, d, before, ws, state, journal);
    }
  }

  private String readAction() {
    try {
      if (action.equals("-")) {
        return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
      }
      Path file = Path.of(action);
      if (!Files.isRegularFile(file)) {
        throw new CliException("action file '" + action + "' does not exist (use '-' to read the action from "
            + "standard input)");
      }
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CliException("cannot read the action " + (action.equals("-") ? "from standard input" : "'"
          + action + "'") + ": " + e.getMessage());
    }
  }

  private static @Nullable LaneStatus statusOf(StateDir dir, Action a) {
    try {
      return dir.ledger().status(AgentKey.of(a.agent(), a.workflow()));
    } catch (IllegalArgumentException e) {
      return null; // not a valid pair: step 1 refuses the action
    }
  }
}
