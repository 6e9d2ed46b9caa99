package dev.agentlane.core.audit;

import dev.agentlane.AuditEntry;
import dev.agentlane.AuditException;
import dev.agentlane.AuditException.Failure;
import dev.agentlane.AuditRecord;
import dev.agentlane.spi.AuditSink;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only, hash-chained JSON Lines audit log: one {@link AuditRecord} per line, fields in a
 * fixed order, nulls written out. Each record's {@code hash} is SHA-256 (hex) over the record's
 * canonical JSON without {@code hash}, followed by its {@code previousHash}; the first record's
 * {@code previousHash} is 64 zeros. {@link AuditVerifier} checks a file.
 *
 * <p>Thread-safe; share one instance per file. The file is locked while the sink is open, so a second
 * sink (in this or another process) cannot interleave records. {@link #append} is acknowledged as the
 * {@link AuditDurability} says, or throws {@link AuditException}; nothing is dropped silently. After a
 * write or force fails, the sink refuses every further entry ({@code io-error}), because the state of
 * the file's tail is no longer known; reopening it recovers.
 *
 * <p>Opening an existing file continues its chain from the last record. An incomplete last line (a
 * write cut short by a crash or power loss) is truncated away, logged at WARN and reported by
 * {@link #recovery()}. A complete last line that is not a valid record is not repaired: opening throws
 * ({@code corrupt}) so that a damaged log is inspected with {@link AuditVerifier} before anything is
 * appended to it.
 *
 * <p>Records are written and forced through the file's {@link RandomAccessFile} (its {@code write} and
 * {@code getFD().sync()}), not through its {@link FileChannel}: a channel closes itself when a thread that
 * uses it is interrupted, and in {@code SYNC} mode the deciding threads write, so one cancelled caller
 * would otherwise disable the log for every other. An interrupted caller's record is written like any
 * other, and its interrupt status is left as it was.
 */
public final class JsonLinesAuditSink implements AuditSink {
  private static final Logger LOG = LoggerFactory.getLogger(JsonLinesAuditSink.class);
  /** Entries a queued sink holds by default. */
  public static final int DEFAULT_QUEUE_CAPACITY = 4096;
  private static final int MAX_BATCH = 1024;
  private static final int MAX_LINE = 16 * 1024 * 1024;

  private final Path path;
  private final AuditDurability durability;
  private final RandomAccessFile file;
  /** The file's channel: for the lock, recovery at open, and closing; never written through (see above). */
  private final FileChannel channel;
  private final FileLock fileLock;
  private final AuditRecovery recovery;
  private final int queueCapacity;
  private final Runnable writerPause;

  /** Guards the chain state and the channel's writes. */
  private final ReentrantLock writeLock = new ReentrantLock();
  private long lastSeq;
  private String lastHash;
  private volatile AuditHead head;

  private final @Nullable BlockingQueue<Pending> queue;
  private final @Nullable Thread writer;
  /** Threads between their closed check and the end of their enqueue; the writer waits for them on close. */
  private final AtomicInteger appenders = new AtomicInteger();
  private final AtomicBoolean closing = new AtomicBoolean();
  private volatile boolean closed;
  private volatile @Nullable AuditException failure;

  /** An entry (or a flush/close marker when {@code entry} is null) waiting for the writer thread. */
  private static final class Pending {
    final @Nullable AuditEntry entry;
    final @Nullable CompletableFuture<Void> done;
    final boolean close;

    Pending(@Nullable AuditEntry entry, @Nullable CompletableFuture<Void> done, boolean close) {
      this.entry = entry;
      this.done = done;
      this.close = close;
    }
  }

  private JsonLinesAuditSink(Path path, AuditDurability durability, RandomAccessFile file, FileLock fileLock,
      AuditRecovery recovery, int queueCapacity, Runnable writerPause) throws IOException {
    this.path = path;
    this.durability = durability;
    this.file = file;
    this.channel = file.getChannel();
    this.fileLock = fileLock;
    this.recovery = recovery;
    this.queueCapacity = queueCapacity;
    this.writerPause = writerPause;
    this.lastSeq = recovery.head().seq();
    this.lastHash = recovery.head().hash();
    this.head = recovery.head();
    file.seek(file.length());
    if (durability == AuditDurability.SYNC) {
      this.queue = null;
      this.writer = null;
    } else {
      this.queue = new ArrayBlockingQueue<>(queueCapacity);
      Thread t = new Thread(this::runWriter, "agentlane-audit-writer-" + path.getFileName());
      t.setDaemon(true);
      this.writer = t;
      t.start();
    }
  }

  /**
   * Opens (or creates) an audit file with the default queue capacity.
   *
   * @throws AuditException if the file cannot be opened ({@code io-error}), is open elsewhere, or
   *     its last complete line is not a valid record ({@code corrupt})
   */
  public static JsonLinesAuditSink open(Path path, AuditDurability durability) {
    return open(path, durability, DEFAULT_QUEUE_CAPACITY);
  }

  /**
   * Opens (or creates) an audit file.
   *
   * @param queueCapacity entries the queue of a {@code GROUP_COMMIT} or {@code ASYNC_*} sink holds
   * @throws IllegalArgumentException if {@code queueCapacity < 1}
   * @throws AuditException as {@link #open(Path, AuditDurability)}
   */
  public static JsonLinesAuditSink open(Path path, AuditDurability durability, int queueCapacity) {
    return open(path, durability, queueCapacity, () -> {});
  }

  /** As {@link #open(Path, AuditDurability, int)}; the writer thread runs {@code writerPause} before each batch (tests). */
  static JsonLinesAuditSink open(Path path, AuditDurability durability, int queueCapacity, Runnable writerPause) {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(durability, "durability");
    Objects.requireNonNull(writerPause, "writerPause");
    if (queueCapacity < 1) {
      throw new IllegalArgumentException("queueCapacity must be > 0 but was " + queueCapacity);
    }
    Path file = path.toAbsolutePath();
    boolean existed = Files.exists(file);
    RandomAccessFile raf;
    FileChannel ch;
    try {
      raf = new RandomAccessFile(file.toFile(), "rw");
      ch = raf.getChannel();
    } catch (IOException e) {
      throw new AuditException(Failure.IO_ERROR, "cannot open audit file " + file + ": " + e, e);
    }
    try {
      FileLock lock;
      try {
        lock = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        throw new AuditException(Failure.CORRUPT, "audit file " + file + " is already open by another sink");
      }
      if (!existed) {
        forceDirectory(file.getParent());
      }
      AuditRecovery rec = recover(ch, file);
      return new JsonLinesAuditSink(file, durability, raf, lock, rec, queueCapacity, writerPause);
    } catch (IOException e) {
      closeQuietly(ch, e);
      throw new AuditException(Failure.IO_ERROR, "cannot open audit file " + file + ": " + e, e);
    } catch (RuntimeException e) {
      closeQuietly(ch, e);
      throw e;
    }
  }

  /** The audit file (absolute). */
  public Path path() {
    return path;
  }

  /** The durability mode. */
  public AuditDurability durability() {
    return durability;
  }

  /** What opening the file found: the head continued from, and the bytes of a torn last line removed. */
  public AuditRecovery recovery() {
    return recovery;
  }

  /**
   * The last record written (not necessarily forced in the async modes). Store it elsewhere as a
   * checkpoint to let {@link AuditVerifier} detect truncation.
   */
  public AuditHead head() {
    return head;
  }

  @Override
  public void append(AuditEntry entry) {
    Objects.requireNonNull(entry, "entry");
    if (durability == AuditDurability.SYNC) {
      appendSync(entry);
      return;
    }
    Pending p;
    appenders.incrementAndGet();
    try {
      checkUsable();
      p = new Pending(entry, durability == AuditDurability.GROUP_COMMIT ? new CompletableFuture<>() : null, false);
      if (durability == AuditDurability.ASYNC_FAIL_CLOSED) {
        if (!queue().offer(p)) {
          throw new AuditException(Failure.QUEUE_FULL, "the audit queue of " + path + " is full (" + queueCapacity
              + " entries); the entry is refused rather than dropped");
        }
      } else {
        enqueueBlocking(p);
      }
    } finally {
      appenders.decrementAndGet();
    }
    CompletableFuture<Void> done = p.done;
    if (done != null) {
      await(done);
    }
  }

  @Override
  public void flush() {
    if (durability == AuditDurability.SYNC || durability == AuditDurability.GROUP_COMMIT) {
      // Every acknowledged record is already forced.
      rethrowFailure();
      return;
    }
    Pending marker = new Pending(null, new CompletableFuture<>(), false);
    appenders.incrementAndGet();
    try {
      if (closed) {
        rethrowFailure();
        return;
      }
      rethrowFailure();
      enqueueBlocking(marker);
    } finally {
      appenders.decrementAndGet();
    }
    await(Objects.requireNonNull(marker.done));
  }

  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    closed = true;
    boolean interrupted = false;
    Thread w = writer;
    if (w != null) {
      Pending marker = new Pending(null, null, true);
      while (true) {
        try {
          if (queue().offer(marker, 50, TimeUnit.MILLISECONDS)) {
            break;
          }
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      while (w.isAlive()) {
        try {
          w.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    writeLock.lock();
    try {
      if (failure == null) {
        file.getFD().sync();
      }
    } catch (IOException e) {
      LOG.error("forcing audit file {} on close failed", path, e);
    } finally {
      try {
        fileLock.release();
        file.close();
      } catch (IOException e) {
        LOG.warn("closing audit file {} failed", path, e);
      }
      writeLock.unlock();
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void appendSync(AuditEntry entry) {
    writeLock.lock();
    try {
      checkUsable();
      AuditCodec.Encoded e = AuditCodec.encode(lastSeq + 1, entry, lastHash);
      try {
        file.write(e.line());
        file.getFD().sync();
      } catch (IOException | RuntimeException ex) {
        throw fail(ex);
      }
      advance(e.record());
    } finally {
      writeLock.unlock();
    }
  }

  private void runWriter() {
    BlockingQueue<Pending> q = queue();
    List<Pending> batch = new ArrayList<>();
    boolean closeSeen = false;
    while (!closeSeen) {
      writerPause.run();
      try {
        batch.add(q.take());
      } catch (InterruptedException e) {
        continue; // nobody interrupts this thread; close() uses a marker
      }
      q.drainTo(batch, MAX_BATCH - 1);
      closeSeen = process(batch);
      batch.clear();
    }
    // Closed: new appends are refused; finish those that passed their check before the close.
    while (appenders.get() > 0 || !q.isEmpty()) {
      Pending p;
      try {
        p = q.poll(1, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        continue;
      }
      if (p != null) {
        batch.add(p);
        q.drainTo(batch, MAX_BATCH - 1);
        process(batch);
        batch.clear();
      }
    }
  }

  /** Writes a batch with one write and one force, then completes it. Returns whether it held the close marker. */
  private boolean process(List<Pending> batch) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(batch.size() * 400);
    writeLock.lock();
    try {
      if (failure == null) {
        long seq = lastSeq;
        String previous = lastHash;
        AuditRecord last = null;
        try {
          for (Pending p : batch) {
            if (p.entry != null) {
              AuditCodec.Encoded e = AuditCodec.encode(++seq, p.entry, previous);
              out.write(e.line());
              previous = e.record().hash();
              last = e.record();
            }
          }
          if (last != null) {
            file.write(out.toByteArray());
            file.getFD().sync();
            advance(last);
          }
        } catch (IOException | RuntimeException ex) {
          fail(ex);
        }
      }
    } finally {
      writeLock.unlock();
    }
    AuditException f = failure;
    boolean close = false;
    int lost = 0;
    for (Pending p : batch) {
      close |= p.close;
      CompletableFuture<Void> done = p.done;
      if (done != null) {
        if (f == null) {
          done.complete(null);
        } else {
          done.completeExceptionally(f);
        }
      } else if (f != null && p.entry != null) {
        lost++;
      }
    }
    if (lost > 0) {
      LOG.error("{} audit entries acknowledged in {} mode were not written to {}: {}", lost, durability.code(), path,
          f.getMessage());
    }
    return close;
  }

  private void advance(AuditRecord last) {
    lastSeq = last.seq();
    lastHash = last.hash();
    head = AuditHead.of(last);
  }

  private AuditException fail(Exception cause) {
    AuditException f = new AuditException(Failure.IO_ERROR, "writing audit file " + path
        + " failed; the sink refuses every entry until it is reopened: " + cause, cause);
    if (failure == null) {
      failure = f;
      LOG.error("audit file {} failed; entries are refused from now on", path, cause);
    }
    return f;
  }

  private void checkUsable() {
    rethrowFailure();
    if (closed) {
      throw new AuditException(Failure.CLOSED, "the audit sink for " + path + " is closed");
    }
  }

  private void rethrowFailure() {
    AuditException f = failure;
    if (f != null) {
      throw new AuditException(f.failure(), f.getMessage(), f);
    }
  }

  private void enqueueBlocking(Pending p) {
    BlockingQueue<Pending> q = queue();
    if (q.offer(p)) {
      return; // room at once: an interrupted caller is not refused for a wait it never needed
    }
    while (true) {
      try {
        if (q.offer(p, 50, TimeUnit.MILLISECONDS)) {
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AuditException(Failure.CLOSED, "interrupted while waiting for room in the audit queue of " + path, e);
      }
      checkUsable();
    }
  }

  private static void await(CompletableFuture<Void> done) {
    try {
      done.join();
    } catch (CompletionException e) {
      Throwable c = e.getCause();
      if (c instanceof AuditException ae) {
        throw new AuditException(ae.failure(), ae.getMessage(), ae);
      }
      throw new AuditException(Failure.IO_ERROR, "audit write failed: " + c, c);
    }
  }

  private BlockingQueue<Pending> queue() {
    return Objects.requireNonNull(queue, "queue");
  }

  // ---- recovery ------------------------------------------------------------------------------

  private static AuditRecovery recover(FileChannel ch, Path file) throws IOException {
    long size = ch.size();
    if (size == 0) {
      return new AuditRecovery(AuditHead.EMPTY, 0);
    }
    long lastNewline = lastNewlineBefore(ch, size);
    long validEnd = lastNewline + 1;
    long torn = size - validEnd;
    if (torn > 0) {
      ch.truncate(validEnd);
      ch.force(true);
      LOG.warn("audit file {} ended with an incomplete line of {} bytes (an interrupted write); truncated it", file,
          torn);
    }
    if (validEnd == 0) {
      return new AuditRecovery(AuditHead.EMPTY, torn);
    }
    long start = lastNewlineBefore(ch, lastNewline) + 1;
    long length = lastNewline - start;
    if (length > MAX_LINE) {
      throw new AuditException(Failure.CORRUPT, "the last line of audit file " + file + " is " + length
          + " bytes long; it is not a record. Check the file with AuditVerifier");
    }
    ByteBuffer buf = ByteBuffer.allocate((int) length);
    readFully(ch, buf, start);
    AuditCodec.Decoded d;
    try {
      d = AuditCodec.decode(buf.array());
    } catch (AuditCodec.MalformedRecordException e) {
      throw new AuditException(Failure.CORRUPT, "the last line of audit file " + file + " is not a valid record ("
          + e.getMessage() + "); the chain cannot be continued. Check the file with AuditVerifier");
    }
    if (!d.hashMatches()) {
      throw new AuditException(Failure.CORRUPT, "the last record of audit file " + file + " (seq "
          + d.record().seq() + ") does not match its hash; the chain cannot be continued. Check the file with"
          + " AuditVerifier");
    }
    return new AuditRecovery(AuditHead.of(d.record()), torn);
  }

  /** The position of the last '\n' before {@code end}, or -1. */
  private static long lastNewlineBefore(FileChannel ch, long end) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(8192);
    long pos = end;
    while (pos > 0) {
      int n = (int) Math.min(buf.capacity(), pos);
      long start = pos - n;
      buf.clear().limit(n);
      readFully(ch, buf, start);
      for (int i = n - 1; i >= 0; i--) {
        if (buf.get(i) == '\n') {
          return start + i;
        }
      }
      pos = start;
    }
    return -1;
  }

  private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
    long pos = position;
    while (buf.hasRemaining()) {
      int n = ch.read(buf, pos);
      if (n < 0) {
        throw new EOFException("audit file ended early");
      }
      pos += n;
    }
  }

  /** Makes a new file's directory entry durable (POSIX); a platform that cannot is ignored. */
  private static void forceDirectory(@Nullable Path dir) {
    if (dir == null) {
      return;
    }
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      LOG.debug("cannot force directory {}: {}", dir, e.toString());
    }
  }

  private static void closeQuietly(FileChannel ch, Exception primary) {
    try {
      ch.close();
    } catch (IOException e) {
      primary.addSuppressed(e);
    }
  }
}
