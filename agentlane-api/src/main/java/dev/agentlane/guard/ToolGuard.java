package dev.agentlane.guard;

import dev.agentlane.Action;
import dev.agentlane.Decision;
import dev.agentlane.Execution;
import dev.agentlane.GrantScope;
import dev.agentlane.PolicyEngine;
import dev.agentlane.Reason;
import dev.agentlane.ReasonCode;
import dev.agentlane.Remedy;
import dev.agentlane.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Runs tool calls behind a {@link PolicyEngine}, the one piece every integration (LangChain4j, Spring AI,
 * MCP) and every hand-written agent loop shares:
 *
 * <ol>
 *   <li>decide the action; on {@code ESCALATE}, ask the {@link Escalation} if there is one, and on an
 *       approval issue a one-time grant for exactly this action and decide again;
 *   <li>run the {@linkplain ToolInterceptor interceptors}, the last of which runs the tool only if the
 *       decision {@linkplain Decision#permitsExecution() permits it};
 *   <li>report what ran with {@link PolicyEngine#executed}, so listeners and the audit trail see every
 *       execution next to its decision;
 *   <li>return a {@link ToolOutcome}: {@code Executed}, {@code Failed}, or {@code Refused} with a text
 *       for the model that says what was refused, why, and what would make it allowed.
 * </ol>
 *
 * <pre>{@code
 * ToolGuard guard = ToolGuard.of(engine);
 * ToolOutcome<String> outcome = guard.call(action, () -> shell.run(command));
 * return outcome instanceof ToolOutcome.Refused<String> r ? r.message() : outcome.orThrow();
 * }</pre>
 *
 * <p>Thread-safe and immutable; share one instance. {@code call} never throws but for null arguments:
 * a tool's exception is caught into {@link ToolOutcome.Failed} (errors such as {@code OutOfMemoryError}
 * are not caught), and an action mapping, engine or escalation handler that throws refuses the call, so
 * integrations fail closed without handling it themselves. An interceptor that throws before the tool
 * ran means the tool does not run.
 */
public final class ToolGuard {
  /** The refusal text the guard gives a model unless told otherwise; see {@link #refusalText(Decision)}. */
  private static final Function<Decision, String> DEFAULT_REFUSAL = ToolGuard::refusalText;

  private final PolicyEngine engine;
  private final List<ToolInterceptor> interceptors;
  private final @Nullable Escalation escalation;
  private final Function<Decision, String> refusal;

  private ToolGuard(Builder b) {
    this.engine = b.engine;
    this.interceptors = List.copyOf(b.interceptors);
    this.escalation = b.escalation;
    this.refusal = b.refusal;
  }

  /** A guard with no interceptors and no escalation: ESCALATE refuses unless the engine's handler approves. */
  public static ToolGuard of(PolicyEngine engine) {
    return builder(engine).build();
  }

  /** A builder for a guard over {@code engine}. */
  public static Builder builder(PolicyEngine engine) {
    return new Builder(engine);
  }

  /** The engine that decides. */
  public PolicyEngine engine() {
    return engine;
  }

  /**
   * Decides {@code action} and runs {@code execution} only if permitted. Never throws for anything but a
   * null argument: if deciding itself fails (an engine or escalation handler that throws), the call is
   * {@linkplain ToolOutcome.Refused refused} with an {@code internal-error} decision and does not run.
   *
   * @return what became of the call; never null
   * @throws NullPointerException if an argument is null
   */
  public <T> ToolOutcome<T> call(Action action, ToolExecution<T> execution) {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(execution, "execution");
    Decision decision;
    try {
      decision = decide(action);
    } catch (RuntimeException e) {
      return notDecided("deciding it failed (" + e + "), so it did not run");
    }
    RealChain<T> chain = new RealChain<>(new Call<>(this, action, decision, execution), 0);
    ToolOutcome<?> outcome = chain.proceed();
    @SuppressWarnings("unchecked") // each interceptor returns the outcome of the same call
    ToolOutcome<T> typed = (ToolOutcome<T>) outcome;
    return typed;
  }

  /**
   * Builds the action with {@code action} (an integration's mapping of the framework's call), then
   * {@linkplain #call(Action, ToolExecution) decides and runs} it. If the mapping throws or returns null,
   * the call is refused with an {@code internal-error} decision and does not run: an action that cannot
   * be built cannot be judged.
   *
   * @return what became of the call; never null
   * @throws NullPointerException if an argument is null
   */
  public <T> ToolOutcome<T> call(Callable<? extends Action> action, ToolExecution<T> execution) {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(execution, "execution");
    Action built;
    try {
      built = action.call();
    } catch (Exception e) {
      return notDecided("its action could not be built (" + e + "), so it was not decided and did not run");
    }
    if (built == null) {
      return notDecided("its action could not be built (the mapping returned null), so it was not decided and did"
          + " not run");
    }
    return call(built, execution);
  }

  /** A refusal of a call that was never decided, with a decision that says so. */
  private <T> ToolOutcome<T> notDecided(String why) {
    String version;
    try {
      version = engine.policy().version();
    } catch (RuntimeException e) {
      version = "unknown";
    }
    Decision d = new Decision("g-" + UNDECIDED.incrementAndGet(), Verdict.DENY,
        List.of(Reason.of(ReasonCode.INTERNAL_ERROR, "guard", Verdict.DENY, "the tool call " + why)), List.of(),
        List.of(Remedy.of("retry", "the guard failed closed; report this to the platform team")), null, List.of(),
        version, "unavailable", null, null, false, Instant.now());
    return new ToolOutcome.Refused<>(d, "agentlane refused this tool call: " + why + ".");
  }

  private static final AtomicLong UNDECIDED = new AtomicLong();

  /** The decision, after an escalation handler had its say. */
  private Decision decide(Action action) {
    Decision decision = engine.decide(action);
    if (decision.verdict() != Verdict.ESCALATE || escalation == null) {
      return decision;
    }
    Optional<Escalation.Approved> answer;
    try {
      answer = escalation.ask(action, decision);
    } catch (Exception e) {
      return decision; // nobody approved: the ESCALATE stands and the call is refused
    }
    if (answer == null || answer.isEmpty()) {
      return decision;
    }
    engine.grants().issue(action, GrantScope.exactAction(), answer.get().approver(), answer.get().reason());
    return engine.decide(action);
  }

  /**
   * The default text for a refused call: one paragraph a model can act on, {@code agentlane refused this
   * tool call} followed by {@link Decision#explain()} (verdict, lane, each reason with its rule, each
   * remedy) and the decision id to quote to a human.
   */
  public static String refusalText(Decision decision) {
    return "agentlane refused this tool call (decision " + decision.id() + "): " + decision.explain();
  }

  /** One guarded call, shared by the links of its chain. Confined to the calling thread. */
  private static final class Call<T> {
    final ToolGuard guard;
    final Action action;
    final Decision decision;
    final ToolExecution<T> execution;

    Call(ToolGuard guard, Action action, Decision decision, ToolExecution<T> execution) {
      this.guard = guard;
      this.action = action;
      this.decision = decision;
      this.execution = execution;
    }

    ToolOutcome<T> refused() {
      return new ToolOutcome.Refused<>(decision, guard.refusal.apply(decision));
    }

    /** Runs the tool, if permitted, and reports what ran. */
    ToolOutcome<T> run() {
      if (!decision.permitsExecution()) {
        return refused();
      }
      long start = System.nanoTime();
      try {
        T result = execution.execute();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        guard.engine.executed(Execution.succeeded(action, decision, took));
        return new ToolOutcome.Executed<>(decision, result, took);
      } catch (Exception e) {
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        guard.engine.executed(Execution.failed(action, decision, e, took));
        return new ToolOutcome.Failed<>(decision, e, took);
      }
    }
  }

  private static final class RealChain<T> implements ToolInterceptor.Chain {
    private final Call<T> call;
    private final int index;
    private boolean proceeded;

    RealChain(Call<T> call, int index) {
      this.call = call;
      this.index = index;
    }

    @Override
    public Action action() {
      return call.action;
    }

    @Override
    public Decision decision() {
      return call.decision;
    }

    @Override
    public ToolOutcome<?> proceed() {
      if (proceeded) {
        throw new IllegalStateException("proceed() may be called at most once per interceptor");
      }
      proceeded = true;
      List<ToolInterceptor> interceptors = call.guard.interceptors;
      if (index == interceptors.size()) {
        return call.run();
      }
      ToolInterceptor interceptor = interceptors.get(index);
      try {
        ToolOutcome<?> outcome = interceptor.intercept(new RealChain<>(call, index + 1));
        if (outcome == null) {
          throw new IllegalStateException("interceptor " + interceptor + " returned null");
        }
        if (!call.decision.permitsExecution() && !(outcome instanceof ToolOutcome.Refused<?>)) {
          return call.refused(); // an interceptor cannot turn a refusal into anything else
        }
        return outcome;
      } catch (Exception e) {
        if (!call.decision.permitsExecution()) {
          return call.refused();
        }
        return new ToolOutcome.Failed<T>(call.decision, e, Duration.ZERO);
      }
    }
  }

  /** Configures a {@link ToolGuard}. Not thread-safe; {@link #build()} leaves it reusable. */
  public static final class Builder {
    private final PolicyEngine engine;
    private final List<ToolInterceptor> interceptors = new ArrayList<>();
    private @Nullable Escalation escalation;
    private Function<Decision, String> refusal = DEFAULT_REFUSAL;

    private Builder(PolicyEngine engine) {
      this.engine = Objects.requireNonNull(engine, "engine");
    }

    /** Adds an interceptor; they run in the order added, around the tool. */
    public Builder interceptor(ToolInterceptor interceptor) {
      interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
      return this;
    }

    /** Who to ask, for one call, when the engine escalates (nobody by default: ESCALATE refuses). */
    public Builder escalation(Escalation escalation) {
      this.escalation = Objects.requireNonNull(escalation, "escalation");
      return this;
    }

    /** The text a model gets for a refused call ({@link ToolGuard#refusalText(Decision)} by default). */
    public Builder refusalText(Function<Decision, String> refusal) {
      this.refusal = Objects.requireNonNull(refusal, "refusal");
      return this;
    }

    /** The guard. */
    public ToolGuard build() {
      return new ToolGuard(this);
    }
  }
}
