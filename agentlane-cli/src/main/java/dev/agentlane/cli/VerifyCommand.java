package dev.agentlane.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentlane.AuditException;
import dev.agentlane.core.audit.AuditHead;
import dev.agentlane.core.audit.AuditLogs;
import dev.agentlane.core.audit.AuditVerification;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code agentlane verify AUDIT}: verifies a hash-chained audit log and names the first bad record. Not
 * thread-safe; one instance per command run.
 */
@Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Verifies a hash-chained audit log; names the first bad record and its line.",
        "Checks every record of the log (JSON Lines): well formed and matching its "
        + "hash, sequence numbers 1, 2, 3 ... and each record chained to the one before. Prints the records "
        + "verified and the head (SEQ:HASH of the last record), or the first bad record, its line and what is "
        + "wrong with it: edited, reordered, deleted, inserted, malformed, torn, or truncated.",
        "Records removed from the end leave a valid shorter chain: keep the head printed here somewhere else "
        + "and pass it back with --expected-head to detect that."},
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
        "0:the log verifies (and reaches the expected head)",
        "1:the log does not verify",
        "2:the command line is wrong",
        "3:the log does not exist or cannot be read"})
final class VerifyCommand implements Callable<Integer> {
  @Spec
  private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "AUDIT",
      description = "The audit log, or a state directory (its " + StateDir.AUDIT + ").")
  private Path audit;

  @Option(names = "--expected-head", paramLabel = "SEQ:HASH",
      description = "A head printed by an earlier verify (or JsonLinesAuditSink.head()): the record with that "
          + "sequence number must have that hash, and the log must reach it.")
  private @Nullable String expectedHead;

  @Mixin
  private final FormatOption output = new FormatOption();

  @Override
  public Integer call() {
    AuditHead expected = expectedHead == null ? null : head(expectedHead);
    Path file = Files.isDirectory(audit) ? audit.resolve(StateDir.AUDIT) : audit;
    if (!Files.isRegularFile(file)) {
      throw new CliException("audit log '" + file + "' does not exist");
    }
    AuditVerification v;
    try {
      v = AuditLogs.verify(file, expected);
    } catch (AuditException e) {
      throw new CliException("cannot read the audit log '" + file + "': " + e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    String head = v.head().seq() + ":" + v.head().hash();
    if (output.json()) {
      ObjectNode o = DecisionJson.MAPPER.createObjectNode();
      o.put("file", file.toString()).put("ok", v.ok()).put("records", v.records()).put("head", head);
      if (expected != null) {
        o.put("expected-head", expected.seq() + ":" + expected.hash());
      }
      AuditVerification.Problem p = v.problem();
      if (p != null) {
        o.putObject("problem").put("kind", p.kind().code()).put("line", p.line()).put("seq", p.seq())
            .put("message", p.message());
      }
      out.println(Output.json(o));
    } else if (v.ok()) {
      out.println(file + ": OK, " + v.records() + (v.records() == 1 ? " record" : " records") + " verified"
          + (expected == null ? "" : ", reaching the expected head"));
      out.println("head " + head);
    } else {
      AuditVerification.Problem p = v.problem();
      out.println(file + ":" + p.line() + ": " + p.kind().code() + ": " + p.message());
      out.println(file + ": FAILED after " + v.records() + (v.records() == 1 ? " good record" : " good records")
          + (v.records() == 0 ? "" : ", the last of them is head " + head));
    }
    out.flush();
    return v.ok() ? ExitCode.OK : ExitCode.REFUSED;
  }

  private AuditHead head(String text) {
    int colon = text.indexOf(':');
    try {
      if (colon < 1) {
        throw new IllegalArgumentException("no ':'");
      }
      if (!text.substring(colon + 1).matches("[0-9a-f]{64}")) {
        throw new IllegalArgumentException("the hash is not 64 lower-case hex digits");
      }
      return new AuditHead(Long.parseLong(text.substring(0, colon)), text.substring(colon + 1));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--expected-head must be SEQ:HASH (a sequence "
          + "number and 64 hex digits, as verify prints it) but was '" + text + "': " + e.getMessage());
    }
  }
}
