package dev.agentlane;

import dev.agentlane.policy.Policy;
import dev.agentlane.spi.ApprovalHandler;
import dev.agentlane.spi.AuditSink;
import dev.agentlane.spi.DecisionListener;
import dev.agentlane.spi.EngineProvider;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;
import org.jspecify.annotations.Nullable;

/**
 * Decides, before every tool call, whether an agent may make it, and explains why.
 *
 * <p>Thread-safe; share one instance. Decisions read an immutable compiled policy snapshot, so
 * {@link #update(Policy)} swaps policies atomically while decisions continue. Evaluation fails
 * closed: any exception inside it, in a custom stop condition or in an approval handler, yields
 * {@code DENY (internal-error)}, never {@code ALLOW}.
 *
 * <pre>{@code
 * try (PolicyEngine engine = PolicyEngine.builder().policy(policy).workspace("/work/repo").build()) {
 *   Decision d = engine.decide(action);
 *   if (d.permitsExecution()) { runTheTool(); } else { return d.explain(); }
 * }
 * }</pre>
 */
public interface PolicyEngine extends AutoCloseable {

  /**
   * Decides an action. Never throws for a refusal, a malformed action or an internal failure: those
   * are decisions.
   *
   * @throws NullPointerException if {@code action} is null
   */
  Decision decide(Action action);

  /**
   * Decides an action and throws if the decision does not permit it.
   *
   * @return the decision, which permits execution
   * @throws ActionDeniedException carrying the decision, if it does not permit execution
   */
  default Decision guard(Action action) {
    Decision decision = decide(action);
    if (!decision.permitsExecution()) {
      throw new ActionDeniedException(decision);
    }
    return decision;
  }

  /**
   * Runs {@code call} only if the decision permits the action.
   *
   * @return what {@code call} returned
   * @throws ActionDeniedException carrying the decision, if it does not permit execution
   * @throws E what {@code call} throws
   */
  default <T, E extends Exception> T guard(Action action, GuardedCall<T, E> call) throws E {
    guard(action);
    return call.call();
  }

  /**
   * Reports that a permitted tool call ran (or threw): listeners hear it as
   * {@link dev.agentlane.spi.DecisionListener#executionEnd}, and an audit sink records it as an
   * {@code execution} entry with the action's digest. Never throws for a failing listener; a sink that
   * refuses the entry is logged, since the call has already run.
   *
   * @throws NullPointerException if {@code execution} is null
   */
  void executed(Execution execution);

  /** The policy in force. */
  Policy policy();

  /**
   * Compiles and switches to a new policy, atomically. If the policy does not compile, the engine
   * keeps its previous policy, listeners hear {@code policyRejected}, and this throws.
   *
   * @throws PolicyException listing every problem, if the policy does not compile
   */
  void update(Policy policy);

  /** Where each agent/workflow pair stands, and the halts. */
  LaneDirectory lanes();

  /** The grants. */
  Grants grants();

  /** Registers a listener; close the returned handle to unregister it. */
  Registration addListener(DecisionListener listener);

  /** Stops the approval threads. Decisions made after closing still work, but do not ask for approval. */
  @Override
  void close();

  /**
   * A new builder.
   *
   * @throws AgentLaneException when no engine implementation (agentlane-core) is available
   */
  static Builder builder() {
    return new Builder();
  }

  /**
   * Configures a {@link PolicyEngine}. Not thread-safe. Setters check their arguments; {@link #build()}
   * leaves the builder reusable.
   */
  final class Builder {
    private @Nullable Policy policy;
    private InstantSource clock = InstantSource.system();
    private @Nullable String workspace;
    private boolean caseInsensitivePaths;
    private boolean resolveSymlinks;
    private @Nullable ApprovalHandler approvalHandler;
    private Duration approvalTimeout = Duration.ofMinutes(5);
    private final List<DecisionListener> listeners = new ArrayList<>();
    private boolean shadowMode;
    private @Nullable LaneDirectory laneDirectory;
    private @Nullable AuditSink auditSink;

    private Builder() {}

