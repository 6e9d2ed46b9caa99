package dev.agentlane.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentlane.AgentKey;
import dev.agentlane.Grant;
import dev.agentlane.GrantScope;
import dev.agentlane.Grants;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The grants of a state directory, kept between commands in {@code grants.json}: an {@code agentlane grant}
 * issues one, a later {@code agentlane decide} on the same directory honours it and uses it up, and
 * {@code agentlane revoke} ends it. {@link #open} reads the file and locks the directory's grants,
 * {@link #restoreInto} gives them to an engine ({@link Grants#restore}), {@link #save} writes back what
 * the engine still holds (remaining uses, revocations, new grants), and {@link #close} releases the lock.
 *
 * <p>The lock ({@code grants.lock}, held from open to close) makes the uses exact across processes: two
 * commands cannot both spend the last use of a grant. A second command on a directory whose grants are
 * locked fails at once instead of waiting. The file is replaced atomically (a temporary file, forced, then
 * renamed), so a crash leaves the old file or the new one, never half of one. Only grants that can still
 * apply are kept; the audit log holds their history.
 *
 * <pre>{@code
 * {"format": "agentlane-grants/1", "grants": [
 *   {"id": "g-5f3a9c1e-1", "agent": "coder", "workflow": "bugfix", "tool": "bash", "scope": "calls",
 *    "calls": 3, "approver": "alice", "reason": "terraform fmt", "issued-at": "2026-01-05T10:00:00Z",
 *    "remaining-uses": 2}]}
 * }</pre>
 *
 * <p>{@code scope} is {@code exact-action} (with {@code action-digest}), {@code calls} (with {@code calls}),
 * {@code window} (with {@code window}, an ISO-8601 duration, and {@code expires-at}) or {@code task} (with
 * {@code run-id}); {@code remaining-uses} is -1 where only time or the run limits a grant.
 *
 * <p>Not thread-safe; one per {@link StateDir}.
 */
final class GrantFile implements AutoCloseable {
  /** The grants' file name inside a state directory. */
  static final String NAME = "grants.json";
  /** The lock file's name inside a state directory. */
  static final String LOCK = "grants.lock";
  /** The format tag of the file. */
  static final String FORMAT = "agentlane-grants/1";

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(SerializationFeature.INDENT_OUTPUT);
  private static final Set<String> TOP = Set.of("format", "grants");
  private static final Set<String> KEYS = Set.of("id", "agent", "workflow", "tool", "scope", "calls", "window",
      "run-id", "action-digest", "approver", "reason", "issued-at", "expires-at", "remaining-uses");

  private final Path file;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final List<Grant> read;

  private GrantFile(Path file, FileChannel lockChannel, FileLock lock, List<Grant> read) {
    this.file = file;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.read = read;
  }

  /**
   * Locks the grants of {@code dir} and reads {@code grants.json} (none when it does not exist).
   *
   * @throws CliException if another command holds the lock, or the file cannot be read or is malformed
   *     (naming the file and the JSON path)
   */
  static GrantFile open(Path dir) {
    Path lockFile = dir.resolve(LOCK);
    FileChannel channel;
    try {
      channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new CliException("cannot open " + lockFile + ": " + e.getMessage());
    }
    try {
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        throw new CliException("the grants in '" + dir + "' are in use by another agentlane command (" + LOCK
            + " is locked); try again when it has finished");
      }
      Path file = dir.resolve(NAME);
      return new GrantFile(file, channel, lock, Files.exists(file) ? read(file) : List.of());
    } catch (IOException | RuntimeException e) {
      try {
        channel.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      if (e instanceof CliException c) {
        throw c;
      }
      throw new CliException("cannot lock " + lockFile + ": " + e.getMessage());
    }
  }

  /** The grants as read, oldest first; some may have expired or been used up since. */
  List<Grant> grants() {
    return read;
  }

  /**
   * Gives the grants read to {@code grants}, oldest first; those that can no longer apply are dropped.
   *
   * @throws CliException naming the file if the engine refuses one (a repeated id, an inconsistent grant)
   */
  void restoreInto(Grants grants) {
    for (Grant g : read) {
      try {
        grants.restore(g);
      } catch (IllegalArgumentException e) {
        throw new CliException(file + ": " + e.getMessage());
      }
    }
  }

  /**
   * Writes {@code live} (the grants an engine still holds, from {@link Grants#list()}) when they differ from
   * what was read.
   *
   * @throws CliException if the file cannot be written
   */
  void save(List<Grant> live) {
    if (live.equals(read) || live.isEmpty() && !Files.exists(file)) {
      return;
    }
    ObjectNode root = MAPPER.createObjectNode().put("format", FORMAT);
    ArrayNode list = root.putArray("grants");
    live.forEach(g -> list.add(toTree(g)));
    Path tmp = file.resolveSibling(NAME + ".tmp");
    try {
      byte[] bytes = (MAPPER.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new CliException("cannot write " + file + ": " + e.getMessage());
    }
  }

  /** Releases the lock. */
  @Override
  public void close() {
    try {
      lock.release();
      lockChannel.close();
    } catch (IOException e) {
      throw new CliException("cannot release " + file.resolveSibling(LOCK) + ": " + e.getMessage());
    }
  }

  /** A grant as an entry of the file. */
  static ObjectNode toTree(Grant g) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("id", g.id()).put("agent", g.key().agent()).put("workflow", g.key().workflow()).put("tool", g.tool());
    GrantScope scope = g.scope();
    o.put("scope", scopeName(scope));
    if (scope instanceof GrantScope.Calls c) {
      o.put("calls", c.calls());
    } else if (scope instanceof GrantScope.Window w) {
      o.put("window", w.duration().toString());
    } else if (scope instanceof GrantScope.Task t) {
      o.put("run-id", t.runId());
    }
    if (g.actionDigest() != null) {
      o.put("action-digest", g.actionDigest());
    }
    o.put("approver", g.approver()).put("reason", g.reason()).put("issued-at", g.issuedAt().toString());
    if (g.expiresAt() != null) {
      o.put("expires-at", g.expiresAt().toString());
    }
    o.put("remaining-uses", g.remainingUses());
    return o;
  }

  /** The scope's name in the file and in output: exact-action, calls, window or task. */
  static String scopeName(GrantScope scope) {
    if (scope instanceof GrantScope.ExactAction) {
      return "exact-action";
    }
    if (scope instanceof GrantScope.Calls) {
      return "calls";
    }
    return scope instanceof GrantScope.Window ? "window" : "task";
  }

  private static List<Grant> read(Path file) throws IOException {
    String source = file.toString();
    JsonNode root;
    try {
      root = MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw new CliException(source + ": not a grants file: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
              + e.getLocation().getColumnNr() + ")"));
    }
    if (root == null || !root.isObject()) {
      throw bad(source, "$", "a grants file is a JSON object with \"format\" and \"grants\"");
    }
    only(root, TOP, source, "$");
    if (!FORMAT.equals(root.path("format").asText(null))) {
      throw bad(source, "$.format", "must be \"" + FORMAT + "\"");
    }
    JsonNode grants = root.get("grants");
    if (grants == null || !grants.isArray()) {
      throw bad(source, "$.grants", "must be a list");
    }
    List<Grant> out = new ArrayList<>();
    for (int i = 0; i < grants.size(); i++) {
      out.add(grant(grants.get(i), source, "$.grants[" + i + "]"));
    }
    return List.copyOf(out);
  }

  private static Grant grant(JsonNode node, String source, String path) {
    if (!node.isObject()) {
      throw bad(source, path, "must be an object");
    }
    only(node, KEYS, source, path);
    String scopeName = text(node, "scope", source, path);
    GrantScope scope;
    try {
      scope = switch (scopeName) {
        case "exact-action" -> GrantScope.exactAction();
        case "calls" -> GrantScope.calls(integer(node, "calls", source, path));
        case "window" -> GrantScope.window(Duration.parse(text(node, "window", source, path)));
        case "task" -> GrantScope.task(text(node, "run-id", source, path));
        default -> throw bad(source, path + ".scope", "must be exact-action, calls, window or task but was '"
            + scopeName + "'");
      };
    } catch (DateTimeParseException e) {
      throw bad(source, path + ".window", "must be an ISO-8601 duration such as PT2H");
    } catch (IllegalArgumentException e) {
      throw bad(source, path, e.getMessage());
    }
    try {
      return new Grant(text(node, "id", source, path),
          AgentKey.of(text(node, "agent", source, path), text(node, "workflow", source, path)),
          text(node, "tool", source, path), scope, optional(node, "action-digest", source, path),
          text(node, "approver", source, path), text(node, "reason", source, path),
          instant(node, "issued-at", source, path, true), instant(node, "expires-at", source, path, false),
          integer(node, "remaining-uses", source, path));
    } catch (IllegalArgumentException e) {
      throw bad(source, path, e.getMessage());
    }
  }

  private static void only(JsonNode node, Set<String> keys, String source, String path) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
      String k = it.next();
      if (!keys.contains(k)) {
        throw bad(source, path + "." + k, "unknown key; expected one of " + new TreeSet<>(keys));
      }
    }
  }

  private static String text(JsonNode node, String key, String source, String path) {
    String v = optional(node, key, source, path);
    if (v == null) {
      throw bad(source, path + "." + key, "is required");
    }
    return v;
  }

  private static @Nullable String optional(JsonNode node, String key, String source, String path) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw bad(source, path + "." + key, "must be a string");
    }
    return v.asText();
  }

  private static int integer(JsonNode node, String key, String source, String path) {
    JsonNode v = node.get(key);
    if (v == null || !v.isIntegralNumber() || !v.canConvertToInt()) {
      throw bad(source, path + "." + key, "must be a whole number");
    }
    return v.asInt();
  }

  private static @Nullable Instant instant(JsonNode node, String key, String source, String path, boolean required) {
    String v = required ? text(node, key, source, path) : optional(node, key, source, path);
    if (v == null) {
      return null;
    }
    try {
      return Instant.parse(v);
    } catch (DateTimeParseException e) {
      throw bad(source, path + "." + key, "must be an ISO-8601 instant such as 2026-01-05T10:00:00Z");
    }
  }

  private static CliException bad(String source, String path, String message) {
    return new CliException(source + ": " + path + " " + message);
  }
}
