package dev.agentlane.testkit;

import dev.agentlane.PolicyEngine;
import dev.agentlane.core.promotion.InMemoryLedgerStore;
import dev.agentlane.core.promotion.LedgerLaneDirectory;
import dev.agentlane.policy.Policy;
import dev.agentlane.policyfile.PolicyFiles;
import dev.agentlane.promotion.LedgerListener;
import dev.agentlane.promotion.LedgerStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Everything one test needs, wired together the way an application wires it: a {@link ManualClock}, a
 * real promotion ledger ({@link LedgerLaneDirectory}, in memory unless a store is given) and a real
 * {@link PolicyEngine} over it, with a {@link DecisionRecorder} hearing the engine, the ledger and the
 * audit trail. The {@link AgentLaneExtension}, {@code Scenario} and {@code PromotionSimulator} all build
 * their engines here, so a test written with any of them runs the same engine as production code.
 *
 * <pre>{@code
 * try (AgentLaneFixture f = AgentLaneFixture.builder().policy(policy).build()) {
 *   f.ledger().assign(AgentKey.of("bot", "fixes"), Lane.SANDBOX, "test", "setup");
 *   assertThat(f.engine().decide(Actions.agent("bot", "fixes").bash("npm test"))).isAllowed();
 * }
 * }</pre>
 *
 * <p>Thread-safe as its parts are (the engine, ledger, clock and recorder all are); one fixture per
 * test. The ledger reads its lanes from the engine's current policy, so {@code engine().update(...)}
 * reaches both. {@link #close()} closes the engine.
 */
public final class AgentLaneFixture implements AutoCloseable {
  /** The workspace root a fixture's engine judges paths against unless told otherwise. */
  public static final String DEFAULT_WORKSPACE = "/workspace";

  private final Policy policy;
  private final ManualClock clock;
  private final DecisionRecorder recorder;
  private final LedgerLaneDirectory ledger;
  private final PolicyEngine engine;

  private AgentLaneFixture(Builder b) {
    this.policy = b.policy == null ? PolicyFiles.defaultPolicy() : b.policy;
    this.clock = b.clock != null ? b.clock : new ManualClock(b.start);
    this.recorder = new DecisionRecorder(clock);
    AtomicReference<@Nullable PolicyEngine> built = new AtomicReference<>();
    LedgerLaneDirectory.Builder lb = LedgerLaneDirectory.builder()
        .policy(() -> {
          PolicyEngine e = built.get();
          return e == null ? policy : e.policy();
        })
        .clock(clock).store(b.store == null ? new InMemoryLedgerStore() : b.store).demoteOnHalt(b.demoteOnHalt);
    if (b.recording) {
      lb.listener(recorder.ledgerListener());
    }
    b.ledgerListeners.forEach(lb::listener);
    this.ledger = lb.build();
    PolicyEngine.Builder eb = PolicyEngine.builder().policy(policy).clock(clock).workspace(b.workspace)
        .laneDirectory(ledger).shadowMode(b.shadow);
    if (b.recording) {
      eb.listener(recorder).auditSink(recorder);
    }
    this.engine = eb.build();
    built.set(engine);
  }

  /** A new builder: the shipped default policy, a clock at {@link ManualClock#DEFAULT_START}, recording on. */
  public static Builder builder() {
    return new Builder();
  }

  /** A fixture over the shipped default policy with every default. */
  public static AgentLaneFixture ofDefaults() {
    return builder().build();
  }

  /** The engine: real, over {@link #ledger()}, with {@link #clock()} and the recorder wired in. */
  public PolicyEngine engine() {
    return engine;
  }

  /** The manual clock shared by the engine and the ledger. */
  public ManualClock clock() {
    return clock;
  }

  /**
   * The recorder of every decision, engine event, ledger event and audit entry (it stays empty when the
   * fixture was built with {@code recording(false)}).
   */
  public DecisionRecorder recorder() {
    return recorder;
  }

  /** The promotion ledger, which is also the engine's lane directory. */
  public LedgerLaneDirectory ledger() {
    return ledger;
  }

  /** The policy the fixture was built with (the engine's current one is {@code engine().policy()}). */
  public Policy policy() {
    return policy;
  }

  /** Closes the engine. Idempotent. */
  @Override
  public void close() {
    engine.close();
  }

  @Override
  public String toString() {
    return "AgentLaneFixture{policy " + engine.policy().name() + "@" + engine.policy().version() + ", " + clock + "}";
  }

  /** Configures an {@link AgentLaneFixture}. Not thread-safe; {@link #build()} leaves it reusable. */
  public static final class Builder {
    private @Nullable Policy policy;
    private @Nullable ManualClock clock;
    private Instant start = ManualClock.DEFAULT_START;
    private String workspace = DEFAULT_WORKSPACE;
    private boolean shadow;
    private boolean recording = true;
    private boolean demoteOnHalt = true;
    private @Nullable LedgerStore store;
    private final List<LedgerListener> ledgerListeners = new ArrayList<>();

    private Builder() {}

    /** The policy (the shipped default policy otherwise). */
    public Builder policy(Policy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** A clock to share with the test (each fixture gets a new {@link ManualClock} otherwise). */
    public Builder clock(ManualClock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Where each fixture's new clock starts ({@link ManualClock#DEFAULT_START} by default); ignored with {@link #clock}. */
    public Builder start(Instant start) {
      this.start = Objects.requireNonNull(start, "start");
      return this;
    }

    /**
     * The workspace root the engine judges paths against ({@value #DEFAULT_WORKSPACE} by default).
     *
     * @throws IllegalArgumentException if blank
     */
    public Builder workspace(String root) {
      Objects.requireNonNull(root, "root");
      if (root.isBlank()) {
        throw new IllegalArgumentException("workspace must not be blank");
      }
      this.workspace = root;
      return this;
    }

    /** Whether the engine runs in shadow mode (records the real verdict but permits every action). */
    public Builder shadow(boolean shadow) {
      this.shadow = shadow;
      return this;
    }

    /**
     * Whether the recorder hears the engine, the ledger and the audit trail (true by default). A
     * simulation of hundreds of thousands of decisions turns it off to keep memory flat.
     */
    public Builder recording(boolean recording) {
      this.recording = recording;
      return this;
    }

    /** Whether a halt also demotes the pair one lane (true by default, as in the ledger). */
    public Builder demoteOnHalt(boolean demoteOnHalt) {
      this.demoteOnHalt = demoteOnHalt;
      return this;
    }

    /** Where the ledger keeps its state (in memory by default), such as a {@code FileLedgerStore}. */
    public Builder ledgerStore(LedgerStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /** Adds a listener to the ledger, besides the recorder. */
    public Builder ledgerListener(LedgerListener listener) {
      ledgerListeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * The fixture.
     *
     * @throws dev.agentlane.PolicyException if the default policy cannot be loaded
     */
    public AgentLaneFixture build() {
      return new AgentLaneFixture(this);
    }
  }
}
