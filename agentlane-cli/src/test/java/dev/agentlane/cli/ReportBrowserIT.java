package dev.agentlane.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report in a real browser: headless Chromium (Debian's {@code chromium} package) renders the page the
 * jar wrote, takes a screenshot, dumps the DOM it built and logs every network request it made. Skipped,
 * with a message, where {@code /usr/bin/chromium} is missing; {@code .ci/run} installs it.
 *
 * <p>To regenerate the screenshot in {@code docs/}, from the repository root:
 *
 * <pre>
 * mvn -B -ntp verify -pl agentlane-cli -am -Dtest='dev.agentlane.cli.*Test' -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dit.test=ReportBrowserIT -Dagentlane.report.screenshot=$PWD/docs/report-screenshot.png
 * </pre>
 */
class ReportBrowserIT {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  @TempDir
  Path dir;

  @BeforeEach
  void needsChromium() {
    assumeTrue(Files.isExecutable(CHROMIUM), "headless Chromium is not installed at " + CHROMIUM
        + " (apt-get install -y chromium; .ci/run installs it): the report's browser test is skipped");
  }

  /** What Chromium did with a page. */
  private record Rendered(String dom, List<String> pageRequests, BufferedImage screenshot, Path png) {}

  private Rendered render(Path page) throws Exception {
    Path profile = Files.createDirectories(dir.resolve("chromium-profile"));
    Path png = dir.resolve("screenshot.png");
    Path netLog = dir.resolve("netlog.json");
    String url = page.toUri().toString();
    chromium(profile, "--screenshot=" + png, "--window-size=1280,2000", "--log-net-log=" + netLog, url);
    String dom = chromium(profile, "--dump-dom", url);
    return new Rendered(dom, pageRequests(netLog), ImageIO.read(png.toFile()), png);
  }

  /** Runs headless Chromium with the flags that keep it from reaching the network on its own account. */
  private String chromium(Path profile, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--hide-scrollbars", "--user-data-dir=" + profile));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).start();
    CompletableFuture<String> out = read(p.getInputStream());
    CompletableFuture<String> err = read(p.getErrorStream());
    p.getOutputStream().close();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish in 120 s: " + command);
    }
    assertThat(p.exitValue()).as("chromium %s\n%s", command, err.join()).isZero();
    return out.join();
  }

  private static CompletableFuture<String> read(InputStream in) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /**
   * The URLs of the requests the page made, from Chromium's net log. The browser makes requests of its own
   * (time and update checks) whatever the flags; those have no initiator ({@code not an origin}), while a
   * page's requests are initiated by it (a {@code file:} page is the opaque origin {@code null}).
   */
  private static List<String> pageRequests(Path netLog) throws IOException {
    JsonNode log = new ObjectMapper().readTree(netLog.toFile());
    int startJob = log.get("constants").get("logEventTypes").get("URL_REQUEST_START_JOB").asInt();
    List<String> urls = new ArrayList<>();
    for (JsonNode e : log.get("events")) {
      JsonNode params = e.get("params");
      if (e.get("type").asInt() == startJob && params != null && params.has("url")
          && !"not an origin".equals(params.path("initiator").asText())) {
        urls.add(params.get("url").asText());
      }
    }
    return urls;
  }

  private Path report(Path state) {
    Path page = dir.resolve("report.html");
    CliRun run = CliRun.in(dir, "", "report", "--state", dir.relativize(state).toString(), "-o", "report.html");
    assertThat(run.exit()).as(run.toString()).isZero();
    return page;
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }

  @Test
  void chromiumDrawsEveryChartAndTheReportRequestsNothing() throws Exception {
    Path state = Files.createDirectory(dir.resolve("state"));
    ReportStates.write(state);
    Rendered r = render(report(state));

    assertThat(r.dom()).contains("<svg class=\"chart\" data-chart=\"lanes\"", "<svg class=\"chart\" data-chart=\"clean-rate\"",
        "<svg class=\"chart\" data-chart=\"decisions\"", "<svg class=\"chart\" data-chart=\"blocks\"",
        "<svg class=\"chart\" data-chart=\"stop-conditions\"", "data-verified=\"true\"")
        .doesNotContainIgnoringCase("<script");
    assertThat(count(r.dom(), "class=\"series lane-step\"")).as("a lane line per pair").isEqualTo(4);
    assertThat(count(r.dom(), "class=\"series clean-rate\"")).as("a clean-rate row per pair").isEqualTo(4);
    assertThat(count(r.dom(), "<g class=\"mark promotion\"")).as("promotions marked").isEqualTo(8);
    assertThat(r.pageRequests()).as("requests the page made").isEmpty();

    assertThat(r.screenshot().getWidth()).isEqualTo(1280);
    assertThat(r.screenshot().getHeight()).isEqualTo(2000);
    // The charts were painted: the decisions chart's allow bars and the halt bands' colours are on screen.
    assertThat(pixelsNear(r.screenshot(), 0x43a047)).as("allow-green pixels").isGreaterThan(5_000);
    assertThat(pixelsNear(r.screenshot(), 0x263238)).as("lane-line pixels").isGreaterThan(500);

    String keep = System.getProperty("agentlane.report.screenshot");
    if (keep != null && !keep.isBlank()) {
      Files.copy(r.png(), Path.of(keep), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  @Test
  void theNetLogCatchesAPageThatLoadsSomething() throws Exception {
    // The control for the check above: a page that fetches sees its requests reported.
    Path page = dir.resolve("fetching.html");
    Files.writeString(page, "<!DOCTYPE html><html><body><img src=\"http://127.0.0.1:9/pixel.png\">"
        + "<svg><image href=\"https://127.0.0.1:9/chart.svg\"/></svg></body></html>");
    Rendered r = render(page);
    assertThat(r.pageRequests()).containsExactlyInAnyOrder("http://127.0.0.1:9/pixel.png",
        "https://127.0.0.1:9/chart.svg");
  }

  @Test
  void aHostilePairNameIsShownAsTextAndNeverRuns() throws Exception {
    Path state = Files.createDirectory(dir.resolve("state"));
    ReportStates.write(state, true);
    Rendered r = render(report(state));
    assertThat(r.dom()).doesNotContainIgnoringCase("<script").doesNotContain(" onmouseover=\"")
        .contains("&lt;script&gt;alert(\"pwned\")&lt;/script&gt;");
    assertThat(count(r.dom(), "class=\"series lane-step\"")).as("the hostile pair is drawn too").isEqualTo(5);
    assertThat(count(r.dom(), "<tr class=\"pair\"")).isEqualTo(5);
    assertThat(r.pageRequests()).isEmpty();
  }

  /** Pixels within a small distance of an RGB colour. */
  private static int pixelsNear(BufferedImage image, int rgb) {
    int n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int p = image.getRGB(x, y);
        int dr = ((p >> 16) & 0xff) - ((rgb >> 16) & 0xff);
        int dg = ((p >> 8) & 0xff) - ((rgb >> 8) & 0xff);
        int db = (p & 0xff) - (rgb & 0xff);
        if (dr * dr + dg * dg + db * db < 300) {
          n++;
        }
      }
    }
    return n;
  }
}
