package dev.agentlane.cli;

import dev.agentlane.Grant;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code agentlane revoke}: ends a grant before its uses or its time run out, recorded. */
@Command(name = "revoke", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Revokes a grant, naming who revokes it.",
        "",
        "The revocation is recorded in the audit log; later decisions on the state directory no longer honour "
            + "the grant. 'agentlane status --state DIR' lists the "
            + "grants that can still apply."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:revoked",
        "1:no such grant can still apply (used up, expired, already revoked, or never issued)",
        "2:the command line is wrong",
        "3:the state directory or the policy cannot be read"})
final class RevokeCommand implements Callable<Integer> {
  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  @Mixin
  private PromotionState state = new PromotionState();

  @Parameters(index = "0", paramLabel = "GRANT-ID", description = "The grant's id, as 'grant' printed it.")
  private String grantId;

  @Option(names = "--by", paramLabel = "NAME", required = true, description = "Who revokes it.")
  private String by;

  @Mixin
  private final FormatOption output = new FormatOption();

  @Override
  public Integer call() {
    if (by.isBlank()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--by must name who revokes the grant");
    }
    PrintWriter out = spec.commandLine().getOut();
    try (StateDir s = state.open()) {
      Optional<Grant> grant = s.engine().grants().list().stream().filter(g -> g.id().equals(grantId)).findFirst();
      boolean revoked = s.engine().grants().revoke(grantId, by);
      if (output.json()) {
        var o = PromotionView.MAPPER.createObjectNode().put("revoked", revoked).put("id", grantId).put("by", by);
        grant.ifPresent(g -> o.set("grant", PromotionView.grantTree(g)));
        PromotionView.json(out, o);
      } else if (revoked) {
        out.println("revoked " + grant.map(PromotionView::grant).orElse(grantId) + ", by " + by);
        out.println("recorded in " + state.dir.resolve(StateDir.AUDIT));
      } else {
        out.println("no grant " + grantId + " can still apply in " + state.dir
            + " (used up, expired, already revoked, or never issued)");
      }
      return revoked ? ExitCode.OK : ExitCode.REFUSED;
    }
  }
}
