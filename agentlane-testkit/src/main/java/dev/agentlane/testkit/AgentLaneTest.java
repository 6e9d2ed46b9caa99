package dev.agentlane.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives each test a fresh {@link AgentLaneFixture}: a {@code PolicyEngine} over a chosen policy, a real
 * in-memory promotion ledger, a {@link ManualClock} and a {@link DecisionRecorder}, injected as test
 * method parameters by type ({@code PolicyEngine}, {@code ManualClock}, {@code DecisionRecorder},
 * {@code LaneDirectory}, {@code PromotionLedger}, {@code LedgerLaneDirectory}, {@code AgentLaneFixture});
 * see {@link AgentLaneExtension}.
 *
 * <p>Immutable (an annotation). Put it on a test class, a test method (which then overrides the class's
 * settings), or an enclosing class of {@code @Nested} tests.
 *
 * <pre>{@code
 * @AgentLaneTest(policy = "policies/team.yaml")
 * class TeamPolicyTest {
 *   @Test
 *   void draftAgentsCannotPush(PolicyEngine engine) {
 *     assertThat(engine.decide(Actions.agent("bot", "fixes").bash("git push"))).isDenied();
 *   }
 * }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(AgentLaneExtension.class)
public @interface AgentLaneTest {
  /**
   * The policy YAML (or JSON): a class-path resource (such as {@code policies/team.yaml}) or, if no such
   * resource exists, a file path. Empty (the default) means the shipped default policy. A class-path
   * resource that is a plain file is loaded as a file, so its {@code extends} paths resolve.
   */
  String policy() default "";

  /** The workspace root the engine judges paths against. */
  String workspace() default "/workspace";

  /** Where the manual clock starts, as an ISO-8601 instant. */
  String start() default "2026-01-01T00:00:00Z";

  /** Whether the engine runs in shadow mode (records the real verdict but permits every action). */
  boolean shadow() default false;
}
