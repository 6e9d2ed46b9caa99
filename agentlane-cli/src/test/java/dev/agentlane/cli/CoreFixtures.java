package dev.agentlane.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Policy files and actions the end-to-end tests of check, decide, explain, test, inventory, verify and
 * replay write into their temporary directories.
 */
final class CoreFixtures {
  private CoreFixtures() {}

  /** A team's policy on the shipped promotion path; new pairs start in the sandbox lane. */
  static final String TEAM_POLICY = """
      apiVersion: agentlane.dev/v1
      kind: Policy
      metadata: {name: payments-team, version: "7"}
      extends: [default]
      default-lane: sandbox
      hosts: [artifacts.payments.example]
      stop-conditions:
        - id: team.payments-code
          kind: sensitive-paths
          effect: escalate
          access: write
          globs: ["src/payments/"]
      """;

  /** The team's next version: the artifact host is gone, and payments code is denied, not escalated. */
  static final String STRICTER_POLICY = """
      apiVersion: agentlane.dev/v1
      kind: Policy
      metadata: {name: payments-team, version: "8"}
      extends: [default]
      default-lane: sandbox
      stop-conditions:
        - id: team.payments-code
          kind: sensitive-paths
          effect: deny
          access: write
          globs: ["src/payments/"]
      """;

  static final String NPM_TEST = """
      {"agent": "coder", "workflow": "bugfix", "tool": "bash", "arguments": {"command": "npm test"}}
      """;
  static final String CAT_ENV = """
      {"agent": "coder", "workflow": "bugfix", "tool": "bash", "arguments": {"command": "npm test && cat .env"}}
      """;
  static final String FETCH = """
      {"agent": "coder", "workflow": "bugfix", "tool": "http_get",
       "arguments": {"url": "https://artifacts.payments.example/lib.tgz"}}
      """;
  static final String WRITE_PAYMENTS = """
      {"agent": "coder", "workflow": "bugfix", "tool": "write_file",
       "arguments": {"path": "src/payments/Ledger.java", "content": "..."}}
      """;
  static final String GIT_STATUS = """
      {"agent": "reviewer", "workflow": "review", "tool": "bash", "arguments": {"command": "git status"}}
      """;
  static final String GIT_PUSH = """
      {"agent": "coder", "workflow": "bugfix", "tool": "bash", "arguments": {"command": "git push origin main"}}
      """;

  /** Writes {@code text} to {@code dir/name} and returns the file. */
  static Path write(Path dir, String name, String text) {
    try {
      Path file = dir.resolve(name);
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text of a file. */
  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
