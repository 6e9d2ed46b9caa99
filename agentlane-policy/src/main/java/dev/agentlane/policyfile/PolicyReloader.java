package dev.agentlane.policyfile;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import dev.agentlane.PolicyEngine;
import dev.agentlane.PolicyException;
import dev.agentlane.PolicyProblem;
import dev.agentlane.policy.Policy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads an engine's policy from a policy file, on demand or whenever the file changes.
 *
 * <p>Thread-safe; share one instance per engine and file. Reloads are serialized: each one reads the
 * file with {@link PolicyFiles#load(Path)} and, if it loads, switches the engine to it with
 * {@link PolicyEngine#update(Policy)}, which is atomic, so a decision sees either the old policy or the
 * new one, never a mix. A file that cannot be read, does not load or does not compile is
 * <em>rejected</em>: the engine keeps its policy and the problems are returned and reported to the
 * {@link ReloadListener}s; a reload never throws for a bad file. A file whose content is the same as the
 * last one applied (SHA-256 of its bytes), while the engine still runs the policy applied from it, is
 * <em>unchanged</em>: it is neither parsed nor applied.
 *
 * <p>One file per reloader, for now: layered policy files will come later, and the builder refuses a
 * second file. Files named in the policy's {@code extends} are loaded on every reload but neither watched
 * nor hashed: after changing one, touch the main file, or call {@link #reload()} after any edit of the
 * main file.
 *
 * <p>{@link #startWatching()} starts a daemon thread that watches the file's directory
 * ({@link WatchService}) and reloads once the file has been created or modified and then left alone for
 * the debounce interval (150 ms by default), so that an editor's write-and-rename or a file written in
 * several pieces is read once, after it settles; a file that keeps changing is read at the latest ten
 * debounce intervals after its first change. A file caught half-written is rejected and the next change
 * applies it: a reload parses exactly the bytes it read once, and rejects them if the file's content changed
 * before they were applied. A writer that rewrites the file in place and stalls between two writes leaves a
 * prefix that no reader can tell from a finished file; if that prefix is itself a valid policy it is
 * applied, and the writer's next write replaces it. Replace policy files atomically (write a temporary file
 * in the same directory, then rename it over the policy file) and that cannot happen. {@link #close()}
 * stops watching; {@link #reload()} still works after it.
 *
 * <p>Listeners hear the outcome on the reloading thread, after the reload, outside any lock; the engine's
 * own {@link dev.agentlane.spi.DecisionListener}s hear {@code policyUpdated} from inside
 * {@link PolicyEngine#update(Policy)} as usual. Reloads run one at a time, but when an on-demand reload
 * and the watcher race, their listeners may be told in either order. Building a reloader reads nothing: call
 * {@link #reload()} once if the file may have changed since the engine was built.
 *
 * <pre>{@code
 * Path file = Path.of(".agentlane/policy.yaml");
 * PolicyEngine engine = PolicyEngine.builder().policy(PolicyFiles.load(file)).build();
 * try (PolicyReloader reloader = PolicyReloader.builder(engine).file(file)
 *     .listener(new ReloadListener() {
 *       public void rejected(Path f, PolicyException problems) { alert(problems.getMessage()); }
 *     }).build()) {
 *   reloader.startWatching();
 *   // ... run agents ...
 * }
 * }</pre>
 */
public final class PolicyReloader implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PolicyReloader.class);
  private static final int MAX_DELAY_IN_DEBOUNCES = 10;
  private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(5);

  private final PolicyEngine engine;
  private final Path file;
  private final List<ReloadListener> listeners;
  private final Duration debounce;

  /** Serializes reloads; guards {@link #lastGoodHash} and {@link #lastApplied}. Never held while listeners run. */
  private final ReentrantLock reloadLock = new ReentrantLock();
  private byte @Nullable [] lastGoodHash;
  private @Nullable Policy lastApplied;

  /** Guards starting and stopping the watcher. Never held while a reload runs. */
  private final Object lifecycle = new Object();
  private volatile boolean closed;
  private @Nullable WatchService watchService;
  private @Nullable Thread watcher;

  private PolicyReloader(Builder b, Path file) {
    this.engine = b.engine;
    this.file = file;
    this.listeners = List.copyOf(b.listeners);
    this.debounce = b.debounce;
  }

  /**
   * A new builder for a reloader of {@code engine}'s policy.
   *
   * @throws NullPointerException if {@code engine} is null
   */
  public static Builder builder(PolicyEngine engine) {
    return new Builder(Objects.requireNonNull(engine, "engine"));
  }

  /** The policy file, absolute and normalized. */
  public Path file() {
    return file;
  }

  /** Whether the watcher thread is running. */
  public boolean watching() {
    synchronized (lifecycle) {
      Thread t = watcher;
      return !closed && t != null && t.isAlive();
    }
  }

  /**
   * Reads the file now and, if it changed and loads, switches the engine to it. Never throws for a bad
   * or missing file: that is a {@link ReloadResult.Outcome#REJECTED rejected} result listing the problems.
   * Listeners hear the outcome before this returns.
   *
   * @return what the reload did
   */
  public ReloadResult reload() {
    Attempt attempt = attempt(false);
    notifyListeners(Objects.requireNonNull(attempt));
    return attempt.result();
  }

  /**
   * Starts watching the file's directory on a daemon thread and reloading when the file changes. Does
   * nothing if already watching. Events that arrive before this returns are not missed; changes made
   * before it is called are not seen: call {@link #reload()} for those.
   *
   * @throws IllegalStateException if this reloader is closed
   * @throws UncheckedIOException if the directory cannot be watched (it does not exist, for instance)
   */
  public void startWatching() {
    synchronized (lifecycle) {
      if (closed) {
        throw new IllegalStateException("this PolicyReloader is closed: build a new one to watch " + file);
      }
      if (watcher != null) {
        return;
      }
      Path dir = Objects.requireNonNull(file.getParent(), "a normalized absolute path has a parent");
      WatchService service;
      try {
        service = dir.getFileSystem().newWatchService();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot watch " + dir + " for changes to " + file, e);
      }
      try {
        dir.register(service, ENTRY_CREATE, ENTRY_MODIFY);
      } catch (IOException e) {
        closeQuietly(service);
        throw new UncheckedIOException("cannot watch " + dir + " for changes to " + file, e);
      }
      Thread t = new Thread(() -> watchLoop(service), "agentlane-policy-reloader-" + file.getFileName());
      t.setDaemon(true);
      watchService = service;
      watcher = t;
      t.start();
    }
  }

  /**
   * Stops watching and waits briefly for a reload in progress on the watcher thread to finish; no reload
   * starts on the watcher thread after this returns. Idempotent. {@link #reload()} still works.
   */
  @Override
  public void close() {
    WatchService service;
    Thread t;
    synchronized (lifecycle) {
      if (closed) {
        return;
      }
      closed = true;
      service = watchService;
      t = watcher;
    }
    if (service != null) {
      closeQuietly(service);
    }
    if (t != null && t != Thread.currentThread()) {
      try {
        t.join(JOIN_TIMEOUT.toMillis());
        if (t.isAlive()) {
          LOG.warn("the policy watcher for {} did not stop within {}; a reload listener may be blocked", file,
              JOIN_TIMEOUT);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public String toString() {
    return "PolicyReloader{" + file + (watching() ? ", watching" : "") + (closed ? ", closed" : "") + "}";
  }

  // ---------------------------------------------------------------------------------------------

  private record Attempt(ReloadResult result, @Nullable PolicyException failure) {}

  /** One serialized reload; {@code null} only when {@code fromWatcher} and the reloader is closed. */
  private @Nullable Attempt attempt(boolean fromWatcher) {
    reloadLock.lock();
    try {
      if (fromWatcher && closed) {
        return null;
      }
      Policy current = engine.policy();
      String previousVersion = current.version();
      // The bytes are read once, and exactly those are hashed and parsed: what is remembered as applied is
      // what was applied, even when the file changes in between.
      byte @Nullable [] content = read(file);
      byte @Nullable [] before = content == null ? null : sha256(content);
      if (before != null && Arrays.equals(before, lastGoodHash) && current == lastApplied) {
        LOG.debug("policy file {} is unchanged; the engine keeps version {}", file, previousVersion);
        return new Attempt(new ReloadResult(ReloadResult.Outcome.UNCHANGED, file, previousVersion, previousVersion,
            List.of()), null);
      }
      Policy next;
      try {
        // Without content, loading the file again says why it cannot be read.
        next = content == null ? PolicyFiles.load(file) : PolicyFiles.load(file, content);
        if (before != null && !Arrays.equals(before, hash(file))) {
          throw new PolicyException(List.of(new PolicyProblem(file.toString(), 0, 0, "", "the file changed while it"
              + " was being read, so what was read may be part of an unfinished write; it is read again on its next"
              + " change (replace a policy file atomically: write a temporary file, then rename it over this one)")));
        }
        engine.update(next);
      } catch (PolicyException e) {
        String version = engine.policy().version();
        return new Attempt(new ReloadResult(ReloadResult.Outcome.REJECTED, file, previousVersion, version,
            e.problems()), e);
      }
      lastGoodHash = before;
      lastApplied = next;
      LOG.debug("policy file {} applied: version {} -> {}", file, previousVersion, next.version());
      return new Attempt(new ReloadResult(ReloadResult.Outcome.APPLIED, file, previousVersion, next.version(),
          List.of()), null);
    } finally {
      reloadLock.unlock();
    }
  }

  private void notifyListeners(Attempt attempt) {
    ReloadResult r = attempt.result();
    for (ReloadListener listener : listeners) {
      try {
        switch (r.outcome()) {
          case APPLIED -> listener.reloaded(r.previousVersion(), r.version(), file);
          case REJECTED -> listener.rejected(file, Objects.requireNonNull(attempt.failure()));
          case UNCHANGED -> { }
        }
      } catch (RuntimeException e) {
        LOG.warn("reload listener {} failed on hearing that {} was {}", listener, file, r.outcome().code(), e);
      }
    }
  }

  private void watchLoop(WatchService service) {
    long debounceNanos = debounce.toNanos();
    long maxDelayNanos = debounceNanos * MAX_DELAY_IN_DEBOUNCES;
    Path name = Objects.requireNonNull(file.getFileName());
    boolean pending = false;
    long firstChange = 0;
    long settleAt = 0;
    try {
      while (!closed) {
        WatchKey key;
        if (pending) {
          long wait = Math.min(settleAt, firstChange + maxDelayNanos) - System.nanoTime();
          if (wait <= 0) {
            pending = false;
            reloadFromWatcher();
            continue;
          }
          key = service.poll(wait, TimeUnit.NANOSECONDS);
          if (key == null) {
            continue;
          }
        } else {
          key = service.take();
        }
        boolean relevant = false;
        for (WatchEvent<?> event : key.pollEvents()) {
          relevant |= event.kind() == OVERFLOW || name.equals(event.context());
        }
        boolean valid = key.reset();
        if (relevant) {
          long now = System.nanoTime();
          if (!pending) {
            pending = true;
            firstChange = now;
          }
          settleAt = now + debounceNanos;
        }
        if (!valid) {
          LOG.warn("stopped watching {}: its directory can no longer be watched", file);
          if (pending) {
            reloadFromWatcher();
          }
          return;
        }
      }
    } catch (ClosedWatchServiceException e) {
      // close() was called
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void reloadFromWatcher() {
    try {
      Attempt attempt = attempt(true);
      if (attempt == null) {
        return;
      }
      if (attempt.result().rejected() && listeners.isEmpty()) {
        LOG.warn("policy file {} changed but was rejected; the engine keeps version {}\n{}", file,
            attempt.result().version(), Objects.requireNonNull(attempt.failure()).getMessage());
      }
      notifyListeners(attempt);
    } catch (RuntimeException e) {
      // A bug, not a bad file; the watcher keeps going so that the next change is still seen.
      LOG.warn("reloading {} failed unexpectedly; the engine keeps its policy", file, e);
    }
  }

  /** The file's bytes, or {@code null} if it cannot be read or is too large to be a policy. */
  private static byte @Nullable [] read(Path file) {
    try {
      if (Files.size(file) > PolicyFiles.MAX_FILE_BYTES) {
        return null;
      }
      byte[] bytes = Files.readAllBytes(file);
      return bytes.length > PolicyFiles.MAX_FILE_BYTES ? null : bytes;
    } catch (IOException e) {
      return null;
    }
  }

  /** SHA-256 of the file's bytes, or {@code null} if it cannot be read or is too large to be a policy. */
  private static byte @Nullable [] hash(Path file) {
    byte[] bytes = read(file);
    return bytes == null ? null : sha256(bytes);
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }

  private static void closeQuietly(WatchService service) {
    try {
      service.close();
    } catch (IOException e) {
      LOG.debug("closing the watch service failed", e);
    }
  }

  /**
   * Configures a {@link PolicyReloader}. Not thread-safe. Setters check their arguments; {@link #build()}
   * leaves the builder reusable.
   */
  public static final class Builder {
    private final PolicyEngine engine;
    private @Nullable Path file;
    private final List<ReloadListener> listeners = new ArrayList<>();
    private Duration debounce = Duration.ofMillis(150);

    private Builder(PolicyEngine engine) {
      this.engine = engine;
    }

    /**
     * The policy file to load. Required, and exactly one: layered policy files are not supported yet.
     *
     * @throws IllegalArgumentException if a file was already set
     */
    public Builder file(Path file) {
      Objects.requireNonNull(file, "file");
      if (this.file != null) {
        throw new IllegalArgumentException("a PolicyReloader takes exactly one policy file (layers are not "
            + "supported yet) but was given " + this.file + " and then " + file);
      }
      this.file = file;
      return this;
    }

    /** Adds a listener; listeners hear outcomes in the order they were added. */
    public Builder listener(ReloadListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * How long the file must be left alone after a change before the watcher reads it (150 ms by
     * default).
     *
     * @throws IllegalArgumentException if not positive or longer than a minute
     */
    public Builder debounce(Duration debounce) {
      Objects.requireNonNull(debounce, "debounce");
      if (debounce.isNegative() || debounce.isZero() || debounce.compareTo(Duration.ofMinutes(1)) > 0) {
        throw new IllegalArgumentException("debounce must be > 0 and at most 1 minute but was " + debounce);
      }
      this.debounce = debounce;
      return this;
    }

    /**
     * The reloader. Neither reads the file nor starts watching.
     *
     * @throws IllegalStateException if no file was set
     */
    public PolicyReloader build() {
      if (file == null) {
        throw new IllegalStateException("a policy file is required: call file(...) before build()");
      }
      return new PolicyReloader(this, file.toAbsolutePath().normalize());
    }
  }
}
