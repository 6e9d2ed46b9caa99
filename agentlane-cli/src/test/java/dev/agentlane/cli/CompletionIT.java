package dev.agentlane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code agentlane completion} prints a bash script that bash accepts and that completes the commands. */
class CompletionIT {
  @TempDir Path work;

  /** Runs bash with {@code args}; returns its exit status, with standard output and error in {@code out}. */
  private static int bash(StringBuilder out, String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of("bash"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getOutputStream().close();
    out.append(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("bash did not finish");
    }
    return p.exitValue();
  }

  @Test
  void theCompletionScriptIsValidBashAndCompletesEverySubcommand() throws Exception {
    CliRun run = CliRun.of("completion");
    assertThat(run.exit()).as(run.toString()).isZero();
    String script = run.out();
    assertThat(script).startsWith("#!/usr/bin/env bash")
        .contains("complete -F _complete_agentlane");
    for (List<String> path : HelpTest.commandPaths()) {
      assertThat(script).as("mentions %s", path).contains(path.get(path.size() - 1));
    }
    Path file = work.resolve("agentlane-completion.bash");
    Files.writeString(file, script);

    StringBuilder syntax = new StringBuilder();
    assertThat(bash(syntax, "-n", file.toString())).as(syntax.toString()).isZero();

    // Complete "agentlane pro" and "agentlane promote --ch" as bash would on TAB.
    StringBuilder completed = new StringBuilder();
    int exit = bash(completed, "-c", "source '" + file + "'\n"
        + "COMP_WORDS=(agentlane pro); COMP_CWORD=1; _complete_agentlane agentlane pro agentlane\n"
        + "echo \"1:${COMPREPLY[*]}\"\n"
        + "COMP_WORDS=(agentlane promote --ch); COMP_CWORD=2; _complete_agentlane agentlane --ch promote\n"
        + "echo \"2:${COMPREPLY[*]}\"\n"
        + "COMP_WORDS=(agentlane simulate x --format ''); COMP_CWORD=4; _complete_agentlane agentlane '' --format\n"
        + "echo \"3:${COMPREPLY[*]}\"\n");
    assertThat(exit).as(completed.toString()).isZero();
    assertThat(completed.toString()).contains("1:promote\n").contains("2:--check\n").contains("3:text json\n");
  }
}
