package dev.agentlane.core.promotion;

import dev.agentlane.AgentKey;
import dev.agentlane.promotion.LedgerStore;
import dev.agentlane.promotion.LedgerStoreException;
import dev.agentlane.promotion.PairState;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The embedded {@link LedgerStore}: one JSON file per pair in a directory, written crash-safely, so
 * that lanes, evidence and halts survive a restart or a crash.
 *
 * <p>Thread-safe; one instance per directory, and one process per directory (the version check is
 * made in this process; for several replicas, back the ledger with a shared database instead).
 *
 * <p>A pair's file is {@code pair-<sha256 of agent, newline, workflow>.json}. Each save writes the
 * whole state to a temporary file in the same directory, forces it to disk, renames it over the old
 * file atomically, then forces the directory where the platform allows. A crash therefore leaves
 * either the old file or the new one, never a torn one; a leftover temporary file (whose name starts
 * with {@code .} and ends with {@code .tmp}) is ignored on load. A file that cannot be read is an
 * error naming the file, never an absent pair.
 */
public final class FileLedgerStore implements LedgerStore {
  private static final String PREFIX = "pair-";
  private static final String SUFFIX = ".json";

  private final Path directory;
  private final ConcurrentHashMap<AgentKey, Object> locks = new ConcurrentHashMap<>();

  private FileLedgerStore(Path directory) {
    this.directory = directory;
  }

  /**
   * A store over {@code directory}, created if missing.
   *
   * @throws LedgerStoreException if the directory cannot be created or is not a directory
   */
  public static FileLedgerStore open(Path directory) {
    Objects.requireNonNull(directory, "directory");
    Path dir = directory.toAbsolutePath().normalize();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new LedgerStoreException("cannot create ledger directory " + dir + ": " + e.getMessage(), e);
    }
    return new FileLedgerStore(dir);
  }

  /** The directory. */
  public Path directory() {
    return directory;
  }

  /** The file that holds a pair's state. */
  public Path fileOf(AgentKey key) {
    Objects.requireNonNull(key, "key");
    return directory.resolve(PREFIX + digest(key) + SUFFIX);
  }

  @Override
  public List<PairState> loadAll() {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, PREFIX + "*" + SUFFIX)) {
      for (Path file : stream) {
        if (Files.isRegularFile(file)) {
          files.add(file);
        }
      }
    } catch (IOException e) {
      throw new LedgerStoreException("cannot list ledger directory " + directory + ": " + e.getMessage(), e);
    }
    files.sort(Comparator.naturalOrder());
    List<PairState> out = new ArrayList<>(files.size());
    for (Path file : files) {
      PairState s = read(file);
      if (s == null) {
        continue;
      }
      Path expected = fileOf(s.key());
      if (!expected.getFileName().equals(file.getFileName())) {
        throw new LedgerStoreException("ledger file " + file + " holds pair " + s.key() + ", whose file is "
            + expected.getFileName() + ": the file was renamed or copied by hand");
      }
      out.add(s);
    }
    return out;
  }

  @Override
  public Optional<PairState> load(AgentKey key) {
    Objects.requireNonNull(key, "key");
    synchronized (lockOf(key)) {
      return Optional.ofNullable(checked(key, read(fileOf(key))));
    }
  }

  @Override
  public boolean save(PairState state) {
    Objects.requireNonNull(state, "state");
    Path file = fileOf(state.key());
    synchronized (lockOf(state.key())) {
      PairState current = checked(state.key(), read(file));
      long stored = current == null ? 0 : current.version();
      if (stored != state.version() - 1) {
        return false;
      }
      write(file, PairStateCodec.write(state));
      return true;
    }
  }

  private @Nullable PairState checked(AgentKey key, @Nullable PairState s) {
    if (s != null && !s.key().equals(key)) {
      throw new LedgerStoreException("ledger file " + fileOf(key) + " holds pair " + s.key() + ", not " + key);
    }
    return s;
  }

  private Object lockOf(AgentKey key) {
    return locks.computeIfAbsent(key, k -> new Object());
  }

  /** The state in a file, or {@code null} if there is no such file. */
  private static @Nullable PairState read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new LedgerStoreException("cannot read ledger file " + file + ": " + e.getMessage(), e);
    }
    try {
      return PairStateCodec.read(bytes);
    } catch (RuntimeException e) {
      throw new LedgerStoreException("ledger file " + file + " is corrupt (" + e.getMessage()
          + "); refusing to guess the pair's lane: restore the file from a backup or remove it deliberately", e);
    }
  }

  private void write(Path file, byte[] bytes) {
    Path tmp = null;
    try {
      tmp = Files.createTempFile(directory, "." + file.getFileName() + ".", ".tmp");
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new LedgerStoreException("the file system of " + directory
            + " cannot rename atomically; the ledger cannot be kept crash-safely there", e);
      }
      tmp = null;
      forceDirectory();
    } catch (IOException e) {
      throw new LedgerStoreException("cannot write ledger file " + file + ": " + e.getMessage(), e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // A leftover temporary file is harmless: loads ignore it.
        }
      }
    }
  }

  /** Makes the rename durable; some platforms (Windows) cannot open a directory, and need not. */
  private void forceDirectory() {
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      // Not supported on this platform: the rename is as durable as the platform makes it.
    }
  }

  private static String digest(AgentKey key) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] hash = sha.digest((key.agent() + "\n" + key.workflow()).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  @Override
  public String toString() {
    return "FileLedgerStore{" + directory + "}";
  }
}
