package dev.agentlane.core.engine;

import dev.agentlane.Action;
import dev.agentlane.AgentKey;
import dev.agentlane.Grant;
import dev.agentlane.GrantScope;
import dev.agentlane.Grants;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Grants in memory. Thread-safe: consuming a use is a compare-and-set on the grant's remaining
 * count, so a grant of N uses allows at most N actions under any contention.
 */
final class InMemoryGrants implements Grants {
  private static final class State {
    final Grant grant;
    final @Nullable String runId;
    final AtomicInteger remaining;
    volatile boolean revoked;

    State(Grant grant, @Nullable String runId) {
      this.grant = grant;
      this.runId = runId;
      this.remaining = new AtomicInteger(grant.remainingUses());
    }

    Grant snapshot() {
      Grant g = grant;
      return new Grant(g.id(), g.key(), g.tool(), g.scope(), g.actionDigest(), g.approver(), g.reason(),
          g.issuedAt(), g.expiresAt(), remaining.get());
    }

    boolean live(Instant now) {
      return !revoked && remaining.get() != 0 && (grant.expiresAt() == null || now.isBefore(grant.expiresAt()));
    }
  }

  private final ConcurrentHashMap<String, State> byId = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<AgentKey, CopyOnWriteArrayList<State>> byKey = new ConcurrentHashMap<>();
  private final InstantSource clock;
  private final Listeners listeners;
  private final Function<Action, String> digester;
  private final String idPrefix;
  private final AtomicLong seq = new AtomicLong();

  InMemoryGrants(InstantSource clock, Listeners listeners, Function<Action, String> digester, String idPrefix) {
    this.clock = clock;
    this.listeners = listeners;
    this.digester = digester;
    this.idPrefix = idPrefix;
  }

  @Override
  public Grant issue(Action action, GrantScope scope, String approver, String reason) {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(approver, "approver");
    Objects.requireNonNull(reason, "reason");
    if (approver.isBlank()) {
      throw new IllegalArgumentException("a grant must name its approver");
    }
    AgentKey key = AgentKey.of(action.agent(), action.workflow());
    Instant now = clock.instant();
    String digest = null;
    Instant expires = null;
    int uses = -1;
    String runId = null;
    if (scope instanceof GrantScope.ExactAction) {
      digest = digester.apply(action);
      uses = 1;
    } else if (scope instanceof GrantScope.Calls c) {
      uses = c.calls();
    } else if (scope instanceof GrantScope.Window w) {
      expires = now.plus(w.duration());
    } else if (scope instanceof GrantScope.Task t) {
      if (action.runId() != null && !action.runId().equals(t.runId())) {
        throw new IllegalArgumentException("task grant for run '" + t.runId() + "' does not cover the action's run '"
            + action.runId() + "'");
      }
      runId = t.runId();
    }
    State state;
    do { // skips an id a restored grant already holds
      Grant grant = new Grant(idPrefix + seq.incrementAndGet(), key, action.tool(), scope, digest, approver, reason,
          now, expires, uses);
      state = new State(grant, runId);
    } while (byId.putIfAbsent(state.grant.id(), state) != null);
    byKey.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(state);
    Grant grant = state.grant;
    listeners.each(l -> l.grantIssued(grant));
    return grant;
  }

  @Override
  public boolean restore(Grant grant) {
    Objects.requireNonNull(grant, "grant");
    String problem = inconsistency(grant);
    if (problem != null) {
      throw new IllegalArgumentException("cannot restore grant " + grant.id() + ": " + problem);
    }
    State state = new State(grant, grant.scope() instanceof GrantScope.Task t ? t.runId() : null);
    if (!state.live(clock.instant())) {
      return false;
    }
    if (byId.putIfAbsent(grant.id(), state) != null) {
      throw new IllegalArgumentException("cannot restore grant " + grant.id() + ": a grant with that id is held");
    }
    byKey.computeIfAbsent(grant.key(), k -> new CopyOnWriteArrayList<>()).add(state);
    return true;
  }

  /** What makes a grant one that {@link #issue} could not have made, or {@code null}. */
  private static @Nullable String inconsistency(Grant g) {
    int uses = g.remainingUses();
    boolean exact = g.scope() instanceof GrantScope.ExactAction;
    if (exact != (g.actionDigest() != null)) {
      return exact ? "an exact-action grant needs its action digest" : "only an exact-action grant has an action digest";
    }
    boolean window = g.scope() instanceof GrantScope.Window;
    Instant expires = g.expiresAt();
    if (window != (expires != null)) {
      return window ? "a window grant needs its expiry" : "only a window grant expires";
    }
    if (expires != null && !expires.isAfter(g.issuedAt())) {
      return "it expires (" + expires + ") before it was issued (" + g.issuedAt() + ")";
    }
    int most = g.scope() instanceof GrantScope.Calls c ? c.calls() : exact ? 1 : -1;
    if (most < 0 ? uses != -1 : uses < 0 || uses > most) {
      return most < 0 ? "a window or task grant has unlimited uses (-1) but this one has " + uses
          : "remaining uses must be within 0.." + most + " but were " + uses;
    }
    return null;
  }

  /** Consumes one use of the first live grant covering the call, or returns {@code null}. */
  @Nullable Grant tryConsume(AgentKey key, String tool, java.util.function.Supplier<String> digest, @Nullable String runId,
      Instant now) {
    List<State> states = byKey.get(key);
    if (states == null) {
      return null;
    }
    for (State s : states) {
      if (!s.live(now)) {
        forget(s);
        continue;
      }
      if (!s.grant.tool().equals(tool)) {
        continue;
      }
      if (s.grant.actionDigest() != null && !s.grant.actionDigest().equals(digest.get())) {
        continue;
      }
      if (s.runId != null && !s.runId.equals(runId)) {
        continue;
      }
      while (true) {
        int cur = s.remaining.get();
        if (cur == 0) {
          break;
        }
        if (cur < 0 || s.remaining.compareAndSet(cur, cur - 1)) {
          return s.snapshot();
        }
      }
    }
    return null;
  }

  /** Gives back a use taken by {@link #tryConsume}, when a later stage refused the action. */
  void refund(String grantId) {
    State s = byId.get(grantId);
    if (s != null && s.grant.remainingUses() > 0) {
      s.remaining.incrementAndGet();
    }
  }

  @Override
  public List<Grant> list() {
    Instant now = clock.instant();
    List<Grant> out = new ArrayList<>();
    for (State s : byId.values()) {
      if (s.live(now)) {
        out.add(s.snapshot());
      } else {
        forget(s);
      }
    }
    out.sort(Comparator.comparing(Grant::issuedAt).thenComparing(Grant::id));
    return out;
  }

  @Override
  public List<Grant> list(AgentKey key) {
    Objects.requireNonNull(key, "key");
    return list().stream().filter(g -> g.key().equals(key)).toList();
  }

  /** Drops a grant that can no longer apply (used up, expired or revoked), so memory stays bounded. */
  private void forget(State s) {
    byId.remove(s.grant.id(), s);
    List<State> states = byKey.get(s.grant.key());
    if (states != null) {
      states.remove(s);
    }
  }

  @Override
  public boolean revoke(String grantId, String by) {
    Objects.requireNonNull(grantId, "grantId");
    InMemoryLaneDirectory.requireActor(by);
    State s = byId.get(grantId);
    if (s == null) {
      return false;
    }
    boolean wasLive = s.live(clock.instant());
    s.revoked = true;
    forget(s);
    if (!wasLive) {
      return false;
    }
    Grant snapshot = s.snapshot();
    listeners.each(l -> l.grantRevoked(snapshot, by));
    return true;
  }

}
