package dev.agentlane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The jar's top-level help lists every registered subcommand, and a subcommand's help works from the jar. */
class HelpIT {
  @Test
  void theJarListsEveryRegisteredSubcommandAndAnswersSubcommandHelp() {
    CliRun root = CliRun.of("--help");
    assertThat(root.exit()).as(root.toString()).isZero();
    String commands = root.out().substring(root.out().indexOf("Commands:"));
    for (List<String> path : HelpTest.commandPaths()) {
      if (path.size() == 1) {
        assertThat(commands).as(root.out()).containsPattern("(?m)^  " + path.get(0) + "\\b");
      }
    }
    CliRun promote = CliRun.of("promote", "--help");
    assertThat(promote.exit()).as(promote.toString()).isZero();
    assertThat(promote.out()).startsWith("Usage: agentlane promote").contains("Exit codes:");
  }
}
