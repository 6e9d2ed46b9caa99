package dev.agentlane.cli;

import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code agentlane hook launcher}: prints a POSIX shell script to register as the agent's hook command.
 * It starts the JVM for a short run (C1 only, serial GC, no perf data file, JVM log lines on standard
 * error so they never corrupt the answer), keeps an application class-data sharing archive of the hook's
 * classes (dumped on the first call, renewed when the jar changes) and fails closed: any exit status but
 * 0 and 2 (java missing, a JVM that does not start, a crash) becomes 2 with a reason on standard error.
 */
@Command(name = "launcher", mixinStandardHelpOptions = true,
    description = {
        "Prints a shell script that runs 'agentlane hook AGENT ...' quickly and fails closed; save it, make it "
            + "executable, and register it as the hook command: agentlane-hook claude-code --state DIR.",
        "The script starts the JVM with -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData, keeps a "
            + "class-data sharing archive of the hook's classes (made on the first call, renewed when the jar "
            + "changes), sends JVM log lines to standard error, and turns any exit status but 0 and 2 into 2 "
            + "(a refusal) with the reason on standard error. AGENTLANE_JAVA, AGENTLANE_JAR and AGENTLANE_CDS "
            + "override the paths it was written with."},
    exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:the script was printed", "3:the jar's location is unknown"})
final class HookLauncherCommand implements Callable<Integer> {
  @Spec
  private CommandSpec spec;

  @Option(names = "--java", paramLabel = "PATH",
      description = "The java executable the script runs (default: the one running this command).")
  @Nullable Path java;

  @Option(names = "--jar", paramLabel = "PATH",
      description = "The agentlane jar the script runs (default: this jar).")
  @Nullable Path jar;

  @Option(names = "--archive", paramLabel = "PATH",
      description = "The class-data sharing archive (default: under $${XDG_CACHE_HOME:-$HOME/.cache}/agentlane/, "
          + "named after the jar's path).")
  @Nullable String archive;

  @Override
  public Integer call() {
    Path javaPath = java != null ? java.toAbsolutePath()
        : Path.of(System.getProperty("java.home"), "bin", "java");
    Path jarPath = jar != null ? jar.toAbsolutePath() : thisJar();
    String cds = archive != null ? quote(archive)
        : "\"${XDG_CACHE_HOME:-$HOME/.cache}/agentlane/hook-" + shortHash(jarPath + "\n" + javaPath) + ".jsa\"";
    PrintWriter out = spec.commandLine().getOut();
    out.print(script(quote(javaPath.toString()), quote(jarPath.toString()), cds));
    out.flush();
    return ExitCode.OK;
  }

  static String script(String java, String jar, String cds) {
    return """
        #!/bin/sh
        # agentlane hook launcher, printed by 'agentlane hook launcher'.
        # Usage: agentlane-hook claude-code|codex [options of 'agentlane hook claude-code --help']
        # Fails closed: exit 0 is an answer on standard output; every other outcome (a refusal because the
        # hook could not decide, java missing, a JVM that does not start, a crash) exits 2 with the reason on
        # standard error, which Claude Code and Codex both treat as a refusal of the tool call.
        AGENTLANE_LAUNCHER=$0; export AGENTLANE_LAUNCHER   # the hook denies the agent writes to this script
        java=${AGENTLANE_JAVA:-%s}
        jar=${AGENTLANE_JAR:-%s}
        cds=${AGENTLANE_CDS:-%s}
        # C1 only, serial GC, no hsperfdata file: a short-lived JVM; JVM log lines go to standard error.
        flags="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xlog:disable -Xlog:all=warning:stderr"
        if [ -f "$cds" ] && [ ! "$jar" -nt "$cds" ]; then
          "$java" $flags -XX:SharedArchiveFile="$cds" -jar "$jar" hook "$@"
          rc=$?
        else
          # First call, or a new jar: this call also writes the class-data sharing archive (once).
          mkdir -p "$(dirname "$cds")" 2>/dev/null
          tmp="$cds.$$.tmp"
          "$java" $flags '-Xlog:cds*=off' -XX:ArchiveClassesAtExit="$tmp" -jar "$jar" hook "$@"
          rc=$?
          if [ -s "$tmp" ]; then mv -f "$tmp" "$cds" 2>/dev/null || rm -f "$tmp"; else rm -f "$tmp"; fi
        fi
        case $rc in
          0|2) exit $rc ;;
          *) echo "agentlane: refused, the hook did not run ($java exited with status $rc)" >&2; exit 2 ;;
        esac
        """.formatted(java, jar, cds);
  }

  /** The jar this class was loaded from, or null when it was not loaded from a jar. */
  static @Nullable Path runningJar() {
    try {
      java.security.CodeSource source = HookLauncherCommand.class.getProtectionDomain().getCodeSource();
      Path p = source == null ? null : Path.of(source.getLocation().toURI());
      return p != null && Files.isRegularFile(p) ? p.toAbsolutePath().normalize() : null;
    } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
      return null;
    }
  }

  /** The jar this class was loaded from. */
  private static Path thisJar() {
    Path p = runningJar();
    if (p == null) {
      throw new CliException("cannot tell which jar this command runs from; name it with --jar");
    }
    return p;
  }

  /** A single-quoted shell word. */
  static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  private static String shortHash(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
