package dev.agentlane.spi;

/**
 * A custom hard rule checked on every action it applies to, next to the built-in ones.
 *
 * <p>Implementations must be thread-safe: the engine calls {@link #check} from many threads at
 * once, never under a lock. An exception thrown from {@code check}, or a {@code null} result, makes
 * the decision {@code DENY (internal-error)}: a broken condition can never allow an action.
 *
 * <pre>{@code
 * StopCondition noFridayDeploys = new StopCondition() {
 *   public String id() { return "no-friday-deploys"; }
 *   public StopResult check(StopContext ctx) {
 *     boolean friday = ctx.now().atZone(ZoneOffset.UTC).getDayOfWeek() == DayOfWeek.FRIDAY;
 *     return friday && ctx.environments().contains("production")
 *         ? StopResult.hit(Verdict.ESCALATE, "production change on a Friday")
 *         : StopResult.pass();
 *   }
 * };
 * }</pre>
 */
public interface StopCondition {
  /** A stable id, used as the rule id of the reasons it produces. */
  String id();

  /**
   * Checks one action.
   *
   * @return {@link StopResult#pass()} or a hit; never {@code null}
   * @throws Exception on failure, which the engine turns into a deny
   */
  StopResult check(StopContext context) throws Exception;
}
