package dev.agentlane.cli;

import dev.agentlane.AgentLaneException;
import dev.agentlane.AuditRecord;
import dev.agentlane.Lane;
import dev.agentlane.ReasonCode;
import dev.agentlane.Verdict;
import dev.agentlane.core.audit.AuditLogs;
import dev.agentlane.core.audit.AuditVerification;
import dev.agentlane.core.promotion.FileLedgerStore;
import dev.agentlane.core.promotion.LedgerLaneDirectory;
import dev.agentlane.policy.Policy;
import dev.agentlane.policy.StopConditionSpec;
import dev.agentlane.promotion.PairMetrics;
import dev.agentlane.promotion.PromotionCriteria;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * What {@code agentlane report} shows, gathered in one pass over a state directory or an audit file: the
 * audit log's verification, each pair's lane over time with its promotions, demotions, halts and resets,
 * refusals by reason code, stop-condition hits by code and rule, the events in order, decisions over time,
 * and, from the promotion ledger, each pair's current metrics (clean-review rate with its Wilson bounds)
 * with the criteria of its next lane. Not thread-safe (its arrays are not copied out); one per run.
 *
 * <p>The audit log is read through {@link AuditLogs#read} and checked with {@link AuditLogs#verify}; its
 * text (agent names, details) is untrusted and kept as it is: the page escapes it. Only reads: the log is
 * never opened for writing (a sink would cut a torn last line) and the ledger is never changed.
 */
final class ReportData {
  /** The reason codes of stop conditions (the engine records the same codes as stop-condition hits). */
  static final Set<String> STOP_CODES = Set.of(ReasonCode.SENSITIVE_PATH.code(), ReasonCode.FAILED_TESTS.code(),
      ReasonCode.MISSING_CONTEXT.code(), ReasonCode.UNUSUAL_FILE_SCOPE.code(), ReasonCode.BLAST_RADIUS.code(),
      ReasonCode.RATE_LIMITED.code(), ReasonCode.LOW_CONFIDENCE.code(), ReasonCode.STOP_CONDITION.code());
  /** At most this many events are listed; the latest are kept. */
  static final int MAX_EVENTS = 500;

  /** An agent/workflow pair as the log spells it (not validated: the log is untrusted). */
  record Pair(String agent, String workflow) {
    static final Comparator<Pair> ORDER = Comparator.comparing(Pair::agent).thenComparing(Pair::workflow);

    String label() {
      return agent + "/" + workflow;
    }
  }

  /** From {@code time} on, the pair stood in {@code lane}. */
  record LaneChange(Instant time, String lane) {}

  /** A promotion, demotion, halt or reset of a pair, with what the log says about it. */
  record Mark(Instant time, AuditRecord.Kind kind, @Nullable String lane, @Nullable String by, String detail) {}

  /** A halt, from when it was recorded until its reset ({@code to} null: not reset in this log). */
  record Halt(Instant from, @Nullable Instant to) {}

  /** One pair's lane history in the log. */
  record Timeline(Pair pair, List<LaneChange> changes, List<Mark> marks, List<Halt> halts) {}

  /** A count split by the verdict of the decisions counted. */
  record Counted(String label, Map<Verdict, Long> byVerdict) {
    long total() {
      return byVerdict.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /** A pair's current ledger metrics and what its next promotion needs ({@code next} null at the top lane). */
  record PairRow(PairMetrics metrics, @Nullable Lane next, @Nullable PromotionCriteria criteria) {}

  /** What was read. */
  final String source;
  final Policy policy;
  final Instant generated;
  final @Nullable Path auditFile;
  final @Nullable AuditVerification verification;
  /** Why reading stopped before the end of the log, or null. */
  final @Nullable String readProblem;
  final long records;
  final Map<Verdict, Long> verdicts;
  final Map<AuditRecord.Kind, Long> kinds;
  final @Nullable Instant first;
  final @Nullable Instant last;
  /** Lane names, lowest first: the policy's, then any the log names that the policy does not. */
  final List<String> lanes;
  final List<Timeline> timelines;
  final List<Counted> blocks;
  final List<Counted> stopHits;
  /** Events other than decisions and executions, in log order (the latest {@link #MAX_EVENTS}). */
  final List<AuditRecord> events;
  final long eventsOmitted;
  /** Decision times (epoch milliseconds) and verdicts, in log order. */
  final long[] decisionTimes;
  final Verdict[] decisionVerdicts;
  final @Nullable Path ledgerDir;
  /** The ledger's pairs, or null without a ledger. */
  final @Nullable List<PairRow> pairs;

  private ReportData(Builder b) {
    this.source = b.source;
    this.policy = b.policy;
    this.generated = b.generated;
    this.auditFile = b.auditFile;
    this.verification = b.verification;
    this.readProblem = b.readProblem;
    this.records = b.records;
    this.verdicts = b.verdicts;
    this.kinds = b.kinds;
    this.first = b.first;
    this.last = b.last;
    this.lanes = List.copyOf(b.lanes);
    this.timelines = b.timelines.values().stream().map(Builder.TimelineBuilder::build)
        .sorted(Comparator.comparing(Timeline::pair, Pair.ORDER)).toList();
    this.blocks = sorted(b.blocks);
    this.stopHits = sorted(b.stopHits);
    this.events = List.copyOf(b.events);
    this.eventsOmitted = b.eventsOmitted;
    this.decisionTimes = Arrays.copyOf(b.decisionTimes, b.decisions);
    this.decisionVerdicts = Arrays.copyOf(b.decisionVerdicts, b.decisions);
    this.ledgerDir = b.ledgerDir;
    this.pairs = b.pairs;
  }

  private static List<Counted> sorted(Map<String, Map<Verdict, Long>> counts) {
    return counts.entrySet().stream().map(e -> new Counted(e.getKey(), e.getValue()))
        .sorted(Comparator.comparingLong(Counted::total).reversed().thenComparing(Counted::label)).toList();
  }

  /** Decisions in the log. */
  long decisions() {
    return decisionTimes.length;
  }

  /** Records of a kind. */
  long count(AuditRecord.Kind kind) {
    return kinds.getOrDefault(kind, 0L);
  }

  /**
   * Reads {@code input}: a state directory ({@code audit.jsonl} and {@code ledger/}, either may be missing
   * but not both) or an audit file alone.
   *
   * @throws CliException (exit {@link ExitCode#ERROR}) if the input does not exist, holds neither an audit
   *     log nor a ledger, or a ledger file cannot be read
   */
  static ReportData load(Path input, Policy policy, InstantSource clock) {
    Builder b = new Builder(input.toString(), policy, clock.instant());
    if (Files.isDirectory(input)) {
      Path audit = input.resolve(StateDir.AUDIT);
      Path ledger = input.resolve(StateDir.LEDGER);
      b.auditFile = Files.isRegularFile(audit) ? audit : null;
      b.ledgerDir = Files.isDirectory(ledger) ? ledger : null;
      if (b.auditFile == null && b.ledgerDir == null) {
        throw new CliException("'" + input + "' is not a state directory: it holds neither " + StateDir.AUDIT
            + " nor " + StateDir.LEDGER + "/");
      }
    } else if (Files.isRegularFile(input)) {
      b.auditFile = input;
    } else {
      throw new CliException("'" + input + "' does not exist (give a state directory or an audit log file)");
    }
    if (b.auditFile != null) {
      b.readAudit(b.auditFile);
    }
    if (b.ledgerDir != null) {
      b.readLedger(b.ledgerDir, clock);
    }
    return new ReportData(b);
  }

  /** Gathers the report in one pass over the log. Not thread-safe. */
  private static final class Builder {
    final String source;
    final Policy policy;
    final Instant generated;
    final Set<String> stopRuleIds;
    @Nullable Path auditFile;
    @Nullable Path ledgerDir;
    @Nullable AuditVerification verification;
    @Nullable String readProblem;
    long records;
    final Map<Verdict, Long> verdicts = new EnumMap<>(Verdict.class);
    final Map<AuditRecord.Kind, Long> kinds = new EnumMap<>(AuditRecord.Kind.class);
    @Nullable Instant first;
    @Nullable Instant last;
    final LinkedHashSet<String> lanes = new LinkedHashSet<>();
    final Map<Pair, TimelineBuilder> timelines = new HashMap<>();
    final Map<String, Map<Verdict, Long>> blocks = new HashMap<>();
    final Map<String, Map<Verdict, Long>> stopHits = new HashMap<>();
    final java.util.ArrayDeque<AuditRecord> events = new java.util.ArrayDeque<>();
    long eventsOmitted;
    long[] decisionTimes = new long[1024];
    Verdict[] decisionVerdicts = new Verdict[1024];
    int decisions;
    @Nullable List<PairRow> pairs;

    Builder(String source, Policy policy, Instant generated) {
      this.source = source;
      this.policy = policy;
      this.generated = generated;
      this.stopRuleIds = policy.stopConditions().stream().map(StopConditionSpec::id).collect(Collectors.toSet());
      policy.lanes().forEach(l -> lanes.add(l.name()));
    }

    void readAudit(Path file) {
      try {
        verification = AuditLogs.verify(file);
        AuditLogs.read(file, this::add);
      } catch (AgentLaneException e) {
        // AuditException: io-error, or a line that is not a record (the verifier names it too).
        readProblem = e.getMessage();
      }
    }

    void add(AuditRecord r) {
      records++;
      kinds.merge(r.kind(), 1L, Long::sum);
      if (first == null || r.time().isBefore(first)) {
        first = r.time();
      }
      if (last == null || r.time().isAfter(last)) {
        last = r.time();
      }
      if (r.lane() != null) {
        lanes.add(r.lane());
      }
      TimelineBuilder t = r.agent() == null || r.workflow() == null ? null
          : timelines.computeIfAbsent(new Pair(r.agent(), r.workflow()), TimelineBuilder::new);
      switch (r.kind()) {
        case DECISION -> decision(r, t);
        case EXECUTION -> { }
        default -> event(r, t);
      }
    }

    private void decision(AuditRecord r, @Nullable TimelineBuilder t) {
      Verdict v = r.verdict() == null ? Verdict.DENY : r.verdict();
      verdicts.merge(v, 1L, Long::sum);
      if (decisions == decisionTimes.length) {
        decisionTimes = Arrays.copyOf(decisionTimes, decisions * 2);
        decisionVerdicts = Arrays.copyOf(decisionVerdicts, decisions * 2);
      }
      decisionTimes[decisions] = r.time().toEpochMilli();
      decisionVerdicts[decisions] = v;
      decisions++;
      if (t != null && r.lane() != null) {
        t.decided(r.time(), r.lane());
      }
      if (v != Verdict.ALLOW) {
        List<String> codes = r.reasonCodes().isEmpty() ? List.of("(no reason)") : r.reasonCodes();
        for (String code : new LinkedHashSet<>(codes)) {
          blocks.computeIfAbsent(code, k -> new EnumMap<>(Verdict.class)).merge(v, 1L, Long::sum);
        }
      }
      for (String hit : stopHits(r)) {
        stopHits.computeIfAbsent(hit, k -> new EnumMap<>(Verdict.class)).merge(v, 1L, Long::sum);
      }
    }

    /**
     * The stop-condition hits of a decision as "code rule". A record keeps one code per reason but only
     * the distinct rule ids, so they pair up by position when the counts agree; otherwise a stop code is
     * paired with the decision's stop-condition rule of the policy when there is exactly one.
     */
    private List<String> stopHits(AuditRecord r) {
      List<String> codes = r.reasonCodes();
      List<String> rules = r.ruleIds();
      List<String> out = new ArrayList<>();
      List<String> policyStops = rules.stream().filter(stopRuleIds::contains).toList();
      Set<String> seen = new LinkedHashSet<>();
      for (int i = 0; i < codes.size(); i++) {
        String code = codes.get(i);
        if (!STOP_CODES.contains(code)) {
          continue;
        }
        String rule = codes.size() == rules.size() ? rules.get(i)
            : policyStops.size() == 1 ? policyStops.get(0) : "(rule not recorded)";
        if (seen.add(code + " " + rule)) {
          out.add(code + " " + rule);
        }
      }
      return out;
    }

    private void event(AuditRecord r, @Nullable TimelineBuilder t) {
      events.addLast(r);
      if (events.size() > MAX_EVENTS) {
        events.removeFirst();
        eventsOmitted++;
      }
      if (t == null) {
        return;
      }
      switch (r.kind()) {
        case PROMOTION, DEMOTION -> {
          if (r.lane() != null) {
            t.moved(r.time(), r.lane());
          }
          t.marks.add(new Mark(r.time(), r.kind(), r.lane(), r.approver(), r.detail()));
        }
        case HALT -> {
          t.marks.add(new Mark(r.time(), r.kind(), r.lane(), r.approver(), r.detail()));
          if (t.haltedSince == null) {
            t.haltedSince = r.time();
          }
        }
        case RESET -> {
          t.marks.add(new Mark(r.time(), r.kind(), r.lane(), r.approver(), r.detail()));
          if (t.haltedSince != null) {
            t.halts.add(new Halt(t.haltedSince, r.time()));
            t.haltedSince = null;
          }
        }
        default -> { }
      }
    }

    void readLedger(Path dir, InstantSource clock) {
      LedgerLaneDirectory ledger;
      try {
        ledger = LedgerLaneDirectory.builder().policy(policy).clock(clock).store(FileLedgerStore.open(dir)).build();
      } catch (AgentLaneException | IllegalArgumentException e) {
        throw new CliException("cannot read the ledger '" + dir + "': " + e.getMessage());
      }
      List<PairRow> rows = new ArrayList<>();
      for (PairMetrics m : ledger.metrics()) {
        Lane next = policy.lanes().stream().filter(l -> l.rank() > m.lane().rank()).findFirst().orElse(null);
        rows.add(new PairRow(m, next, next == null ? null : ledger.criteriaFor(next)));
        lanes.add(m.lane().name());
      }
      pairs = List.copyOf(rows);
    }

    /** One pair's history as the log is read. */
    static final class TimelineBuilder {
      final Pair pair;
      final List<LaneChange> changes = new ArrayList<>();
      final List<Mark> marks = new ArrayList<>();
      final List<Halt> halts = new ArrayList<>();
      @Nullable Instant haltedSince;
      /** The lane before the latest move, until a decision in the new lane is seen. */
      @Nullable String before;

      TimelineBuilder(Pair pair) {
        this.pair = pair;
      }

      private @Nullable String current() {
        return changes.isEmpty() ? null : changes.get(changes.size() - 1).lane();
      }

      /** A promotion or demotion record: the pair stands in {@code lane} from now. */
      void moved(Instant time, String lane) {
        String from = current();
        if (!lane.equals(from)) {
          before = from;
          changes.add(new LaneChange(time, lane));
        }
      }

      /**
       * A decision taken in {@code lane}. A decision is recorded when it ends, after the promotion or
       * demotion it may have caused (a HALT demotes), and one in flight during a move carries the lane it
       * started in; so until a decision in the new lane is seen, one in the previous lane changes nothing.
       * Any other lane is a move the log did not record, and is drawn.
       */
      void decided(Instant time, String lane) {
        String current = current();
        if (lane.equals(current)) {
          before = null;
        } else if (!lane.equals(before)) {
          before = current;
          changes.add(new LaneChange(time, lane));
        }
      }

      Timeline build() {
        List<Halt> all = new ArrayList<>(halts);
        if (haltedSince != null) {
          all.add(new Halt(haltedSince, null));
        }
        return new Timeline(pair, List.copyOf(changes), List.copyOf(marks), List.copyOf(all));
      }
    }
  }
}
