package dev.agentlane.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The options every {@code agentlane hook AGENT} command takes (a picocli mixin). Not thread-safe; one
 * per command run.
 */
final class HookOptions {
  @Option(names = {"-p", "--policy"}, paramLabel = "POLICY", defaultValue = Policies.DEFAULT,
      description = "The policy: a YAML or JSON file, or '" + Policies.DEFAULT + "' for the shipped promotion "
          + "path (default: ${DEFAULT-VALUE}).")
  String policy = Policies.DEFAULT;

  @Option(names = "--state", paramLabel = "DIR",
      description = "The state directory: the pair's lane and halts come from its ledger, and every decision "
          + "is appended to its audit log; the agent may not write it (rule hook.protected-files). "
          + "Without it the pair stands in the policy's default lane (or --lane) and nothing is kept between "
          + "calls.")
  @Nullable Path state;

  @Option(names = "--lane", paramLabel = "LANE",
      description = "Without --state only: put the pair in LANE for this call (an override for trying the hook "
          + "out; no promotion evidence stands behind it). With --state, lanes come from the ledger: "
          + "'agentlane promote'.")
  @Nullable String lane;

  @Option(names = "--agent", paramLabel = "NAME",
      description = "The agent name of the agent/workflow pair (default: the agent's own name, claude-code or "
          + "codex).")
  @Nullable String agent;

  @Option(names = "--workflow", paramLabel = "NAME", defaultValue = "default",
      description = "The workflow name of the agent/workflow pair (default: ${DEFAULT-VALUE}).")
  String workflow = "default";

  @Option(names = "--map", paramLabel = "TOOL=AGENTLANE_TOOL",
      description = "Maps one of the agent's tools to a tool of the policy; repeatable. For a built-in tool "
          + "(Bash, Read, Write, ...) the input translation stays and the target changes; any other tool "
          + "(such as mcp__github__create_issue) is passed with its input as the arguments.")
  List<String> maps = new ArrayList<>();

  @Option(names = "--map-file", paramLabel = "FILE",
      description = "A file of TOOL=AGENTLANE_TOOL lines (# comments); --map entries win over it.")
  @Nullable Path mapFile;

  @Option(names = "--lock-timeout", paramLabel = "SECONDS", defaultValue = "20",
      description = "With --state: how long to wait for another hook call that holds the state directory "
          + "(default: ${DEFAULT-VALUE}); then the call is denied.")
  int lockTimeoutSeconds = 20;
}
