package dev.agentlane.cli;

import dev.agentlane.AuditRecord;
import dev.agentlane.Verdict;
import dev.agentlane.cli.ReportData.PairRow;
import dev.agentlane.core.audit.AuditVerification;
import dev.agentlane.promotion.PairMetrics;
import dev.agentlane.promotion.PromotionCriteria;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The report as one self-contained HTML page: inline CSS, inline SVG charts ({@link ReportCharts}), no
 * script, nothing fetched (a Content-Security-Policy of {@code default-src 'none'} says so to the
 * browser too). Every piece of text that comes from the audit log or the ledger (agent and workflow names,
 * details, approvers) is untrusted and escaped by {@link #esc}. Stateless and thread-safe.
 */
final class ReportPage {
  private ReportPage() {}

  private static final String CSS = """
      :root { color-scheme: light; }
      body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: #1c2730;
             margin: 0; background: #eef2f5; }
      main { max-width: 1180px; margin: 0 auto; padding: 20px 24px 40px; }
      h1 { font-size: 24px; margin: 0 0 4px; }
      h2 { font-size: 18px; margin: 0 0 6px; }
      p.meta, p.note { color: #51606b; margin: 4px 0 10px; }
      section { background: #fff; border-radius: 8px; padding: 16px 20px; margin: 16px 0;
                box-shadow: 0 1px 2px rgba(0,0,0,.08); }
      .banner { border-left: 6px solid; font-weight: 500; }
      .banner.ok { border-color: #2e7d32; background: #f1f8f1; }
      .banner.bad { border-color: #b71c1c; background: #fdf0f0; }
      .banner.none { border-color: #90a4ae; }
      .cards { display: flex; flex-wrap: wrap; gap: 8px; }
      .card { flex: 1 1 70px; background: #f7f9fb; border-radius: 6px; padding: 8px 12px; }
      .card b { display: block; font-size: 22px; font-variant-numeric: tabular-nums; }
      .card span { color: #51606b; font-size: 12px; }
      svg.chart { width: 100%; height: auto; display: block; font-size: 12px; }
      svg.chart text { fill: #33414c; }
      svg.chart text.tick, svg.chart text.lane-label { fill: #6b7a85; font-size: 11px; }
      svg.chart text.pair-agent { font-weight: 600; }
      svg.chart text.pair-workflow { fill: #6b7a85; }
      svg.chart text.value { font-variant-numeric: tabular-nums; }
      table { border-collapse: collapse; width: 100%; font-size: 13px; }
      th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #e3e8ec; vertical-align: top; }
      th { background: #f5f7f9; font-weight: 600; }
      td.num { text-align: right; font-variant-numeric: tabular-nums; }
      td.detail { word-break: break-word; max-width: 420px; }
      td.pair, td.time { white-space: nowrap; }
      .badge { display: inline-block; padding: 0 6px; border-radius: 4px; font-size: 12px; color: #fff; }
      .k-promotion { background: #2e7d32; } .k-demotion { background: #ef6c00; } .k-halt { background: #b71c1c; }
      .k-reset { background: #1565c0; } .k-grant, .k-revocation { background: #6d4c41; }
      .k-policy-reload, .k-policy-rejected { background: #546e7a; }
      .lane { display: inline-block; padding: 0 6px; border-radius: 4px; font-size: 12px; color: #102027; }
      code { font: 12px ui-monospace, "DejaVu Sans Mono", monospace; }
      footer { color: #6b7a85; font-size: 12px; text-align: center; }
      """;

  /** The page for {@code d}. */
  static String render(ReportData d) {
    StringBuilder h = new StringBuilder(64 * 1024);
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>agentlane report: ").append(esc(d.source)).append("</title>\n<style>\n").append(CSS)
        .append("</style>\n</head>\n<body>\n<main>\n");
    h.append("<header><h1>agentlane report</h1><p class=\"meta\">").append(esc(d.source));
    if (d.first != null && d.last != null) {
      h.append(" · ").append(time(d.first)).append(" to ").append(time(d.last));
    }
    h.append(" · lanes and promotion criteria from policy <code>").append(esc(d.policy.name()))
        .append("</code> version <code>").append(esc(d.policy.version())).append("</code> · generated ")
        .append(time(d.generated)).append("</p></header>\n");
    verification(h, d);
    summary(h, d);
    lanes(h, d);
    cleanRate(h, d);
    decisions(h, d);
    blocks(h, d);
    stopConditions(h, d);
    events(h, d);
    pairs(h, d);
    h.append("<footer>agentlane report · one file, no scripts, nothing loaded from the network</footer>\n")
        .append("</main>\n</body>\n</html>\n");
    return h.toString();
  }

  private static void verification(StringBuilder h, ReportData d) {
    AuditVerification v = d.verification;
    if (d.auditFile == null) {
      h.append("<section id=\"verification\" class=\"banner none\">No audit log (<code>").append(StateDir.AUDIT)
          .append("</code>) in this state directory: the charts drawn from the log are empty; the ledger's"
              + " metrics follow.</section>\n");
      return;
    }
    if (v != null && v.ok() && d.readProblem == null) {
      h.append("<section id=\"verification\" class=\"banner ok\" data-verified=\"true\">The audit log verifies: ")
          .append(v.records()).append(v.records() == 1 ? " record" : " records")
          .append(", each hash-chained to the one before");
      if (v.head().seq() > 0) {
        h.append(", up to seq ").append(v.head().seq()).append(" (head <code>").append(v.head().hash(), 0, 16)
            .append("…</code>)");
      }
      h.append(". Records removed from the end can only be detected against a head kept elsewhere.</section>\n");
      return;
    }
    h.append("<section id=\"verification\" class=\"banner bad\" data-verified=\"false\"><b>The audit log does not"
        + " verify.</b> ");
    if (v != null && v.problem() != null) {
      h.append(esc(v.problem().toString())).append(". The first ").append(v.records())
          .append(" records verify; what follows is read from the file as it stands and may have been altered.");
    }
    if (d.readProblem != null) {
      h.append(" Reading stopped: ").append(esc(d.readProblem)).append('.');
    }
    h.append("</section>\n");
  }

  private static void summary(StringBuilder h, ReportData d) {
    h.append("<section id=\"summary\"><div class=\"cards\">");
    card(h, d.records, "audit records");
    card(h, d.decisions(), "decisions");
    for (Verdict v : Verdict.values()) {
      card(h, d.verdicts.getOrDefault(v, 0L), v.code());
    }
    card(h, d.timelines.size(), "pairs in the log");
    card(h, d.count(AuditRecord.Kind.PROMOTION), "promotions");
    card(h, d.count(AuditRecord.Kind.DEMOTION), "demotions");
    card(h, d.count(AuditRecord.Kind.HALT), "halts");
    h.append("</div></section>\n");
  }

  private static void card(StringBuilder h, long value, String label) {
    h.append("<div class=\"card\"><b>").append(value).append("</b><span>").append(esc(label)).append("</span></div>");
  }

  private static void lanes(StringBuilder h, ReportData d) {
    h.append("<section id=\"lanes\"><h2>Lane over time</h2>");
    String chart = ReportCharts.lanes(d);
    if (chart.isEmpty()) {
      h.append("<p class=\"note\">The audit log names no pair with a lane.</p></section>\n");
      return;
    }
    h.append("<p class=\"note\">Each pair's lane, from its decisions and from the promotion and demotion records;"
        + " red bands are halts, until a named human reset them. Hover a mark for who and why.</p>")
        .append(chart);
    long notDrawn = d.timelines.size() - Math.min(d.timelines.size(), ReportCharts.MAX_LANE_ROWS);
    if (notDrawn > 0) {
      h.append("<p class=\"note\">").append(notDrawn).append(" more pairs are not drawn.</p>");
    }
    h.append("</section>\n");
  }

  private static void cleanRate(StringBuilder h, ReportData d) {
    h.append("<section id=\"clean-rate\"><h2>Clean-review rate with its confidence band</h2>");
    if (d.pairs == null) {
      h.append("<p class=\"note\">No promotion ledger was read (give the state directory rather than its audit log):"
          + " review outcomes live in the ledger, not in the audit log.</p></section>\n");
      return;
    }
    if (d.pairs.isEmpty()) {
      h.append("<p class=\"note\">The ledger holds no pairs yet.</p></section>\n");
      return;
    }
    h.append("<p class=\"note\">The audit log records no review outcomes, so this is each pair's rate as the ledger"
        + " holds it now, in its current lane (evidence starts afresh in each lane), not a rate over time: the dot"
        + " is clean reviews over all reviews, the band its Wilson interval at the ledger's confidence, and the"
        + " dashed mark the lower bound the next promotion needs.</p>")
        .append(ReportCharts.cleanRate(d.pairs)).append("</section>\n");
  }

  private static void decisions(StringBuilder h, ReportData d) {
    if (d.decisions() == 0) {
      return;
    }
    h.append("<section id=\"decisions\"><h2>Decisions over time</h2>").append(ReportCharts.decisions(d))
        .append("</section>\n");
  }

  private static void blocks(StringBuilder h, ReportData d) {
    h.append("<section id=\"blocks\"><h2>Blocks by reason</h2>");
    if (d.blocks.isEmpty()) {
      h.append("<p class=\"note\">No decision in the log refused anything.</p></section>\n");
      return;
    }
    h.append("<p class=\"note\">Decisions that did not allow (escalate, deny, halt), by reason code; a decision with"
        + " several reasons counts once for each.</p>")
        .append(ReportCharts.bars("blocks", "Refused decisions by reason code", d.blocks));
    more(h, d.blocks.size());
    h.append("</section>\n");
  }

  private static void stopConditions(StringBuilder h, ReportData d) {
    h.append("<section id=\"stop-conditions\"><h2>Stop-condition hits</h2>");
    if (d.stopHits.isEmpty()) {
      h.append("<p class=\"note\">No stop condition fired in the log.</p></section>\n");
      return;
    }
    h.append("<p class=\"note\">By reason code and rule id, coloured by the verdict of the decision.</p>")
        .append(ReportCharts.bars("stop-conditions", "Stop-condition hits by code and rule", d.stopHits));
    more(h, d.stopHits.size());
    h.append("</section>\n");
  }

  private static void more(StringBuilder h, int rows) {
    if (rows > ReportCharts.MAX_BARS) {
      h.append("<p class=\"note\">").append(rows - ReportCharts.MAX_BARS).append(" smaller rows are not drawn.</p>");
    }
  }

  private static void events(StringBuilder h, ReportData d) {
    h.append("<section id=\"events\"><h2>Promotions, demotions, halts and other events</h2>");
    if (d.events.isEmpty()) {
      h.append("<p class=\"note\">The log records no promotion, demotion, halt, reset, grant or policy change.</p>"
          + "</section>\n");
      return;
    }
    if (d.eventsOmitted > 0) {
      h.append("<p class=\"note\">The latest ").append(d.events.size()).append(" of ")
          .append(d.events.size() + d.eventsOmitted).append(" events.</p>");
    }
    h.append("<table><thead><tr><th>seq</th><th>time (UTC)</th><th>event</th><th>pair</th><th>lane</th>"
        + "<th>by</th><th>detail</th></tr></thead><tbody>\n");
    for (AuditRecord r : d.events) {
      h.append("<tr class=\"event\" data-kind=\"").append(r.kind().code()).append("\"><td class=\"num\">")
          .append(r.seq()).append("</td><td class=\"time\">").append(time(r.time())).append("</td><td><span class=\"badge k-")
          .append(r.kind().code()).append("\">").append(r.kind().code()).append("</span></td><td>")
          .append(r.agent() == null ? "" : esc(clip(r.agent() + (r.workflow() == null ? "" : "/" + r.workflow()), 60)))
          .append("</td><td>")
          .append(r.lane() == null ? "" : lane(d, r.lane())).append("</td><td>")
          .append(r.approver() == null ? "" : esc(clip(r.approver(), 60))).append("</td><td class=\"detail\">")
          .append(esc(clip(r.detail(), 500))).append("</td></tr>\n");
    }
    h.append("</tbody></table></section>\n");
  }

  private static void pairs(StringBuilder h, ReportData d) {
    if (d.pairs == null || d.pairs.isEmpty()) {
      return;
    }
    h.append("<section id=\"pairs\"><h2>Pairs in the ledger</h2><p class=\"note\">As of ").append(time(d.generated))
        .append("; counts are since the pair entered its current lane, promotions and demotions are lifetime"
            + " totals.</p>");
    h.append("<table><thead><tr><th>pair</th><th>lane</th><th>since</th><th>reviews</th><th>clean rate"
        + " [interval]</th><th>next lane needs</th><th>rework + reverts</th><th>cycles</th>"
        + "<th>incidents</th><th>stop-condition hits</th><th>promotions</th><th>demotions</th></tr></thead><tbody>\n");
    for (PairRow row : d.pairs) {
      PairMetrics m = row.metrics();
      h.append("<tr class=\"pair\" data-pair=\"").append(esc(m.key().toString())).append("\"><td class=\"pair\" title=\"")
          .append(esc(m.key().toString())).append("\">").append(esc(clip(m.key().toString(), 60))).append(m.halted() ? " <span class=\"badge k-halt\">halted</span>" : "")
          .append("</td><td>").append(lane(d, m.lane().name())).append("</td><td class=\"time\">")
          .append(m.since() == null ? "" : m.since().toString().substring(0, 10)).append("</td><td class=\"num\">")
          .append(m.reviews()).append("</td><td class=\"time\">");
      if (m.reviews() > 0) {
        h.append(percent(m.cleanRate())).append(" [").append(percent(m.cleanRateLowerBound())).append(", ")
            .append(percent(m.cleanRateUpperBound())).append("]");
      }
      h.append("</td><td>");
      PromotionCriteria c = row.criteria();
      if (c != null && row.next() != null) {
        h.append(esc(row.next().name())).append(": ≥ ").append(c.minObservations()).append(" reviews, lower bound ≥ ")
            .append(percent(c.minCleanRateLowerBound())).append(", ≥ ").append(c.minReleaseCycles()).append(" cycles");
      } else {
        h.append("(top lane)");
      }
      h.append("</td><td>").append(m.rework() + m.reverts());
      if (m.reviews() > 0) {
        h.append(" (≤ ").append(percent(m.reworkRateUpperBound())).append(')');
      }
      h.append("</td><td class=\"num\">").append(m.releaseCycles()).append("</td><td>")
          .append(esc(counts(m.incidents().entrySet().stream()
              .collect(Collectors.toMap(e -> e.getKey().code(), Map.Entry::getValue)))))
          .append("</td><td>").append(esc(counts(m.stopConditionHits()))).append("</td><td class=\"num\">")
          .append(m.promotions()).append("</td><td class=\"num\">").append(m.demotions()).append("</td></tr>\n");
    }
    h.append("</tbody></table></section>\n");
  }

  private static String counts(Map<String, Long> counts) {
    return new java.util.TreeMap<>(counts).entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(", "));
  }

  private static String lane(ReportData d, String lane) {
    int i = d.lanes.indexOf(lane);
    return "<span class=\"lane\" style=\"background:" + ReportCharts.laneColour(i) + ";color:"
        + ReportCharts.laneTextColour(i) + "\">" + esc(lane) + "</span>";
  }

  // ---- text ------------------------------------------------------------------------------------

  /**
   * {@code text} safe in HTML and SVG text and in double- or single-quoted attributes: {@code & < > " '}
   * become character references, and control characters (other than tab and line feed) become U+FFFD.
   */
  static String esc(@Nullable String text) {
    if (text == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> {
          if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
            b.append('\uFFFD');
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }

  /** At most {@code max} code points of {@code text}, with an ellipsis when cut. */
  static String clip(String text, int max) {
    if (text.codePointCount(0, text.length()) <= max) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, max - 1)) + "…";
  }

  static String time(Instant t) {
    return t.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  static String percent(double rate) {
    return String.format(Locale.ROOT, "%.0f%%", rate * 100);
  }
}
