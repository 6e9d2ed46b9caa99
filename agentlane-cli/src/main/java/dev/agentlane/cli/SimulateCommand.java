package dev.agentlane.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentlane.AgentKey;
import dev.agentlane.Lane;
import dev.agentlane.promotion.PairMetrics;
import dev.agentlane.testkit.sim.AgentProfile;
import dev.agentlane.testkit.sim.SimulationReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code agentlane simulate}: runs a promotion simulation (the testkit's {@code PromotionSimulator}, on the
 * real engine and ledger) from a scenario file and prints its story.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Runs a promotion simulation from a scenario file and prints the story.",
        "",
        "Scripted agents make tool calls "
            + "through the real engine day by day, their work is reviewed at their clean and rework rates, "
            + "release cycles close, the ledger proposes promotions and an approver takes them, secrets they "
            + "touch halt and demote them, severe incidents demote them. Deterministic for a seed.",
        "",
        "The scenario (YAML or JSON): seed, days, cycle-days, policy (default, or a file relative to the "
            + "scenario), approver, and agents, each with agent, workflow, profile (careful or sloppy) and, "
            + "optionally, calls-per-day, reviews-per-day, clean-rate, rework-rate, severe-incident-rate, "
            + "secret-touch-rate. See docs/cli/promotion.md."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:simulated",
        "1:the policy the scenario names is invalid",
        "2:the command line is wrong",
        "3:the scenario cannot be read or has problems (each with file:line:column)"})
final class SimulateCommand implements Callable<Integer> {
  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SCENARIO", description = "The scenario file (YAML or JSON).")
  private Path scenario;

  @Option(names = "--seed", paramLabel = "N", description = "Another seed than the scenario's.")
  private @Nullable Long seed;

  @Option(names = "--days", paramLabel = "N", description = "Another length than the scenario's, in days.")
  private @Nullable Integer days;

  @Mixin
  private final FormatOption output = new FormatOption();

  @Override
  public Integer call() {
    if (days != null && (days < 1 || days > SimulationScenario.MAX_DAYS)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--days must be within 1.."
          + SimulationScenario.MAX_DAYS + " but was " + days);
    }
    SimulationScenario s = SimulationScenario.read(scenario);
    long usedSeed = seed == null ? s.seed() : seed;
    SimulationReport report = s.simulator(seed, days).run();
    PrintWriter out = spec.commandLine().getOut();
    if (output.json()) {
      PromotionView.json(out, json(s, usedSeed, report));
    } else {
      out.println("simulation " + scenario + " (seed " + usedSeed + ", policy " + s.policyRef() + ", a release cycle "
          + "every " + s.cycleDays() + " days, promotions approved by " + s.approver() + ")");
      out.print(report.story());
      out.flush();
    }
    return ExitCode.OK;
  }

  private static ObjectNode json(SimulationScenario s, long seed, SimulationReport r) {
    ObjectNode o = PromotionView.MAPPER.createObjectNode();
    o.put("seed", seed).put("days", r.days()).put("cycle-days", s.cycleDays()).put("policy", s.policyRef())
        .put("decisions", r.decisions());
    ObjectNode verdicts = o.putObject("verdicts");
    new TreeMap<>(r.verdicts()).forEach((v, n) -> verdicts.put(v.code(), n));
    ArrayNode agents = o.putArray("agents");
    for (AgentProfile a : s.agents()) {
      AgentKey key = a.key();
      ObjectNode ao = agents.addObject().put("agent", key.agent()).put("workflow", key.workflow())
          .put("final-lane", r.finalLane(key).name());
      ao.putObject("profile").put("calls-per-day", a.callsPerDay()).put("reviews-per-day", a.reviewsPerDay())
          .put("clean-rate", a.cleanRate()).put("rework-rate", a.reworkRate())
          .put("severe-incident-rate", a.severeIncidentRate()).put("secret-touch-rate", a.secretTouchRate());
      ArrayNode changes = ao.putArray("lane-changes");
      r.laneChanges(key).forEach((day, lane) -> changes.addObject().put("day", day).put("lane", lane.name()));
      ArrayNode daily = ao.putArray("lanes");
      List<Lane> lanes = r.lanes().get(key);
      lanes.forEach(l -> daily.add(l.name()));
      PairMetrics m = r.metrics().get(key);
      if (m != null) {
        ao.set("metrics", PromotionView.metrics(m));
      }
    }
    r.events().forEach(o.putArray("events")::add);
    return o;
  }
}
