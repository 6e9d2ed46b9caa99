package dev.agentlane.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentlane.Grant;
import dev.agentlane.GrantScope;
import dev.agentlane.LaneStatus;
import dev.agentlane.promotion.CriterionResult;
import dev.agentlane.promotion.PairMetrics;
import dev.agentlane.promotion.PromotionProposal;
import dev.agentlane.promotion.Severity;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How the promotion commands ({@code promote}, {@code demote}, {@code reset}, {@code grant}, {@code revoke},
 * {@code status}, {@code simulate}) print proposals, metrics, lanes and grants, as text for people and as
 * JSON for scripts. Criteria print as the ledger words them, each marked {@code ok} or {@code NO}. Stateless
 * and thread-safe.
 */
final class PromotionView {
  private PromotionView() {}

  static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** {@code from -> to}, or {@code from (top lane)}. */
  static String move(PromotionProposal p) {
    return p.from().name() + " -> " + (p.to() == null ? "(top lane)" : p.to().name());
  }

  /**
   * Every criterion on its own line, indented by {@code indent}, marked {@code ok} or {@code NO}: ASCII, so
   * that a terminal without UTF-8 still tells them apart (it would print both {@code ✓} and {@code ✗} as
   * {@code ?}).
   */
  static void criteria(PrintWriter out, PromotionProposal p, String indent) {
    for (CriterionResult c : p.criteria()) {
      out.println(indent + (c.holds() ? "ok  " : "NO  ") + c.detail());
    }
  }

  /** The proposal as JSON: lanes, eligibility and every criterion with its name, result and detail. */
  static ObjectNode proposal(PromotionProposal p) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("agent", p.key().agent()).put("workflow", p.key().workflow()).put("from", p.from().name());
    if (p.to() == null) {
      o.putNull("to");
    } else {
      o.put("to", p.to().name());
    }
    o.put("eligible", p.eligible());
    ArrayNode criteria = o.putArray("criteria");
    p.criteria().forEach(c -> criteria.addObject().put("name", c.name()).put("holds", c.holds())
        .put("detail", c.detail()));
    o.put("evaluated-at", p.evaluatedAt().toString());
    return o;
  }

  /** A lane status as JSON. */
  static ObjectNode status(LaneStatus s) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("agent", s.key().agent()).put("workflow", s.key().workflow()).put("lane", s.lane().name());
    if (s.since() != null) {
      o.put("since", s.since().toString());
    }
    o.put("halted", s.halted());
    if (s.halted()) {
      o.put("halt-reason", s.haltReason());
      if (s.haltedAt() != null) {
        o.put("halted-at", s.haltedAt().toString());
      }
    }
    return o;
  }

  /** A pair's ledger metrics as JSON: reviews with the clean rate and its bounds, rework, incidents, moves. */
  static ObjectNode metrics(PairMetrics m) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("lane", m.lane().name());
    if (m.since() != null) {
      o.put("since", m.since().toString());
    }
    o.put("time-in-lane", m.timeInLane().toString()).put("halted", m.halted()).put("reviews", m.reviews())
        .put("clean", m.clean()).put("changes-requested", m.changesRequested()).put("rejected", m.rejected())
        .put("clean-rate", m.cleanRate()).put("clean-rate-lower-bound", m.cleanRateLowerBound())
        .put("clean-rate-upper-bound", m.cleanRateUpperBound()).put("rework", m.rework())
        .put("reverts", m.reverts()).put("rework-rate", m.reworkRate())
        .put("rework-rate-upper-bound", m.reworkRateUpperBound()).put("confidence", m.confidence());
    ObjectNode incidents = o.putObject("incidents");
    m.incidents().forEach((severity, n) -> incidents.put(severity.code(), n));
    ObjectNode hits = o.putObject("stop-condition-hits");
    m.stopConditionHits().forEach(hits::put);
    o.put("release-cycles", m.releaseCycles()).put("promotions", m.promotions()).put("demotions", m.demotions());
    if (m.lastSevereIncidentAt() != null) {
      o.put("last-severe-incident-at", m.lastSevereIncidentAt().toString());
    }
    return o;
  }

  /** One line of review numbers: reviews, clean rate with its bounds, rework with its upper bound. */
  static String reviews(PairMetrics m) {
    if (m.reviews() == 0) {
      return "no reviews in this lane yet";
    }
    return String.format(Locale.ROOT, "%d reviews, %d clean: rate %.2f, %.0f%% Wilson bounds %.2f..%.2f; "
        + "rework %d, reverts %d: upper bound %.2f", m.reviews(), m.clean(), m.cleanRate(), m.confidence() * 100,
        m.cleanRateLowerBound(), m.cleanRateUpperBound(), m.rework(), m.reverts(), m.reworkRateUpperBound());
  }

  /** An instant to the second, for people. */
  static String time(@Nullable Instant t) {
    return t == null ? "-" : t.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** A duration as whole days, or hours, or minutes. */
  static String duration(Duration d) {
    if (d.toDays() >= 1) {
      return d.toDays() + (d.toDays() == 1 ? " day" : " days");
    }
    if (d.toHours() >= 1) {
      return d.toHours() + (d.toHours() == 1 ? " hour" : " hours");
    }
    return d.toMinutes() + (d.toMinutes() == 1 ? " minute" : " minutes");
  }

  /** A grant in one line: id, tool, pair, reach, approver and reason. */
  static String grant(Grant g) {
    return g.id() + ": " + g.tool() + " for " + g.key() + ", " + reach(g) + ", approved by " + g.approver()
        + " (" + g.reason() + ")";
  }

  /** How far a grant still reaches, in words. */
  static String reach(Grant g) {
    GrantScope s = g.scope();
    if (s instanceof GrantScope.ExactAction) {
      return "this exact action once (digest " + g.actionDigest().substring(0, Math.min(12, g.actionDigest().length()))
          + "...)";
    }
    if (s instanceof GrantScope.Calls c) {
      return g.remainingUses() + " of " + c.calls() + " calls left";
    }
    if (s instanceof GrantScope.Window w) {
      return "any call for " + duration(w.duration()) + ", until " + time(g.expiresAt());
    }
    return "any call in run " + ((GrantScope.Task) s).runId();
  }

  /** A grant as JSON, as the grants file keeps it. */
  static ObjectNode grantTree(Grant g) {
    return GrantFile.toTree(g);
  }

  /** Prints a JSON document. */
  static void json(PrintWriter out, Object tree) {
    try {
      out.println(MAPPER.writeValueAsString(tree));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  /** {@code 1 promotion}, {@code 2 promotions}. */
  static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  /** A map of counts as {@code a 1, b 2}. */
  static String counts(Map<?, Long> counts) {
    StringBuilder sb = new StringBuilder();
    counts.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ")
        .append(k instanceof Severity s ? s.code() : k).append(' ').append(v));
    return sb.toString();
  }
}
