package dev.agentlane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code agentlane hook launcher}: the printed script, run by {@code sh} as an agent runs its hook command. */
class HookLauncherIT {
  @TempDir
  Path dir;

  private Path script(String... options) throws IOException {
    List<String> args = new ArrayList<>(List.of("hook", "launcher"));
    args.addAll(List.of(options));
    CliRun run = CliRun.in(dir, "", args.toArray(String[]::new));
    assertThat(run.exit()).as(run.toString()).isZero();
    Path script = dir.resolve("agentlane-hook");
    Files.writeString(script, run.out());
    return script;
  }

  private static CliRun sh(Path script, Map<String, String> env, String stdin, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("sh", script.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(script.getParent().toFile());
    pb.environment().putAll(env);
    Path out = Files.createTempFile(script.getParent(), "out", ".txt");
    Path err = Files.createTempFile(script.getParent(), "err", ".txt");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("the launcher did not finish in 120 s");
    }
    return new CliRun(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  @Test
  void theScriptAnswersWritesItsClassDataArchiveOnceAndUsesIt() throws Exception {
    Path cds = dir.resolve("cache/hook.jsa");
    Path script = script("--archive", cds.toString());
    assertThat(Files.readString(script)).startsWith("#!/bin/sh").contains(CliRun.jar().toString())
        .contains("-XX:TieredStopAtLevel=1").contains("-XX:ArchiveClassesAtExit");
    String event = HookEvents.claude(dir, "Bash", "{\"command\": \"npm test\"}");

    CliRun first = sh(script, Map.of(), event, "claude-code");
    assertThat(first.exit()).as(first.toString()).isZero();
    assertThat(first.out()).contains("\"permissionDecision\":\"deny\"").contains("lane-too-low");
    assertThat(first.err()).as("writing the archive is quiet").doesNotContain("[cds]");
    assertThat(cds).isRegularFile();
    assertThat(Files.size(cds)).isPositive();
    try (var files = Files.list(cds.getParent())) {
      assertThat(files).as("no temporary archive is left behind").containsExactly(cds);
    }

    CliRun second = sh(script, Map.of(), event, "claude-code", "--lane", "sandbox");
    assertThat(second.exit()).as(second.toString()).isZero();
    assertThat(second.out()).contains("\"permissionDecision\":\"allow\"");
    assertThat(second.err()).as("JVM log lines never reach the answer").doesNotContain("[cds]");

    CliRun removeLauncher = sh(script, Map.of(), HookEvents.claude(dir, "Bash", "{\"command\": \"rm agentlane-hook\"}"),
        "claude-code", "--lane", "sandbox");
    assertThat(removeLauncher.out()).contains("\"permissionDecision\":\"deny\"")
        .contains("sensitive-path [hook.protected-files]");
  }

  @Test
  void aJvmThatDoesNotStartIsARefusal() throws Exception {
    Path script = script("--archive", dir.resolve("hook.jsa").toString());
    CliRun run = sh(script, Map.of("AGENTLANE_JAVA", dir.resolve("no-such-java").toString()),
        HookEvents.claude(dir, "Bash", "{\"command\": \"ls\"}"), "claude-code");
    assertThat(run.exit()).as(run.toString()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains("agentlane: refused, the hook did not run");
  }

  @Test
  void aHookThatCannotDecideStaysARefusalThroughTheScript() throws Exception {
    Path script = script("--archive", dir.resolve("hook.jsa").toString());
    CliRun run = sh(script, Map.of(), "{oops", "codex");
    assertThat(run.exit()).as(run.toString()).isEqualTo(2);
    assertThat(run.err()).contains("the hook event is not valid JSON");
  }

  @Test
  void helpSaysHowToInstallIt() {
    CliRun help = CliRun.of("hook", "launcher", "--help");
    assertThat(help.exit()).as(help.toString()).isZero();
    assertThat(help.out()).startsWith("Usage: agentlane hook launcher").contains("--archive=PATH")
        .contains("AGENTLANE_JAVA").contains("${XDG_CACHE_HOME");
  }
}
