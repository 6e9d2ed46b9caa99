package dev.agentlane.testkit.sim;

import dev.agentlane.Action;
import dev.agentlane.AgentKey;
import dev.agentlane.Evidence;
import dev.agentlane.Lane;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The tool calls a scripted agent makes in a {@link PromotionSimulator}: given the pair, the lane it
 * stands in now, the index of the call that day and the simulation's seeded random source, the next
 * action. The script decides what the agent <em>tries</em>; the real engine decides what it may do.
 *
 * <p>Implementations must be deterministic given the random source (draw only from it), so that a seed
 * reproduces a simulation, and must not keep state across simulations. A lambda is enough:
 *
 * <pre>{@code
 * CallScript reader = (key, lane, i, random) -> Action.builder().key(key).tool("read_file")
 *     .arguments(Map.of("path", "src/File" + random.nextInt(100) + ".java")).build();
 * }</pre>
 */
@FunctionalInterface
public interface CallScript {
  /**
   * The next call.
   *
   * @param key the agent and workflow making it
   * @param lane the lane the pair stands in
   * @param index the index of the call in the pair's day, from 0
   * @param random the simulation's seeded source
   * @return the action; its agent and workflow should be {@code key}'s
   */
  Action next(AgentKey key, Lane lane, int index, SplittableRandom random);

  /**
   * Calls suited to each lane of the shipped default policy: mostly file reads; in sandbox, test runs
   * ({@code npm test} through {@code bash}); from governed up, pull requests with full evidence.
   */
  static CallScript forDefaultPolicy() {
    return DefaultPolicyCalls.INSTANCE;
  }
}

/** The script behind {@link CallScript#forDefaultPolicy()}. */
enum DefaultPolicyCalls implements CallScript {
  INSTANCE;

  private static final Evidence PR_EVIDENCE = Evidence.builder().test("unit", 120, 0)
      .filesTouched("src/main/java/App.java").assumption("no API change").confidence(0.9)
      .rollbackPlan("revert the merge").build();

  @Override
  public Action next(AgentKey key, Lane lane, int index, SplittableRandom random) {
    if (index % 5 != 0 || lane.rank() == 0) {
      return Action.builder().key(key).tool("read_file")
          .arguments(Map.of("path", "src/main/java/App" + (index % 7) + ".java")).build();
    }
    if (lane.rank() == 1) {
      return Action.builder().key(key).tool("bash").arguments(Map.of("command", "npm test")).build();
    }
    return Action.builder().key(key).tool("open_pr").arguments(Map.of("branch", "agent/fix-" + index))
        .evidence(PR_EVIDENCE).build();
  }
}
