package dev.agentlane.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code agentlane.jar} in a child JVM, as a user or a coding agent's hook would: arguments,
 * standard input, a working directory; and returns the exit status, standard output and standard error.
 * The jar's path comes from the system property {@code agentlane.cli.jar}, which failsafe sets to the
 * packaged jar. For end-to-end tests ({@code *IT}).
 *
 * @param exit the exit status
 * @param out standard output
 * @param err standard error
 */
record CliRun(int exit, String out, String err) {
  /** The packaged jar under test. */
  static Path jar() {
    String jar = System.getProperty("agentlane.cli.jar");
    if (jar == null || !Files.isRegularFile(Path.of(jar))) {
      throw new IllegalStateException("agentlane.cli.jar must name the packaged jar (run the *IT tests with "
          + "mvn verify) but was " + jar);
    }
    return Path.of(jar);
  }

  /** Runs {@code agentlane ARGS} in {@code dir} with {@code stdin} (may be empty). */
  static CliRun in(Path dir, String stdin, String... args) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", jar().toString()));
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).directory(dir.toFile()).start();
      CompletableFuture<String> out = read(p.getInputStream());
      CompletableFuture<String> err = read(p.getErrorStream());
      p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
      p.getOutputStream().close();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("agentlane " + String.join(" ", args) + " did not finish in 120 s");
      }
      return new CliRun(p.exitValue(), out.join(), err.join());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Runs {@code agentlane ARGS} in the current directory with no input. */
  static CliRun of(String... args) {
    return in(Path.of("").toAbsolutePath(), "", args);
  }

  private static CompletableFuture<String> read(InputStream in) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  @Override
  public String toString() {
    return "exit " + exit + "\n--- out\n" + out + "--- err\n" + err;
  }
}
