package dev.agentlane.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentlane.Action;
import dev.agentlane.Decision;
import dev.agentlane.Reason;
import dev.agentlane.Verdict;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The action journal of a state directory, {@value #FILE}: one JSON line per decision that
 * {@code decide} or {@code explain} made with {@code --record-actions}, holding the whole action in the
 * action format (tool arguments included) with the decision's id, verdict, lane, reason codes, rule
 * ids, policy version, time and action digest. {@code replay} reads it to decide the same actions again
 * under another policy. Stateless and thread-safe; appends from several processes are serialized by a
 * file lock.
 *
 * <p>The audit log records only an action's SHA-256 digest, never its arguments, because arguments can
 * hold secrets. The journal holds the arguments, so it is opt-in ({@code --record-actions}), created
 * readable by its owner only where the file system has POSIX permissions, and kept apart from the audit
 * log. Its {@code action-digest} is the digest the audit log records for the same decision.
 *
 * <p>Each line is written whole and forced to disk, and a torn last line left by a crash is cut off
 * before the next append.
 */
final class ActionJournal {
  private ActionJournal() {}

  /** The journal's file name inside a state directory. */
  static final String FILE = "actions.jsonl";

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final Set<String> KEYS = Set.of("action", "decision", "verdict", "lane", "reasons", "rules",
      "policy-version", "time", "action-digest", "workspace");

  /**
   * One journal line.
   *
   * @param line 1-based line number in the file
   * @param action the action as it was decided
   * @param decision the decision's id
   * @param verdict the verdict then
   * @param lane the pair's lane then, or null if the action was too malformed to have one
   * @param reasons the reason codes then, strictest first
   * @param rules the rule ids of those reasons
   * @param policyVersion the version of the policy that decided
   * @param time when it was decided
   * @param actionDigest the action's digest, as the audit log records it
   * @param workspace the engine's workspace root then, or null
   */
  record Entry(long line, Action action, String decision, Verdict verdict, @Nullable String lane,
      List<String> reasons, List<String> rules, String policyVersion, Instant time, String actionDigest,
      @Nullable String workspace) {
    Entry {
      reasons = List.copyOf(reasons);
      rules = List.copyOf(rules);
    }
  }

  /**
   * What a journal file holds.
   *
   * @param entries every complete line, in file order
   * @param tornLine the line number of an incomplete last line (a write cut short by a crash), ignored;
   *     0 if there is none
   */
  record Contents(List<Entry> entries, long tornLine) {
    Contents {
      entries = List.copyOf(entries);
    }
  }

  /** The journal of the state directory {@code stateDir}. */
  static Path in(Path stateDir) {
    return stateDir.resolve(FILE);
  }

  /** One journal line for a decision, as a JSON object. */
  static ObjectNode line(Action action, Decision decision, @Nullable String workspace) {
    ObjectNode o = MAPPER.createObjectNode();
    o.set("action", ActionJson.toTree(action));
    o.put("decision", decision.id());
    o.put("verdict", decision.verdict().code());
    o.put("lane", decision.lane() == null ? null : decision.lane().name());
    decision.reasons().stream().map(r -> r.code().code()).forEach(o.putArray("reasons")::add);
    decision.reasons().stream().map(Reason::ruleId).distinct().forEach(o.putArray("rules")::add);
    o.put("policy-version", decision.policyVersion());
    o.put("time", decision.time().toString());
    o.put("action-digest", decision.actionDigest());
    if (workspace != null) {
      o.put("workspace", workspace);
    }
    return o;
  }

  /**
   * Appends one line for the decision: under an exclusive file lock, after cutting off a torn last
   * line, then forced to disk.
   *
   * @param workspace the engine's workspace root, or null
   * @throws CliException if the journal cannot be written
   */
  static void append(Path file, Action action, Decision decision, @Nullable String workspace) {
    byte[] bytes;
    try {
      bytes = (MAPPER.writeValueAsString(line(action, decision, workspace)) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a journal line", e);
    }
    try (FileChannel ch = open(file); FileLock lock = ch.lock()) {
      cutTornTail(ch);
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      ch.position(ch.size());
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(false);
    } catch (IOException e) {
      throw new CliException("the decision " + decision.id() + " was made but cannot be recorded in the journal '"
          + file + "': " + e.getMessage());
    }
  }

  private static FileChannel open(Path file) throws IOException {
    Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      FileAttribute<?> ownerOnly = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
      return FileChannel.open(file, options, ownerOnly);
    }
    return FileChannel.open(file, options);
  }

  /** Truncates the file after its last line end, if it does not end with one. */
  private static void cutTornTail(FileChannel ch) throws IOException {
    long size = ch.size();
    if (size == 0 || lastByte(ch, size - 1) == '\n') {
      return;
    }
    long end = size;
    ByteBuffer block = ByteBuffer.allocate(8192);
    while (end > 0) {
      long start = Math.max(0, end - block.capacity());
      block.clear().limit((int) (end - start));
      ch.read(block, start);
      for (int i = (int) (end - start) - 1; i >= 0; i--) {
        if (block.get(i) == '\n') {
          ch.truncate(start + i + 1);
          return;
        }
      }
      end = start;
    }
    ch.truncate(0);
  }

  private static byte lastByte(FileChannel ch, long at) throws IOException {
    ByteBuffer one = ByteBuffer.allocate(1);
    ch.read(one, at);
    return one.get(0);
  }

  /**
   * Reads a journal file. An incomplete last line (a crash while appending) is ignored and reported in
   * {@link Contents#tornLine()}; any other malformed line is an error.
   *
   * @throws CliException naming the file, the line and the JSON path of the first problem
   */
  static Contents read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CliException("cannot read the action journal '" + file + "': " + e.getMessage());
    }
    List<Entry> entries = new ArrayList<>();
    long torn = 0;
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      long lineNo = i + 1L;
      boolean last = i == lines.length - 1;
      if (last) {
        if (!lines[i].isEmpty()) {
          torn = lineNo;
        }
        break;
      }
      if (lines[i].isBlank()) {
        throw new CliException(file + ":" + lineNo + ": an empty line; every line of a journal is one decision");
      }
      entries.add(entry(lines[i], file + ":" + lineNo, lineNo));
    }
    return new Contents(entries, torn);
  }

  private static Entry entry(String text, String where, long lineNo) {
    JsonNode o;
    try {
      o = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new CliException(where + ": not a journal line: " + e.getOriginalMessage());
    }
    if (o == null || !o.isObject()) {
      throw new CliException(where + ": a journal line is a JSON object");
    }
    for (Iterator<String> it = o.fieldNames(); it.hasNext();) {
      String k = it.next();
      if (!KEYS.contains(k)) {
        throw new CliException(where + ": $." + k + " unknown key; expected one of " + new TreeSet<>(KEYS));
      }
    }
    Action action = ActionJson.fromTree(o.get("action"), where + " $.action");
    Verdict verdict;
    try {
      verdict = Verdict.ofCode(text(o, "verdict", where));
    } catch (IllegalArgumentException e) {
      throw new CliException(where + ": $.verdict " + e.getMessage());
    }
    Instant time;
    try {
      time = Instant.parse(text(o, "time", where));
    } catch (DateTimeParseException e) {
      throw new CliException(where + ": $.time is not an ISO-8601 instant: " + e.getParsedString());
    }
    JsonNode lane = o.get("lane");
    JsonNode ws = o.get("workspace");
    return new Entry(lineNo, action, text(o, "decision", where), verdict,
        lane == null || lane.isNull() ? null : lane.asText(), strings(o, "reasons", where), strings(o, "rules", where),
        text(o, "policy-version", where), time, text(o, "action-digest", where),
        ws == null || ws.isNull() ? null : ws.asText());
  }

  private static String text(JsonNode o, String key, String where) {
    JsonNode v = o.get(key);
    if (v == null || !v.isTextual()) {
      throw new CliException(where + ": $." + key + " must be a string");
    }
    return v.asText();
  }

  private static List<String> strings(JsonNode o, String key, String where) {
    JsonNode v = o.get(key);
    List<String> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    if (!v.isArray()) {
      throw new CliException(where + ": $." + key + " must be a list of strings");
    }
    for (JsonNode s : v) {
      if (!s.isTextual()) {
        throw new CliException(where + ": $." + key + " must be a list of strings");
      }
      out.add(s.asText());
    }
    return out;
  }
}
