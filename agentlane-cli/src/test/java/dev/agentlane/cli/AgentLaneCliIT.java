package dev.agentlane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AgentLaneCliIT {
  @Test
  void helpAndVersionWork() {
    CliRun help = CliRun.of("--help");
    assertThat(help.exit()).as(help.toString()).isZero();
    assertThat(help.out()).startsWith("Usage: agentlane").contains("Commands:");
    CliRun version = CliRun.of("--version");
    assertThat(version.out()).startsWith("agentlane ");
  }

  @Test
  void anUnknownCommandIsAUsageError() {
    CliRun run = CliRun.of("frobnicate");
    assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains("Unmatched argument").contains("frobnicate");
  }
}