    /** The policy to enforce. Required. */
    public Builder policy(Policy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** The clock for time windows, rates, budgets and grants ({@link InstantSource#system()} by default). */
    public Builder clock(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The default workspace root, an absolute path. Paths in actions are normalized against it; an
     * action may carry its own root. Without a root, every relative path is inside and every absolute
     * path is outside.
     */
    public Builder workspace(String root) {
      this.workspace = Objects.requireNonNull(root, "root");
      return this;
    }

    /** Folds case before matching paths, for case-insensitive file systems (off by default). */
    public Builder caseInsensitivePaths(boolean enabled) {
      this.caseInsensitivePaths = enabled;
      return this;
    }

    /**
     * Resolves symbolic links inside the workspace on disk before matching paths, so that a link to
     * {@code ~/.ssh} or {@code ../other-repo} is judged where it points (off by default: it costs a
     * file-system lookup per path and needs the workspace on this machine).
     */
    public Builder resolveSymlinks(boolean enabled) {
      this.resolveSymlinks = enabled;
      return this;
    }

    /** Who approves escalated actions. Without one, escalations are returned as {@code ESCALATE}. */
    public Builder approvalHandler(ApprovalHandler handler) {
      this.approvalHandler = Objects.requireNonNull(handler, "handler");
      return this;
    }

    /**
     * How long to wait for an approval before denying (5 minutes by default).
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder approvalTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("approvalTimeout must be > 0 but was " + timeout);
      }
      this.approvalTimeout = timeout;
      return this;
    }

    /** Adds a listener. */
    public Builder listener(DecisionListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Shadow mode: decisions are computed, recorded and reported as usual, but every action is
     * permitted ({@link Decision#permitsExecution()}). For rolling out a policy safely.
     */
    public Builder shadowMode(boolean enabled) {
      this.shadowMode = enabled;
      return this;
    }

    /** Where lanes and halts are kept (in memory by default). */
    public Builder laneDirectory(LaneDirectory directory) {
      this.laneDirectory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /**
     * Where every decision, halt, reset, grant, revocation and policy change is recorded. A decision is
     * returned only after its record is acknowledged under the sink's durability mode; if the sink cannot
     * accept it, the decision becomes {@code DENY (internal-error)}: an action is never allowed without its
     * record. The engine flushes the sink on close; the caller closes it.
     */
    public Builder auditSink(AuditSink sink) {
      this.auditSink = Objects.requireNonNull(sink, "sink");
      return this;
    }

    /** The audit sink, or {@code null} for none. */
    public @Nullable AuditSink auditSink() {
      return auditSink;
    }

    /** The policy, or {@code null} if not set. */
    public @Nullable Policy policy() {
      return policy;
    }

    /** The clock. */
    public InstantSource clock() {
      return clock;
    }

    /** The default workspace root, or {@code null}. */
    public @Nullable String workspace() {
      return workspace;
    }

    /** Whether paths are matched case-insensitively. */
    public boolean caseInsensitivePaths() {
      return caseInsensitivePaths;
    }

    /** Whether symbolic links are resolved on disk. */
    public boolean resolveSymlinks() {
      return resolveSymlinks;
    }

    /** The approval handler, or {@code null}. */
    public @Nullable ApprovalHandler approvalHandler() {
      return approvalHandler;
    }

    /** The approval timeout. */
    public Duration approvalTimeout() {
      return approvalTimeout;
    }

    /** The listeners. */
    public List<DecisionListener> listeners() {
      return List.copyOf(listeners);
    }

    /** Whether shadow mode is on. */
    public boolean shadowMode() {
      return shadowMode;
    }

    /** The lane directory, or {@code null} for the in-memory default. */
    public @Nullable LaneDirectory laneDirectory() {
      return laneDirectory;
    }

    /**
     * The engine.
     *
     * @throws IllegalStateException if no policy was set
     * @throws PolicyException if the policy does not compile
     * @throws AgentLaneException if no engine implementation is on the class or module path
     */
    public PolicyEngine build() {
      if (policy == null) {
        throw new IllegalStateException("policy is required: call policy(...) before build()");
      }
      return provider().create(this);
    }

    private static EngineProvider provider() {
      Iterator<EngineProvider> it = ServiceLoader.load(EngineProvider.class, PolicyEngine.class.getClassLoader()).iterator();
      if (!it.hasNext()) {
        it = ServiceLoader.load(EngineProvider.class).iterator();
      }
      if (!it.hasNext()) {
        throw new AgentLaneException("no agentlane engine found: add dev.agentlane:agentlane-core to the class or module path");
      }
      return it.next();
    }
  }
}
