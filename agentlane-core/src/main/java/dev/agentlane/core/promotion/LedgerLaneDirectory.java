package dev.agentlane.core.promotion;

import dev.agentlane.AgentKey;
import dev.agentlane.Lane;
import dev.agentlane.LaneDirectory;
import dev.agentlane.LaneStatus;
import dev.agentlane.Registration;
import dev.agentlane.policy.Policy;
import dev.agentlane.promotion.LedgerListener;
import dev.agentlane.promotion.LedgerStore;
import dev.agentlane.promotion.LedgerStoreException;
import dev.agentlane.promotion.Outcome;
import dev.agentlane.promotion.OutcomeCounts;
import dev.agentlane.promotion.PairMetrics;
import dev.agentlane.promotion.PairState;
import dev.agentlane.promotion.PromotionCriteria;
import dev.agentlane.promotion.PromotionException;
import dev.agentlane.promotion.PromotionLedger;
import dev.agentlane.promotion.PromotionProposal;
import dev.agentlane.promotion.RecordedOutcome;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link LaneDirectory} whose lanes are earned: it keeps each pair's evidence in a
 * {@link LedgerStore}, judges promotion criteria per transition, moves pairs one lane at a time,
 * demotes at once on a severe incident or a halt, and latches halts until a named human resets them.
 * {@link #assign} remains the administrative override: it moves a pair to any lane of the policy, and
 * the evidence starts afresh there.
 *
 * <p>Thread-safe; share one instance. Reads come from an in-memory view loaded from the store at
 * build time. Each change is a compare-and-set on the pair's version through
 * {@link LedgerStore#save}, retried on conflict, so concurrent changes to one pair never lose an update
 * and no lock is held while the store or a listener runs. Listeners hear of a change after it is
 * saved; one that throws is logged at WARN and skipped.
 *
 * <p>A halt latches even when the store cannot save it (it throws, or hangs and is interrupted): the
 * halt is then held in memory, {@link #halt} rethrows the store's failure, and the pair stays halted in
 * this process until a named human {@linkplain #reset resets} it; the reset saves what the halt would
 * have saved (the demotion) before lifting it. A halt held only in memory does not survive a restart.
 * A store that answers with another pair's state, or with null, is an error, never data.
 *
 * <p>Lanes come from the current policy. A stored lane the policy no longer defines is read as the
 * policy's lowest lane (never a higher one). A pair the ledger has never seen stands in the policy's
 * default lane; the first recorded outcome enters it there, and its time in lane starts then.
 *
 * <pre>{@code
 * LedgerLaneDirectory ledger = LedgerLaneDirectory.builder()
 *     .policy(engine::policy)
 *     .store(FileLedgerStore.open(Path.of("/var/lib/agentlane/ledger")))
 *     .criteria("production", PromotionCriteria.builder().minObservations(50).build())
 *     .build();
 * }</pre>
 */
public final class LedgerLaneDirectory implements LaneDirectory, PromotionLedger {
  private static final Logger LOG = LoggerFactory.getLogger(LedgerLaneDirectory.class);
  private static final int MAX_ATTEMPTS = 10_000;

  private final ConcurrentHashMap<AgentKey, PairState> pairs = new ConcurrentHashMap<>();
  private final Supplier<Policy> policy;
  private final InstantSource clock;
  private final LedgerStore store;
  private final PromotionCriteria defaultCriteria;
  private final Map<String, PromotionCriteria> criteria;
  private final CopyOnWriteArrayList<LedgerListener> listeners;
  private final boolean demoteOnHalt;
  /** Halts the store could not save, held so that a halt latches whatever the store does. */
  private final ConcurrentHashMap<AgentKey, UnsavedHalt> unsavedHalts = new ConcurrentHashMap<>();

  private record UnsavedHalt(String reason, String by, Instant at) {}

  private LedgerLaneDirectory(Builder b, Supplier<Policy> policy) {
    this.policy = policy;
    this.clock = b.clock;
    this.store = b.store;
    this.defaultCriteria = b.defaultCriteria;
    this.criteria = Map.copyOf(b.criteria);
    this.listeners = new CopyOnWriteArrayList<>(b.listeners);
    this.demoteOnHalt = b.demoteOnHalt;
    refresh();
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reloads every pair from the store, keeping whichever of the stored and the in-memory state is
   * newer. For ledgers on several replicas sharing one store.
   *
   * @throws LedgerStoreException if the store cannot be read
   */
  public void refresh() {
    List<PairState> all = store.loadAll();
    if (all == null) {
      throw new LedgerStoreException("the ledger store answered null instead of its pairs");
    }
    for (PairState s : all) {
      if (s == null) {
        throw new LedgerStoreException("the ledger store answered a null pair among its pairs");
      }
      pairs.merge(s.key(), s, LedgerLaneDirectory::newer);
    }
  }

  // ---- LaneDirectory -------------------------------------------------------------------------

  @Override
  public LaneStatus status(AgentKey key) {
    Objects.requireNonNull(key, "key");
    PairState s = pairs.get(key);
    Policy p = policy.get();
    UnsavedHalt unsaved = unsavedHalts.isEmpty() ? null : unsavedHalts.get(key);
    if (s == null) {
      return unsaved == null ? new LaneStatus(key, p.defaultLane(), null, false, null, null)
          : new LaneStatus(key, p.defaultLane(), null, true, unsaved.reason(), unsaved.at());
    }
    if (unsaved != null && !s.halted()) {
      return new LaneStatus(key, resolve(p, s.lane()), s.since(), true, unsaved.reason(), unsaved.at());
    }
    return new LaneStatus(key, resolve(p, s.lane()), s.since(), s.halted(), s.haltReason(), s.haltedAt());
  }

  @Override
  public List<LaneStatus> all() {
    List<LaneStatus> out = new ArrayList<>();
    for (AgentKey key : sortedKeys()) {
      out.add(status(key));
    }
    return out;
  }

  /**
   * {@inheritDoc}
   *
   * <p>The administrative override: moves the pair to any lane, without criteria; its evidence
   * starts afresh there. Assigning the lane it already stands in changes nothing.
   */
  @Override
  public void assign(AgentKey key, Lane lane, String by, String note) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(lane, "lane");
    requireActor(by, "by");
    Objects.requireNonNull(note, "note");
    Policy p = policy.get();
    Optional<Lane> known = p.lane(lane.name());
    if (known.isEmpty() || known.get().rank() != lane.rank()) {
      throw new IllegalArgumentException("lane " + lane.name() + " (rank " + lane.rank()
          + ") is not one of the policy's lanes " + p.lanes());
    }
    update(key, s -> {
      if (s.lane().equals(lane)) {
        return Step.unchanged(null);
      }
      Lane from = s.lane();
      Draft d = Draft.of(s).moveTo(lane, clock.instant(), by, note);
      return Step.changed(d.build(), null, l -> l.assigned(key, from, lane, by, note));
    });
  }

  /**
   * {@inheritDoc}
   *
   * <p>The halt is held in memory before it is saved, so it latches even if the store fails: this then
   * rethrows the store's failure, and the halt stays in force in this process until {@link #reset}.
   *
   * @throws LedgerStoreException if the store cannot save the halt (it is in force nonetheless)
   */
  @Override
  public void halt(AgentKey key, String reason, String by) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(reason, "reason");
    requireActor(by, "by");
    UnsavedHalt fresh = new UnsavedHalt(reason, by, clock.instant());
    UnsavedHalt held = unsavedHalts.putIfAbsent(key, fresh);
    UnsavedHalt h = held == null ? fresh : held; // the first reason is kept
    boolean saved = false;
    try {
      update(key, s -> {
        if (s.halted()) {
          return Step.unchanged(null);
        }
        Draft d = Draft.of(s);
        d.halted = true;
        d.haltReason = h.reason();
        d.haltedBy = h.by();
        d.haltedAt = h.at();
        List<Consumer<LedgerListener>> events = new ArrayList<>(2);
        events.add(l -> l.halted(key, h.reason(), h.by()));
        Lane from = s.lane();
        Lane below = demoteOnHalt ? below(policy.get(), from) : null;
        if (below != null) {
          String why = "halted: " + h.reason();
          d.moveTo(below, h.at(), h.by(), why);
          d.demotions++;
          events.add(l -> l.demoted(key, from, below, why, h.by()));
        }
        return new Step<>(d.build(), null, events);
      });
      saved = true;
    } finally {
      if (saved) {
        unsavedHalts.remove(key, h);
      } else {
        LOG.error("agentlane could not save the halt of {}; it is held in memory until a named human resets it", key);
      }
    }
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if {@code by} is blank: a halt is lifted by a named human
   */
  @Override
  public boolean reset(AgentKey key, String by) {
    Objects.requireNonNull(key, "key");
    requireActor(by, "by");
    UnsavedHalt unsaved = unsavedHalts.get(key);
    if (unsaved != null) {
      return resetUnsaved(key, unsaved, by);
    }
    if (!pairs.containsKey(key)) {
      return false;
    }
    return update(key, s -> {
      if (!s.halted()) {
        return Step.unchanged(false);
      }
      Draft d = Draft.of(s);
      d.halted = false;
      d.haltReason = null;
      d.haltedBy = null;
      d.haltedAt = null;
      return Step.changed(d.build(), true, l -> l.reset(key, by));
    });
  }

  /** Saves what an unsaved halt would have (the demotion, and no halt), then lifts it. */
  private boolean resetUnsaved(AgentKey key, UnsavedHalt unsaved, String by) {
    update(key, s -> {
      Draft d = Draft.of(s);
      d.halted = false;
      d.haltReason = null;
      d.haltedBy = null;
      d.haltedAt = null;
      List<Consumer<LedgerListener>> events = new ArrayList<>(2);
      Lane from = s.lane();
      Lane below = demoteOnHalt && !s.halted() ? below(policy.get(), from) : null;
      if (below != null) {
        String why = "halted: " + unsaved.reason();
        d.moveTo(below, clock.instant(), unsaved.by(), why);
        d.demotions++;
        events.add(l -> l.demoted(key, from, below, why, unsaved.by()));
      }
      events.add(l -> l.reset(key, by));
      return new Step<>(below == null && !s.halted() ? null : d.build(), null, events);
    });
    unsavedHalts.remove(key, unsaved);
    return true;
  }

  // ---- PromotionLedger -----------------------------------------------------------------------

  @Override
  public void record(AgentKey key, Outcome outcome, String recordedBy) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(outcome, "outcome");
    requireActor(recordedBy, "recordedBy");
    update(key, s -> {
      Instant now = clock.instant();
      Draft d = Draft.of(s);
      d.counts = s.counts().plus(outcome);
      RecordedOutcome recorded = new RecordedOutcome(key, outcome, now, recordedBy);
      List<Consumer<LedgerListener>> events = new ArrayList<>(2);
      events.add(l -> l.outcomeRecorded(recorded));
      if (outcome instanceof Outcome.Incident i && i.severity().isSevere()) {
        d.lastSevereIncidentAt = now;
        Lane from = s.lane();
        Lane below = below(policy.get(), from);
        if (below != null) {
          String reason = "severe incident (" + i.severity().code() + "): " + i.description();
          d.moveTo(below, now, recordedBy, reason);
          d.demotions++;
          events.add(l -> l.demoted(key, from, below, reason, recordedBy));
        }
      }
      return new Step<>(d.build(), null, events);
    });
  }

  @Override
  public PromotionProposal propose(AgentKey key) {
    Objects.requireNonNull(key, "key");
    Policy p = policy.get();
    Instant now = clock.instant();
    return proposal(p, view(p, key, now), now);
  }

  @Override
  public LaneStatus promote(AgentKey key, String approver, String note) {
    Objects.requireNonNull(key, "key");
    requireActor(approver, "approver");
    Objects.requireNonNull(note, "note");
    update(key, s -> {
      Policy p = policy.get();
      Instant now = clock.instant();
      PromotionProposal proposal = proposal(p, withUnsavedHalt(s), now);
      Lane to = proposal.to();
      if (!proposal.eligible() || to == null) {
        throw new PromotionException(proposal);
      }
      Lane from = s.lane();
      Draft d = Draft.of(s).moveTo(to, now, approver, note);
      d.promotions++;
      return Step.changed(d.build(), null, l -> l.promoted(key, from, to, approver, note, proposal));
    });
    return status(key);
  }

  @Override
  public LaneStatus demote(AgentKey key, String reason, String by) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(reason, "reason");
    requireActor(by, "by");
    update(key, s -> {
      Lane from = s.lane();
      Lane below = below(policy.get(), from);
      if (below == null) {
        return Step.unchanged(null);
      }
      Draft d = Draft.of(s).moveTo(below, clock.instant(), by, reason);
      d.demotions++;
      return Step.changed(d.build(), null, l -> l.demoted(key, from, below, reason, by));
    });
    return status(key);
  }

  @Override
  public List<PairMetrics> metrics() {
    List<PairMetrics> out = new ArrayList<>();
    for (AgentKey key : sortedKeys()) {
      out.add(metrics(key));
    }
    return out;
  }

  @Override
  public PairMetrics metrics(AgentKey key) {
    Objects.requireNonNull(key, "key");
    Policy p = policy.get();
    Instant now = clock.instant();
    boolean seen = pairs.containsKey(key);
    PairState s = view(p, key, now);
    Lane next = above(p, s.lane());
    double confidence = criteriaFor(next).confidence();
    OutcomeCounts c = s.counts();
    long reviews = c.reviews();
    WilsonInterval clean = WilsonInterval.of(c.clean(), reviews, confidence);
    long reworked = c.rework() + c.reverts();
    WilsonInterval rework = WilsonInterval.of(reworked, reviews, confidence);
    Duration inLane = seen ? Duration.between(s.since(), now) : Duration.ZERO;
    return new PairMetrics(key, s.lane(), seen ? s.since() : null, inLane.isNegative() ? Duration.ZERO : inLane,
        s.halted(), reviews, c.clean(), c.changesRequested(), c.rejected(),
        reviews == 0 ? 0.0 : (double) c.clean() / reviews, clean.lower(), clean.upper(),
        c.rework(), c.reverts(), reviews == 0 ? 0.0 : (double) reworked / reviews, rework.upper(),
        c.incidents(), c.stopConditionHits(), c.releaseCycles(), s.promotions(), s.demotions(),
        s.lastSevereIncidentAt(), confidence);
  }

  @Override
  public Registration addListener(LedgerListener listener) {
    Objects.requireNonNull(listener, "listener");
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /**
   * The criteria for the move into {@code target}: configured on this ledger for that lane, else set by
   * the policy ({@code promotion} in policy files), else the defaults.
   */
  public PromotionCriteria criteriaFor(@Nullable Lane target) {
    if (target == null) {
      return defaultCriteria;
    }
    PromotionCriteria configured = criteria.get(target.name());
    if (configured != null) {
      return configured;
    }
    return policy.get().promotion().getOrDefault(target.name(), defaultCriteria);
  }

  // ---- internals -----------------------------------------------------------------------------

  private PromotionProposal proposal(Policy p, PairState s, Instant now) {
    Lane next = above(p, s.lane());
    return CriteriaEvaluator.evaluate(s, next, criteriaFor(next), now);
  }

  /** The pair's state with its lane resolved against the policy, and a halt held in memory; a fresh state if never seen. */
  private PairState view(Policy p, AgentKey key, Instant now) {
    return withUnsavedHalt(view(p, key, pairs.get(key), now));
  }

  /** The state as its criteria are judged: halted if a halt is held in memory. */
  private PairState withUnsavedHalt(PairState s) {
    UnsavedHalt u = unsavedHalts.isEmpty() || s.halted() ? null : unsavedHalts.get(s.key());
    if (u == null) {
      return s;
    }
    Draft d = Draft.of(s);
    d.halted = true;
    d.haltReason = u.reason();
    d.haltedBy = u.by();
    d.haltedAt = u.at();
    return d.build();
  }

  private static PairState view(Policy p, AgentKey key, @Nullable PairState s, Instant now) {
    if (s == null) {
      return PairState.initial(key, p.defaultLane(), now);
    }
    Lane lane = resolve(p, s.lane());
    if (lane.equals(s.lane())) {
      return s;
    }
    Draft d = Draft.of(s);
    d.lane = lane;
    return d.build();
  }

  private static Lane resolve(Policy p, Lane stored) {
    Optional<Lane> lane = p.lane(stored.name());
    if (lane.isPresent()) {
      return lane.get();
    }
    Lane lowest = p.lanes().get(0);
    LOG.warn("agentlane ledger holds lane {} which policy {} does not define; reading it as {}", stored.name(),
        p.version(), lowest.name());
    return lowest;
  }

  private static @Nullable Lane above(Policy p, Lane lane) {
    Lane best = null;
    for (Lane l : p.lanes()) {
      if (l.rank() > lane.rank() && (best == null || l.rank() < best.rank())) {
        best = l;
      }
    }
    return best;
  }

  private static @Nullable Lane below(Policy p, Lane lane) {
    Lane best = null;
    for (Lane l : p.lanes()) {
      if (l.rank() < lane.rank() && (best == null || l.rank() > best.rank())) {
        best = l;
      }
    }
    return best;
  }

  private List<AgentKey> sortedKeys() {
    java.util.Set<AgentKey> all = new java.util.HashSet<>(pairs.keySet());
    all.addAll(unsavedHalts.keySet());
    List<AgentKey> keys = new ArrayList<>(all);
    keys.sort(Comparator.comparing(AgentKey::agent).thenComparing(AgentKey::workflow));
    return keys;
  }

  /**
   * Applies a change to one pair: compare-and-set through the store, retried on conflict with the
   * store's state; then updates the view and notifies listeners. No lock is held at any point.
   */
  private <R> R update(AgentKey key, Function<PairState, Step<R>> change) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      PairState stored = pairs.get(key);
      Policy p = policy.get();
      Instant now = clock.instant();
      PairState base = view(p, key, stored, now);
      Step<R> step = change.apply(base);
      if (step.next == null) {
        notify(step.events);
        return step.result;
      }
      Draft d = Draft.of(step.next);
      d.version = stored == null ? 1 : stored.version() + 1;
      PairState next = d.build();
      if (store.save(next)) {
        pairs.merge(key, next, LedgerLaneDirectory::newer);
        notify(step.events);
        return step.result;
      }
      Optional<PairState> reloaded = store.load(key);
      if (reloaded == null) {
        throw new LedgerStoreException("the ledger store answered null when asked for " + key);
      }
      if (reloaded.isPresent() && !reloaded.get().key().equals(key)) {
        throw new LedgerStoreException("the ledger store answered the state of " + reloaded.get().key()
            + " when asked for " + key);
      }
      reloaded.ifPresent(s -> pairs.merge(key, s, LedgerLaneDirectory::newer));
    }
    throw new LedgerStoreException("could not save " + key + " after " + MAX_ATTEMPTS
        + " attempts: the store keeps reporting a newer version");
  }

  private static PairState newer(PairState a, PairState b) {
    return a.version() >= b.version() ? a : b;
  }

  private void notify(List<Consumer<LedgerListener>> events) {
    for (Consumer<LedgerListener> event : events) {
      for (LedgerListener l : listeners) {
        try {
          event.accept(l);
        } catch (RuntimeException e) {
          LOG.warn("agentlane ledger listener {} failed; the ledger is unaffected", l.getClass().getName(), e);
        }
      }
    }
  }

  private static void requireActor(String who, String name) {
    Objects.requireNonNull(who, name);
    if (who.isBlank()) {
      throw new IllegalArgumentException("a ledger change must name who made it, but '" + name + "' was blank");
    }
  }

  /** The outcome of a change function: the new state (or {@code null} for none), a result, and events. */
  private static final class Step<R> {
    final @Nullable PairState next;
    final R result;
    final List<Consumer<LedgerListener>> events;

    Step(@Nullable PairState next, R result, List<Consumer<LedgerListener>> events) {
      this.next = next;
      this.result = result;
      this.events = events;
    }

    static <R> Step<R> unchanged(R result) {
      return new Step<>(null, result, List.of());
    }

    static <R> Step<R> changed(PairState next, R result, Consumer<LedgerListener> event) {
      return new Step<>(next, result, List.of(event));
    }
  }

  /** A mutable copy of a {@link PairState}, for building the next one. Confined to one change. */
  private static final class Draft {
    AgentKey key;
    long version;
    Lane lane;
    Instant since;
    @Nullable String changedBy;
    @Nullable String changeNote;
    boolean halted;
    @Nullable String haltReason;
    @Nullable String haltedBy;
    @Nullable Instant haltedAt;
    OutcomeCounts counts;
    @Nullable Instant lastSevereIncidentAt;
    long promotions;
    long demotions;

    private Draft(PairState s) {
      key = s.key();
      version = s.version();
      lane = s.lane();
      since = s.since();
      changedBy = s.changedBy();
      changeNote = s.changeNote();
      halted = s.halted();
      haltReason = s.haltReason();
      haltedBy = s.haltedBy();
      haltedAt = s.haltedAt();
      counts = s.counts();
      lastSevereIncidentAt = s.lastSevereIncidentAt();
      promotions = s.promotions();
      demotions = s.demotions();
    }

    static Draft of(PairState s) {
      return new Draft(s);
    }

    /** Enters a lane: the evidence starts afresh there. */
    Draft moveTo(Lane to, Instant now, String by, String note) {
      lane = to;
      since = now;
      changedBy = by;
      changeNote = note;
      counts = OutcomeCounts.NONE;
      return this;
    }

    PairState build() {
      return new PairState(key, version, lane, since, changedBy, changeNote, halted, haltReason, haltedBy, haltedAt,
          counts, lastSevereIncidentAt, promotions, demotions);
    }
  }

  /**
   * Configures a {@link LedgerLaneDirectory}. Not thread-safe; setters check their arguments and
   * {@link #build()} leaves the builder reusable.
   */
  public static final class Builder {
    private @Nullable Supplier<Policy> policy;
    private InstantSource clock = InstantSource.system();
    private LedgerStore store = new InMemoryLedgerStore();
    private PromotionCriteria defaultCriteria = PromotionCriteria.defaults();
    private final Map<String, PromotionCriteria> criteria = new LinkedHashMap<>();
    private final List<LedgerListener> listeners = new ArrayList<>();
    private boolean demoteOnHalt = true;

    private Builder() {}

    /**
     * Whether a halt also demotes the pair one lane at once (true by default). A halt is a severe stop
     * (the engine halts a pair when a stop condition with effect HALT fires, such as a secrets path being
     * touched), and the promotion path demotes at once on a severe stop: after a human resets the halt,
     * the pair earns its lane back with fresh evidence. A pair in the lowest lane is only halted. Set
     * false to keep halts and lanes apart.
     */
    public Builder demoteOnHalt(boolean demoteOnHalt) {
      this.demoteOnHalt = demoteOnHalt;
      return this;
    }

    /** Where the lanes come from, read on every call (such as {@code engine::policy}). Required. */
    public Builder policy(Supplier<Policy> policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** A fixed policy. */
    public Builder policy(Policy policy) {
      Objects.requireNonNull(policy, "policy");
      this.policy = () -> policy;
      return this;
    }

    /** The clock ({@link InstantSource#system()} by default). */
    public Builder clock(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Where state is kept (in memory by default: nothing survives a restart). */
    public Builder store(LedgerStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /** The criteria for every transition without its own ({@link PromotionCriteria#defaults()} by default). */
    public Builder defaultCriteria(PromotionCriteria criteria) {
      this.defaultCriteria = Objects.requireNonNull(criteria, "criteria");
      return this;
    }

    /** The criteria for moving into the lane named {@code targetLane}. */
    public Builder criteria(String targetLane, PromotionCriteria criteria) {
      Objects.requireNonNull(targetLane, "targetLane");
      Objects.requireNonNull(criteria, "criteria");
      this.criteria.put(targetLane, criteria);
      return this;
    }

    /** The criteria per target lane name, added to those already set. */
    public Builder criteria(Map<String, PromotionCriteria> byTargetLane) {
      Objects.requireNonNull(byTargetLane, "byTargetLane");
      byTargetLane.forEach(this::criteria);
      return this;
    }

    /** Adds a listener. */
    public Builder listener(LedgerListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * The ledger, loaded from the store.
     *
     * @throws IllegalStateException if no policy was set
     * @throws IllegalArgumentException if criteria name a lane the policy lacks, or its lowest lane
     * @throws LedgerStoreException if the store cannot be read
     */
    public LedgerLaneDirectory build() {
      Supplier<Policy> p = policy;
      if (p == null) {
        throw new IllegalStateException("policy is required: call policy(...) before build()");
      }
      Policy current = p.get();
      Map<String, Lane> lanes = new HashMap<>();
      current.lanes().forEach(l -> lanes.put(l.name(), l));
      Lane lowest = current.lanes().get(0);
      for (String target : criteria.keySet()) {
        if (!lanes.containsKey(target)) {
          throw new IllegalArgumentException("criteria name lane '" + target + "', which is not one of the policy's lanes "
              + current.lanes());
        }
        if (target.equals(lowest.name())) {
          throw new IllegalArgumentException("criteria name lane '" + target
              + "', the lowest lane, which no promotion enters");
        }
      }
      return new LedgerLaneDirectory(this, p);
    }
  }
}
