package dev.agentlane.cli;

import dev.agentlane.core.audit.AuditVerification;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code agentlane report}: one self-contained HTML page about a state directory or an audit log, for
 * the lead who asks how the agents are doing: each pair's lane over time, its clean-review rate with the
 * confidence band, refusals by reason, stop-condition hits, the promotions, demotions and halts in order,
 * and whether the audit log verifies. The page has no script and loads nothing from the network. Not
 * thread-safe; one per run.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = {
        "Writes one self-contained HTML page (inline CSS and SVG, no script, nothing loaded from the network)"
            + " about a state directory or an audit log: each pair's lane over time, clean-review rates with"
            + " their confidence bands, decisions over time, blocks by reason, stop-condition hits, and the"
            + " promotions, demotions, halts and resets in order.",
        "The audit log's hash chain is verified and the result is shown at the top of the page."},
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
        "0:the report was written and the audit log verifies",
        "1:the report was written, but the audit log does not verify (the page says where)",
        "2:the command line is wrong",
        "3:the input cannot be read (no such file, not a state directory, an unreadable ledger) or the report"
            + " cannot be written"})
final class ReportCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--state", required = true, paramLabel = "DIR|AUDIT",
      description = "A state directory (its audit.jsonl and ledger/), or an audit log file"
          + " alone (no clean-review rates then: they live in the ledger).")
  Path state;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE",
      description = "Where to write the page; - for standard output.")
  String output;

  @Option(names = "--policy", paramLabel = "FILE|default", defaultValue = Policies.DEFAULT,
      description = "The policy whose lanes order the charts and whose promotion criteria the ledger's pairs are"
          + " measured against (default: ${DEFAULT-VALUE}, the shipped policy).")
  String policy;

  @Override
  public Integer call() {
    ReportData data = ReportData.load(state, Policies.load(policy), InstantSource.system());
    String html = ReportPage.render(data);
    PrintWriter out = spec.commandLine().getOut();
    if (output.equals("-")) {
      out.print(html);
      out.flush();
    } else {
      Path file = Path.of(output);
      try {
        Files.writeString(file, html, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new CliException("cannot write the report to '" + output + "': " + e);
      }
      out.println("wrote " + output + ": " + summary(data));
    }
    AuditVerification v = data.verification;
    if (data.auditFile != null && (v == null || !v.ok() || data.readProblem != null)) {
      spec.commandLine().getErr().println("agentlane: the audit log '" + data.auditFile + "' does not verify: "
          + (v != null && v.problem() != null ? v.problem() : data.readProblem) + " (the report shows it)");
      return ExitCode.REFUSED;
    }
    return ExitCode.OK;
  }

  private static String summary(ReportData d) {
    StringBuilder s = new StringBuilder();
    if (d.auditFile == null) {
      s.append("no audit log");
    } else {
      s.append(d.records).append(d.records == 1 ? " audit record" : " audit records").append(" (")
          .append(d.verification != null && d.verification.ok() && d.readProblem == null ? "chain verified"
              : "chain does NOT verify")
          .append("), ").append(d.decisions()).append(" decisions, ").append(d.timelines.size()).append(" pairs");
    }
    if (d.pairs != null) {
      s.append("; ledger: ").append(d.pairs.size()).append(d.pairs.size() == 1 ? " pair" : " pairs");
    }
    return s.toString();
  }
}
