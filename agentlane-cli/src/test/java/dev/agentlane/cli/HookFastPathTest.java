package dev.agentlane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

class HookFastPathTest {
  private static final Set<String> STANDARD = Set.of("-h", "--help", "-V", "--version");

  @Test
  void theFastPathTakesExactlyTheOptionsPicocliDeclaresForBothHooks() {
    for (Object command : List.of(new ClaudeCodeHookCommand(), new CodexHookCommand())) {
      Set<String> declared = new TreeSet<>();
      for (OptionSpec o : new CommandLine(command).getCommandSpec().options()) {
        for (String name : o.names()) {
          if (!STANDARD.contains(name)) {
            declared.add(name);
          }
        }
      }
      assertThat(declared).isEqualTo(new TreeSet<>(HookFastPath.OPTIONS));
    }
  }

  @Test
  void theFastPathReadsWhatPicocliReads() {
    String[] args = {"hook", "claude-code", "--policy", "p.yaml", "--state=.agentlane", "--agent", "bot",
        "--workflow", "bugfix", "--map", "A=b", "--map=C=d", "--map-file", "tools.map", "--lock-timeout", "7"};
    HookOptions fast = HookFastPath.options(args);
    ClaudeCodeHookCommand viaPicocli = new ClaudeCodeHookCommand();
    new CommandLine(viaPicocli).parseArgs(List.of(args).subList(2, args.length).toArray(String[]::new));
    HookOptions slow = viaPicocli.options();
    assertThat(fast).isNotNull();
    assertThat(List.of(fast.policy, fast.state, fast.agent, fast.workflow, fast.maps, fast.mapFile,
        fast.lockTimeoutSeconds)).isEqualTo(List.of(slow.policy, slow.state, slow.agent, slow.workflow, slow.maps,
        slow.mapFile, slow.lockTimeoutSeconds));
    assertThat(fast.state).isEqualTo(Path.of(".agentlane"));
    assertThat(fast.maps).containsExactly("A=b", "C=d");
    assertThat(HookFastPath.options(new String[] {"hook", "codex", "--lane", "sandbox"}).lane).isEqualTo("sandbox");
    assertThat(HookFastPath.options(new String[] {"hook", "codex"}).policy).isEqualTo(Policies.DEFAULT);
    assertThat(HookFastPath.options(new String[] {"hook", "codex", "-p", "team.yaml"}).policy).isEqualTo("team.yaml");
  }

  @Test
  void anythingElseIsLeftToPicocli() {
    for (String[] args : List.of(
        new String[] {"hook", "claude-code", "--help"},
        new String[] {"hook", "claude-code", "-h"},
        new String[] {"hook", "claude-code", "--policy"},
        new String[] {"hook", "claude-code", "--policy", "--state", "x"},
        new String[] {"hook", "claude-code", "--bogus", "x"},
        new String[] {"hook", "claude-code", "--lane", "a", "--lane", "b"},
        new String[] {"hook", "claude-code", "-p", "a", "--policy", "b"},
        new String[] {"hook", "claude-code", "--lock-timeout", "soon"},
        new String[] {"hook", "claude-code", "extra"})) {
      assertThat(HookFastPath.options(args)).as(String.join(" ", args)).isNull();
    }
    assertThat(HookFastPath.run(new String[] {"hook", "launcher"})).isNull();
    assertThat(HookFastPath.run(new String[] {"hook"})).isNull();
    assertThat(HookFastPath.run(new String[] {"--version"})).isNull();
  }
}
