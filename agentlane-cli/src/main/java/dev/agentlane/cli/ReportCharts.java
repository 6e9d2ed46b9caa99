package dev.agentlane.cli;

import static dev.agentlane.cli.ReportPage.clip;
import static dev.agentlane.cli.ReportPage.esc;
import static dev.agentlane.cli.ReportPage.percent;

import dev.agentlane.Verdict;
import dev.agentlane.cli.ReportData.Counted;
import dev.agentlane.cli.ReportData.Halt;
import dev.agentlane.cli.ReportData.LaneChange;
import dev.agentlane.cli.ReportData.Mark;
import dev.agentlane.cli.ReportData.PairRow;
import dev.agentlane.cli.ReportData.Timeline;
import dev.agentlane.promotion.PairMetrics;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The report's charts as inline SVG, drawn here in Java: no script, no library, nothing fetched. Every
 * chart is an {@code <svg class="chart" data-chart="…">}; every drawn series carries
 * {@code class="series …"} and, where it belongs to a pair, {@code data-pair}; every mark has a
 * {@code <title>}, which browsers show as a tooltip. All text from the log goes through
 * {@link ReportPage#esc}. Stateless and thread-safe.
 */
final class ReportCharts {
  private ReportCharts() {}

  /** Width of every chart, in SVG units (the page scales it to the column). */
  static final int WIDTH = 1120;
  /** The lane chart draws at most this many pairs. */
  static final int MAX_LANE_ROWS = 40;
  /** A bar chart draws at most this many bars. */
  static final int MAX_BARS = 30;

  private static final String[] LANE_COLOURS = {"#b0bec5", "#81d4fa", "#4fc3f7", "#0288d1", "#01579b", "#7e57c2",
      "#26a69a", "#8d6e63"};

  static String verdictColour(Verdict v) {
    return switch (v) {
      case ALLOW -> "#43a047";
      case ESCALATE -> "#f9a825";
      case DENY -> "#e65100";
      case HALT -> "#b71c1c";
    };
  }

  static String laneColour(int index) {
    return LANE_COLOURS[Math.floorMod(index, LANE_COLOURS.length)];
  }

  /** Text colour readable on {@link #laneColour}. */
  static String laneTextColour(int index) {
    int i = Math.floorMod(index, LANE_COLOURS.length);
    return i >= 3 ? "#fff" : "#102027";
  }

  // ---- lanes over time -------------------------------------------------------------------------

  /** Each pair's lane over time: a step line over lane bands, with its moves, halts and resets marked. */
  static String lanes(ReportData d) {
    List<Timeline> rows = d.timelines.stream().filter(t -> !t.changes().isEmpty() || !t.marks().isEmpty())
        .limit(MAX_LANE_ROWS).toList();
    if (rows.isEmpty() || d.first == null || d.last == null) {
      return "";
    }
    TimeScale ts = TimeScale.of(d.first, d.last, 280, WIDTH - 24);
    List<String> lanes = d.lanes;
    int laneStep = 14;
    int rowH = Math.max(lanes.size(), 2) * laneStep + 22;
    int top = 34;
    int height = top + rows.size() * rowH + 34;
    StringBuilder s = svgStart("lanes", height, "Each pair's lane over time, from the audit log");
    legend(s, 280, 16, List.of(
        new LegendItem("<path d=\"M0 5 L5 -4 L10 5 Z\" fill=\"#2e7d32\"/>", "promotion"),
        new LegendItem("<path d=\"M0 -4 L10 -4 L5 5 Z\" fill=\"#ef6c00\"/>", "demotion"),
        new LegendItem("<path d=\"M1 -4 L9 4 M9 -4 L1 4\" stroke=\"#b71c1c\" stroke-width=\"2.5\"/>", "halt"),
        new LegendItem("<circle cx=\"5\" cy=\"0\" r=\"4\" fill=\"none\" stroke=\"#1565c0\" stroke-width=\"2\"/>",
            "reset"),
        new LegendItem("<rect x=\"0\" y=\"-5\" width=\"10\" height=\"10\" fill=\"#e53935\" fill-opacity=\"0.18\"/>",
            "halted")));
    int bottom = top + rows.size() * rowH;
    ts.grid(s, top, bottom);
    for (int i = 0; i < rows.size(); i++) {
      Timeline t = rows.get(i);
      int y0 = top + i * rowH;
      laneRow(s, t, lanes, ts, y0, rowH, laneStep, i % 2 == 1);
    }
    ts.axis(s, bottom);
    return s.append("</svg>\n").toString();
  }

  private static void laneRow(StringBuilder s, Timeline t, List<String> lanes, TimeScale ts, int y0, int rowH,
      int laneStep, boolean shaded) {
    String pair = t.pair().label();
    s.append("<g class=\"lane-row\" data-pair=\"").append(esc(pair)).append("\">");
    if (shaded) {
      rect(s, 0, y0, WIDTH, rowH, "fill=\"#f5f7f9\"");
    }
    int bandTop = y0 + 12;
    // The pair: agent above workflow, clipped to the label column, full text in the tooltip.
    s.append("<text x=\"8\" y=\"").append(bandTop + 14).append("\" class=\"pair-agent\"><title>").append(esc(pair))
        .append("</title>").append(esc(clip(t.pair().agent(), 24))).append("</text>");
    s.append("<text x=\"8\" y=\"").append(bandTop + 29).append("\" class=\"pair-workflow\">")
        .append(esc(clip(t.pair().workflow(), 28))).append("</text>");
    for (int li = 0; li < lanes.size(); li++) {
      double y = laneY(li, lanes.size(), bandTop, laneStep);
      s.append("<text x=\"270\" y=\"").append(n(y + 4)).append("\" class=\"lane-label\" text-anchor=\"end\">")
          .append(esc(clip(lanes.get(li), 12))).append("</text>");
      s.append("<line x1=\"").append(n(ts.x0)).append("\" x2=\"").append(n(ts.x1)).append("\" y1=\"").append(n(y))
          .append("\" y2=\"").append(n(y)).append("\" stroke=\"#dde3e8\" stroke-width=\"1\"/>");
    }
    for (Halt h : t.halts()) {
      double x0 = ts.x(h.from());
      double x1 = h.to() == null ? ts.x1 : ts.x(h.to());
      s.append("<rect class=\"halt-band\" x=\"").append(n(x0)).append("\" y=\"").append(bandTop - 4)
          .append("\" width=\"").append(n(Math.max(2, x1 - x0))).append("\" height=\"")
          .append(lanes.size() * laneStep + 8).append("\" fill=\"#e53935\" fill-opacity=\"0.18\"><title>")
          .append(esc(pair)).append(" halted ").append(ReportPage.time(h.from()))
          .append(h.to() == null ? ", not reset in this log" : " until " + ReportPage.time(h.to()))
          .append("</title></rect>");
    }
    List<LaneChange> changes = t.changes();
    if (!changes.isEmpty()) {
      StringBuilder path = new StringBuilder();
      for (int i = 0; i < changes.size(); i++) {
        LaneChange c = changes.get(i);
        int li = lanes.indexOf(c.lane());
        double y = laneY(li, lanes.size(), bandTop, laneStep);
        double x = ts.x(c.time());
        double xEnd = i + 1 < changes.size() ? ts.x(changes.get(i + 1).time()) : ts.x1;
        rect(s, x, y - laneStep / 2.0 + 1, Math.max(1, xEnd - x), laneStep - 2, "class=\"lane-segment\" fill=\""
            + laneColour(li) + "\" fill-opacity=\"0.55\"");
        path.append(i == 0 ? "M" : " V").append(i == 0 ? n(x) + " " + n(y) : n(y)).append(" H").append(n(xEnd));
      }
      s.append("<path class=\"series lane-step\" data-pair=\"").append(esc(pair)).append("\" d=\"").append(path)
          .append("\" fill=\"none\" stroke=\"#263238\" stroke-width=\"2\"/>");
    }
    for (Mark m : t.marks()) {
      double x = ts.x(m.time());
      String lane = m.lane() != null ? m.lane() : laneAt(changes, m.time());
      int li = lane == null ? -1 : lanes.indexOf(lane);
      double y = li < 0 ? bandTop - 2 : laneY(li, lanes.size(), bandTop, laneStep);
      String title = esc(pair) + " " + m.kind().code() + " " + ReportPage.time(m.time())
          + (m.by() == null ? "" : " by " + esc(m.by())) + ": " + esc(clip(m.detail(), 300));
      s.append("<g class=\"mark ").append(m.kind().code()).append("\" transform=\"translate(").append(n(x))
          .append(' ').append(n(y)).append(")\"><title>").append(title).append("</title>");
      s.append(switch (m.kind()) {
        case PROMOTION -> "<path d=\"M-5 5 L0 -5 L5 5 Z\" fill=\"#2e7d32\" stroke=\"#fff\" stroke-width=\"1\"/>";
        case DEMOTION -> "<path d=\"M-5 -5 L5 -5 L0 5 Z\" fill=\"#ef6c00\" stroke=\"#fff\" stroke-width=\"1\"/>";
        case HALT -> "<path d=\"M-4 -4 L4 4 M4 -4 L-4 4\" stroke=\"#b71c1c\" stroke-width=\"2.5\"/>";
        default -> "<circle r=\"4\" fill=\"#fff\" stroke=\"#1565c0\" stroke-width=\"2\"/>";
      });
      s.append("</g>");
    }
    s.append("</g>\n");
  }

  /** The lane a pair stood in at {@code t} (a halt or reset record names none), or null before its first. */
  private static @Nullable String laneAt(List<LaneChange> changes, Instant t) {
    String lane = null;
    for (LaneChange c : changes) {
      if (c.time().isAfter(t)) {
        break;
      }
      lane = c.lane();
    }
    return lane == null && !changes.isEmpty() ? changes.get(0).lane() : lane;
  }

  private static double laneY(int index, int lanes, int bandTop, int laneStep) {
    return bandTop + (lanes - 1 - Math.max(index, 0)) * laneStep + laneStep / 2.0;
  }

  // ---- clean-review rate -----------------------------------------------------------------------

  /**
   * Each pair's clean-review rate in its current lane with its Wilson interval, and the lower bound its
   * next promotion needs.
   */
  static String cleanRate(List<PairRow> rows) {
    if (rows.isEmpty()) {
      return "";
    }
    int x0 = 250;
    int x1 = 820;
    int top = 40;
    int rowH = 30;
    int height = top + rows.size() * rowH + 34;
    StringBuilder s = svgStart("clean-rate", height, "Clean-review rate per pair with its confidence interval");
    legend(s, x0, 16, List.of(
        new LegendItem("<circle cx=\"5\" cy=\"0\" r=\"5\" fill=\"#1565c0\"/>", "clean rate"),
        new LegendItem("<rect x=\"0\" y=\"-5\" width=\"22\" height=\"10\" fill=\"#90caf9\"/>", "confidence interval", 22),
        new LegendItem("<path d=\"M5 -7 V7\" stroke=\"#c62828\" stroke-width=\"2\" stroke-dasharray=\"3 2\"/>",
            "lower bound the next lane needs")));
    int bottom = top + rows.size() * rowH;
    for (int p = 0; p <= 100; p += 25) {
      double x = x0 + (x1 - x0) * p / 100.0;
      s.append("<line x1=\"").append(n(x)).append("\" x2=\"").append(n(x)).append("\" y1=\"").append(top)
          .append("\" y2=\"").append(bottom).append("\" stroke=\"#e0e6eb\"/>");
      s.append("<text x=\"").append(n(x)).append("\" y=\"").append(bottom + 16)
          .append("\" text-anchor=\"middle\" class=\"tick\">").append(p).append("%</text>");
    }
    for (int i = 0; i < rows.size(); i++) {
      PairRow row = rows.get(i);
      PairMetrics m = row.metrics();
      String pair = m.key().toString();
      double y = top + i * rowH + rowH / 2.0;
      s.append("<g class=\"series clean-rate\" data-pair=\"").append(esc(pair)).append("\">");
      if (i % 2 == 1) {
        rect(s, 0, top + i * rowH, WIDTH, rowH, "fill=\"#f5f7f9\"");
      }
      s.append("<text x=\"8\" y=\"").append(n(y + 4)).append("\" class=\"pair-agent\"><title>").append(esc(pair))
          .append("</title>").append(esc(clip(pair, 30))).append("</text>");
      rect(s, x0, y - 1, x1 - x0, 2, "fill=\"#cfd8dc\"");
      String text;
      if (m.reviews() == 0) {
        text = "no reviews in " + m.lane().name() + " yet";
      } else {
        double lo = x0 + (x1 - x0) * m.cleanRateLowerBound();
        double hi = x0 + (x1 - x0) * m.cleanRateUpperBound();
        s.append("<rect class=\"band\" x=\"").append(n(lo)).append("\" y=\"").append(n(y - 6)).append("\" width=\"")
            .append(n(Math.max(1, hi - lo))).append("\" height=\"12\" fill=\"#90caf9\"><title>")
            .append(esc(pair)).append(": ").append(percent(m.confidence())).append(" interval ")
            .append(percent(m.cleanRateLowerBound())).append(" to ").append(percent(m.cleanRateUpperBound()))
            .append("</title></rect>");
        s.append("<circle class=\"rate\" cx=\"").append(n(x0 + (x1 - x0) * m.cleanRate())).append("\" cy=\"")
            .append(n(y)).append("\" r=\"5\" fill=\"#1565c0\"><title>").append(esc(pair)).append(": ")
            .append(m.clean()).append(" of ").append(m.reviews()).append(" reviews clean (")
            .append(percent(m.cleanRate())).append(")</title></circle>");
        text = m.clean() + "/" + m.reviews() + " clean · " + percent(m.cleanRate()) + " ["
            + percent(m.cleanRateLowerBound()) + ", " + percent(m.cleanRateUpperBound()) + "]";
      }
      if (row.criteria() != null && row.next() != null) {
        double need = x0 + (x1 - x0) * row.criteria().minCleanRateLowerBound();
        s.append("<path class=\"threshold\" d=\"M").append(n(need)).append(' ').append(n(y - 10)).append(" V")
            .append(n(y + 10)).append("\" stroke=\"#c62828\" stroke-width=\"2\" stroke-dasharray=\"3 2\"><title>")
            .append("promotion to ").append(esc(row.next().name())).append(" needs the lower bound at least ")
            .append(percent(row.criteria().minCleanRateLowerBound())).append(" over at least ")
            .append(row.criteria().minObservations()).append(" reviews</title></path>");
      }
      s.append("<text x=\"").append(x1 + 16).append("\" y=\"").append(n(y + 4)).append("\" class=\"value\">")
          .append(esc(text)).append(" · ").append(esc(m.lane().name())).append("</text>");
      s.append("</g>\n");
    }
    return s.append("</svg>\n").toString();
  }

  // ---- decisions over time ---------------------------------------------------------------------

  private static final long[] BUCKETS = {60_000L, 300_000L, 900_000L, 3_600_000L, 10_800_000L, 21_600_000L,
      43_200_000L, 86_400_000L, 2 * 86_400_000L, 3 * 86_400_000L, 7 * 86_400_000L, 14 * 86_400_000L,
      30 * 86_400_000L, 91 * 86_400_000L, 365 * 86_400_000L};

  /** Decisions per time bucket, stacked by verdict. */
  static String decisions(ReportData d) {
    if (d.decisionTimes.length == 0 || d.first == null || d.last == null) {
      return "";
    }
    long start = d.decisionTimes[0];
    long end = start;
    for (long t : d.decisionTimes) {
      start = Math.min(start, t);
      end = Math.max(end, t);
    }
    long bucket = BUCKETS[BUCKETS.length - 1];
    for (long b : BUCKETS) {
      if ((end - start) / b <= 60) {
        bucket = b;
        break;
      }
    }
    long first = Math.floorDiv(start, bucket) * bucket;
    int n = (int) (Math.floorDiv(end, bucket) - Math.floorDiv(start, bucket) + 1);
    long[][] counts = new long[n][Verdict.values().length];
    for (int i = 0; i < d.decisionTimes.length; i++) {
      counts[(int) ((d.decisionTimes[i] - first) / bucket)][d.decisionVerdicts[i].ordinal()]++;
    }
    long max = 1;
    for (long[] c : counts) {
      long sum = 0;
      for (long v : c) {
        sum += v;
      }
      max = Math.max(max, sum);
    }
    long step = niceStep(max, 4);
    long yMax = (max + step - 1) / step * step;
    int top = 34;
    int plotH = 180;
    int x0 = 80;
    int x1 = WIDTH - 24;
    StringBuilder s = svgStart("decisions", top + plotH + 36, "Decisions per " + bucketName(bucket)
        + " by verdict");
    legend(s, x0, 16, verdictLegend());
    for (long v = 0; v <= yMax; v += step) {
      double y = top + plotH - plotH * (double) v / yMax;
      s.append("<line x1=\"").append(x0).append("\" x2=\"").append(x1).append("\" y1=\"").append(n(y))
          .append("\" y2=\"").append(n(y)).append("\" stroke=\"#e0e6eb\"/>");
      s.append("<text x=\"").append(x0 - 8).append("\" y=\"").append(n(y + 4))
          .append("\" text-anchor=\"end\" class=\"tick\">").append(v).append("</text>");
    }
    double bw = (x1 - x0) / (double) n;
    for (Verdict v : Verdict.values()) {
      s.append("<g class=\"series verdict-").append(v.code()).append("\" fill=\"").append(verdictColour(v))
          .append("\">");
      for (int i = 0; i < n; i++) {
        long below = 0;
        for (Verdict u : Verdict.values()) {
          if (u.ordinal() < v.ordinal()) {
            below += counts[i][u.ordinal()];
          }
        }
        long c = counts[i][v.ordinal()];
        if (c == 0) {
          continue;
        }
        double h = plotH * (double) c / yMax;
        double y = top + plotH - plotH * (double) below / yMax - h;
        s.append("<rect x=\"").append(n(x0 + i * bw + 0.5)).append("\" y=\"").append(n(y)).append("\" width=\"")
            .append(n(Math.max(1, bw - 1))).append("\" height=\"").append(n(h)).append("\"><title>").append(c)
            .append(' ').append(v.code()).append(" from ").append(ReportPage.time(Instant.ofEpochMilli(first + i
                * bucket))).append("</title></rect>");
      }
      s.append("</g>\n");
    }
    TimeScale ts = new TimeScale(Instant.ofEpochMilli(first), Instant.ofEpochMilli(first + n * bucket), x0, x1);
    ts.axis(s, top + plotH);
    return s.append("</svg>\n").toString();
  }

  private static String bucketName(long bucket) {
    Duration d = Duration.ofMillis(bucket);
    if (d.toDays() >= 1) {
      return d.toDays() == 1 ? "day" : d.toDays() + " days";
    }
    if (d.toHours() >= 1) {
      return d.toHours() == 1 ? "hour" : d.toHours() + " hours";
    }
    return d.toMinutes() == 1 ? "minute" : d.toMinutes() + " minutes";
  }

  // ---- bars ------------------------------------------------------------------------------------

  /** Horizontal bars, one per label, stacked by the verdict of the decisions counted. */
  static String bars(String id, String description, List<Counted> rows) {
    if (rows.isEmpty()) {
      return "";
    }
    List<Counted> shown = rows.stream().limit(MAX_BARS).toList();
    long max = shown.stream().mapToLong(Counted::total).max().orElse(1);
    int x0 = 330;
    int x1 = WIDTH - 90;
    int top = 34;
    int rowH = 24;
    int height = top + shown.size() * rowH + 12;
    StringBuilder s = svgStart(id, height, description);
    legend(s, x0, 16, verdictLegend().subList(1, 4));
    for (int i = 0; i < shown.size(); i++) {
      Counted c = shown.get(i);
      double y = top + i * rowH;
      s.append("<g class=\"bar\" data-label=\"").append(esc(c.label())).append("\">");
      s.append("<text x=\"").append(x0 - 10).append("\" y=\"").append(n(y + 16))
          .append("\" text-anchor=\"end\" class=\"bar-label\"><title>").append(esc(c.label())).append("</title>")
          .append(esc(clip(c.label(), 48))).append("</text>");
      double x = x0;
      for (Verdict v : Verdict.values()) {
        long count = c.byVerdict().getOrDefault(v, 0L);
        if (count == 0) {
          continue;
        }
        double w = (x1 - x0) * (double) count / max;
        s.append("<rect class=\"series verdict-").append(v.code()).append("\" x=\"").append(n(x)).append("\" y=\"")
            .append(n(y + 4)).append("\" width=\"").append(n(Math.max(1, w))).append("\" height=\"16\" fill=\"")
            .append(verdictColour(v)).append("\"><title>").append(esc(c.label())).append(": ").append(count)
            .append(' ').append(v.code()).append("</title></rect>");
        x += w;
      }
      s.append("<text x=\"").append(n(x + 6)).append("\" y=\"").append(n(y + 16)).append("\" class=\"value\">")
          .append(c.total()).append("</text></g>\n");
    }
    return s.append("</svg>\n").toString();
  }

  // ---- parts -----------------------------------------------------------------------------------

  private record LegendItem(String symbol, String label, int width) {
    LegendItem(String symbol, String label) {
      this(symbol, label, 10);
    }
  }

  private static List<LegendItem> verdictLegend() {
    return java.util.Arrays.stream(Verdict.values()).map(v -> new LegendItem("<rect x=\"0\" y=\"-5\" width=\"10\""
        + " height=\"10\" fill=\"" + verdictColour(v) + "\"/>", v.code())).toList();
  }

  private static void legend(StringBuilder s, int x, int y, List<LegendItem> items) {
    s.append("<g class=\"legend\">");
    int cx = x;
    for (LegendItem item : items) {
      s.append("<g transform=\"translate(").append(cx).append(' ').append(y).append(")\">").append(item.symbol())
          .append("<text x=\"").append(item.width() + 6).append("\" y=\"4\">").append(esc(item.label()))
          .append("</text></g>");
      cx += item.width() + 30 + item.label().length() * 7;
    }
    s.append("</g>\n");
  }

  private static StringBuilder svgStart(String id, int height, String description) {
    return new StringBuilder(4096).append("<svg class=\"chart\" data-chart=\"").append(id)
        .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
        .append("\" width=\"").append(WIDTH).append("\" height=\"").append(height)
        .append("\" role=\"img\" aria-label=\"").append(esc(description)).append("\">\n");
  }

  private static void rect(StringBuilder s, double x, double y, double w, double h, String attrs) {
    s.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w))
        .append("\" height=\"").append(n(h)).append("\" ").append(attrs).append("/>");
  }

  /** A coordinate with one decimal, in the root locale. */
  static String n(double v) {
    long r = Math.round(v * 10);
    return r % 10 == 0 ? Long.toString(r / 10) : String.format(Locale.ROOT, "%.1f", r / 10.0);
  }

  /** A step of about {@code max / parts} that is 1, 2 or 5 times a power of ten. */
  static long niceStep(long max, int parts) {
    double raw = Math.max(1.0, max / (double) parts);
    double mag = Math.pow(10, Math.floor(Math.log10(raw)));
    double f = raw / mag;
    double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
    return Math.max(1, (long) (nice * mag));
  }

  /** Time on the x axis, with ticks at round UTC times. */
  static final class TimeScale {
    private static final long[] STEPS = {1_000L, 5_000L, 15_000L, 60_000L, 300_000L, 900_000L, 3_600_000L,
        10_800_000L, 21_600_000L, 43_200_000L, 86_400_000L, 2 * 86_400_000L, 7 * 86_400_000L, 14 * 86_400_000L,
        30 * 86_400_000L, 91 * 86_400_000L, 365 * 86_400_000L};
    final long t0;
    final long t1;
    final double x0;
    final double x1;

    TimeScale(Instant from, Instant to, double x0, double x1) {
      this.t0 = from.toEpochMilli();
      this.t1 = Math.max(to.toEpochMilli(), t0 + 1);
      this.x0 = x0;
      this.x1 = x1;
    }

    /** A scale over {@code [from, to]} with a little room at the end (a minute around a single instant). */
    static TimeScale of(Instant from, Instant to, double x0, double x1) {
      long span = Duration.between(from, to).toMillis();
      if (span <= 0) {
        return new TimeScale(from.minusSeconds(60), to.plusSeconds(60), x0, x1);
      }
      return new TimeScale(from, to.plusMillis(Math.max(1, span / 50)), x0, x1);
    }

    double x(Instant t) {
      return x0 + (x1 - x0) * (t.toEpochMilli() - t0) / (double) (t1 - t0);
    }

    private long step() {
      for (long s : STEPS) {
        if ((t1 - t0) / s <= 8) {
          return s;
        }
      }
      return STEPS[STEPS.length - 1];
    }

    void grid(StringBuilder s, int top, int bottom) {
      long step = step();
      for (long t = ceil(t0, step); t <= t1; t += step) {
        double x = x(Instant.ofEpochMilli(t));
        s.append("<line class=\"grid\" x1=\"").append(n(x)).append("\" x2=\"").append(n(x)).append("\" y1=\"")
            .append(top).append("\" y2=\"").append(bottom).append("\" stroke=\"#e0e6eb\"/>");
      }
      s.append('\n');
    }

    void axis(StringBuilder s, int y) {
      long step = step();
      DateTimeFormatter f = step >= 86_400_000L ? DateTimeFormatter.ofPattern("MMM d", Locale.ROOT)
          : step >= 60_000L ? DateTimeFormatter.ofPattern("MMM d HH:mm", Locale.ROOT)
          : DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
      s.append("<g class=\"axis\"><line x1=\"").append(n(x0)).append("\" x2=\"").append(n(x1)).append("\" y1=\"")
          .append(y).append("\" y2=\"").append(y).append("\" stroke=\"#90a4ae\"/>");
      for (long t = ceil(t0, step); t <= t1; t += step) {
        double x = x(Instant.ofEpochMilli(t));
        s.append("<line x1=\"").append(n(x)).append("\" x2=\"").append(n(x)).append("\" y1=\"").append(y)
            .append("\" y2=\"").append(y + 4).append("\" stroke=\"#90a4ae\"/><text x=\"").append(n(x))
            .append("\" y=\"").append(y + 17).append("\" text-anchor=\"middle\" class=\"tick\">")
            .append(f.format(Instant.ofEpochMilli(t).atOffset(ZoneOffset.UTC))).append("</text>");
      }
      s.append("<text x=\"").append(n(x1)).append("\" y=\"").append(y + 30)
          .append("\" text-anchor=\"end\" class=\"tick\">UTC</text></g>\n");
    }

    private static long ceil(long t, long step) {
      return Math.floorDiv(t + step - 1, step) * step;
    }
  }
}
