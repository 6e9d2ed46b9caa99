package dev.agentlane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code agentlane report}, run as the real jar on a state directory the real engine wrote. */
class ReportCommandIT {
  @TempDir
  static Path state;
  @TempDir
  Path dir;

  @BeforeAll
  static void scriptedState() {
    ReportStates.write(state);
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
  }

  @Test
  void helpNamesTheOptionsAndTheExitStatuses() {
    CliRun run = CliRun.in(dir, "", "report", "--help");
    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).startsWith("Usage: agentlane report").contains("--state=DIR|AUDIT", "-o, --output=FILE",
        "--policy=FILE|default", "self-contained HTML page", "Exit status:", "the audit log does not verify");
    CliRun top = CliRun.in(dir, "", "--help");
    assertThat(top.out()).contains("report");
  }

  @Test
  void writesTheReportOfAStateDirectoryAndSaysWhatItRead() throws Exception {
    CliRun run = CliRun.in(dir, "", "report", "--state", state.toString(), "-o", "report.html");
    assertThat(run.exit()).as(run.toString()).isZero();
    List<String> lines = Files.readAllLines(state.resolve(StateDir.AUDIT));
    long decisions = lines.stream().filter(l -> l.contains("\"kind\":\"decision\"")).count();
    assertThat(run.out()).isEqualTo("wrote report.html: " + lines.size() + " audit records (chain verified), "
        + decisions + " decisions, 4 pairs; ledger: 4 pairs\n");
    assertThat(run.err()).isEmpty();
    String html = Files.readString(dir.resolve("report.html"), StandardCharsets.UTF_8);
    assertThat(html).startsWith("<!DOCTYPE html>").contains("data-verified=\"true\"", "data-chart=\"lanes\"",
        "data-chart=\"clean-rate\"", "data-chart=\"blocks\"", "data-chart=\"stop-conditions\"",
        "careful-coder/bugfix", "lead-alice", "sandbox -&gt; governed: eligible after day 42",
        "two broken links shipped in a week", "severe incident (high)");
  }

  @Test
  void dashWritesThePageToStandardOutput() throws Exception {
    CliRun run = CliRun.in(dir, "", "report", "--state", state.toString(), "-o", "-");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("<!DOCTYPE html>").endsWith("</html>\n").contains("data-chart=\"lanes\"");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void anAuditLogAloneIsReportedWithoutTheLedgersRates() throws Exception {
    CliRun run = CliRun.in(dir, "", "report", "--state", state.resolve(StateDir.AUDIT).toString(), "-o", "r.html");
    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).contains("(chain verified)").doesNotContain("ledger");
    String html = Files.readString(dir.resolve("r.html"));
    assertThat(html).contains("data-chart=\"lanes\"", "No promotion ledger was read")
        .doesNotContain("data-chart=\"clean-rate\"");
  }

  @Test
  void aTamperedLogIsReportedAndRefused() throws Exception {
    Path copy = dir.resolve("state");
    copy(state, copy);
    Path audit = copy.resolve(StateDir.AUDIT);
    List<String> lines = Files.readAllLines(audit);
    String line = lines.get(99);
    String edited = line.contains("\"verdict\":\"allow\"") ? line.replace("\"verdict\":\"allow\"", "\"verdict\":\"deny\"")
        : line.replace("\"verdict\":\"deny\"", "\"verdict\":\"allow\"");
    assertThat(edited).isNotEqualTo(line);
    lines.set(99, edited);
    Files.write(audit, lines);
    CliRun run = CliRun.in(dir, "", "report", "--state", copy.toString(), "-o", "report.html");
    assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.REFUSED);
    assertThat(run.out()).contains("(chain does NOT verify)");
    assertThat(run.err()).startsWith("agentlane: the audit log '" + audit + "' does not verify: edited at line 100:")
        .contains("(the report shows it)");
    assertThat(Files.readString(dir.resolve("report.html"))).contains("data-verified=\"false\"",
        "The audit log does not verify.", "The first 99 records verify");
  }

  @Test
  void aLogCutMidLineIsReportedAsFarAsItReads() throws Exception {
    Path copy = dir.resolve("state");
    copy(state, copy);
    Path audit = copy.resolve(StateDir.AUDIT);
    Files.writeString(audit, "{\"seq\":99999,\"time\":", java.nio.file.StandardOpenOption.APPEND);
    CliRun run = CliRun.in(dir, "", "report", "--state", copy.toString(), "-o", "report.html");
    assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.REFUSED);
    assertThat(run.err()).contains("torn at line");
    assertThat(Files.readString(dir.resolve("report.html"))).contains("Reading stopped:", "is incomplete",
        "data-chart=\"lanes\"");
  }

  @Test
  void aMissingInputIsAnError() {
    CliRun run = CliRun.in(dir, "", "report", "--state", "nowhere", "-o", "report.html");
    assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.ERROR);
    assertThat(run.err()).isEqualTo("agentlane: 'nowhere' does not exist (give a state directory or an audit log"
        + " file)\n");
    assertThat(dir.resolve("report.html")).doesNotExist();
  }

  @Test
  void aDirectoryThatIsNotAStateDirectoryIsAnError() throws Exception {
    Files.createDirectory(dir.resolve("empty"));
    CliRun run = CliRun.in(dir, "", "report", "--state", "empty", "-o", "report.html");
    assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.ERROR);
    assertThat(run.err()).isEqualTo("agentlane: 'empty' is not a state directory: it holds neither audit.jsonl nor"
        + " ledger/\n");
  }

  @Test
  void anUnreadableLedgerFileIsAnErrorNamingIt() throws Exception {
    Path copy = dir.resolve("state");
    copy(state, copy);
    Path pair;
    try (Stream<Path> files = Files.list(copy.resolve(StateDir.LEDGER))) {
      pair = files.findFirst().orElseThrow();
    }
    Files.writeString(pair, "{\"version\": ");
    CliRun run = CliRun.in(dir, "", "report", "--state", copy.toString(), "-o", "report.html");
    assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.ERROR);
    assertThat(run.err()).startsWith("agentlane: cannot read the ledger '" + copy.resolve(StateDir.LEDGER) + "': ")
        .contains(pair.getFileName().toString());
  }

  @Test
  void anOutputThatCannotBeWrittenIsAnError() {
    CliRun run = CliRun.in(dir, "", "report", "--state", state.toString(), "-o", "no/such/dir/report.html");
    assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.ERROR);
    assertThat(run.err()).startsWith("agentlane: cannot write the report to 'no/such/dir/report.html': ");
  }

  @Test
  void stateAndOutputAreRequired() {
    CliRun noState = CliRun.in(dir, "", "report", "-o", "report.html");
    assertThat(noState.exit()).isEqualTo(ExitCode.USAGE);
    assertThat(noState.err()).contains("Missing required option: '--state=DIR|AUDIT'");
    CliRun noOutput = CliRun.in(dir, "", "report", "--state", state.toString());
    assertThat(noOutput.exit()).isEqualTo(ExitCode.USAGE);
    assertThat(noOutput.err()).contains("Missing required option: '--output=FILE'");
  }

  @Test
  void anInvalidPolicyIsRefusedBeforeAnythingIsWritten() throws Exception {
    Files.writeString(dir.resolve("policy.yaml"), "apiVersion: agentlane.dev/v1\nkind: Policy\nlanes: 3\n");
    CliRun run = CliRun.in(dir, "", "report", "--state", state.toString(), "--policy", "policy.yaml", "-o", "r.html");
    assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.REFUSED);
    assertThat(run.err()).startsWith("agentlane: the policy 'policy.yaml' is invalid");
    assertThat(dir.resolve("r.html")).doesNotExist();
  }
}
