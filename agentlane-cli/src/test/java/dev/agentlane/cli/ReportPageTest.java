package dev.agentlane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentlane.policyfile.PolicyFiles;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page is self-contained, draws every chart, and never lets text from the log become markup. */
class ReportPageTest {
  @TempDir
  static Path state;
  static String html;

  @BeforeAll
  static void hostileState() {
    ReportStates.write(state, true);
    html = ReportPage.render(ReportData.load(state, PolicyFiles.defaultPolicy(), InstantSource.system()));
  }

  @Test
  void escapesMarkupQuotesAndControlCharacters() {
    assertThat(ReportPage.esc("<script>\"x\" & 'y'</script>\u0000\u001b\u0085\t\n"))
        .isEqualTo("&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;\uFFFD\uFFFD\uFFFD\t\n");
    assertThat(ReportPage.esc(null)).isEmpty();
  }

  @Test
  void clipsByCodePointsWithAnEllipsis() {
    assertThat(ReportPage.clip("agentlane", 20)).isEqualTo("agentlane");
    assertThat(ReportPage.clip("agentlane", 5)).isEqualTo("agen…");
    assertThat(ReportPage.clip("\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00", 2)).isEqualTo("\uD83D\uDE00…");
  }

  @Test
  void aHostilePairNameNeverBecomesMarkup() {
    String agent = ReportStates.HOSTILE.agent();
    String workflow = ReportStates.HOSTILE.workflow();
    assertThat(html).doesNotContain(agent).doesNotContain(workflow).doesNotContainIgnoringCase("<script")
        .doesNotContain("onmouseover='").contains("&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;")
        .contains("x&quot; onmouseover=&#39;alert(1)&#39; a=&quot;&lt;b&gt;");
    // Every attribute value that carries a pair name is closed by the quote that opened it.
    Matcher m = Pattern.compile("data-pair=\"([^\"]*)\"(.)").matcher(html);
    int n = 0;
    while (m.find()) {
      n++;
      assertThat(m.group(2)).as("after data-pair=\"%s\"", m.group(1)).isIn(">", " ");
    }
    assertThat(n).as("data-pair attributes").isGreaterThan(5);
  }

  @Test
  void thePageLoadsNothingAndRunsNothing() {
    assertThat(html).startsWith("<!DOCTYPE html>")
        .contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
        .doesNotContain("http://").doesNotContain("https://").doesNotContain(" src=").doesNotContain(" href=")
        .doesNotContain("url(").doesNotContain("@import").doesNotContainIgnoringCase("<script")
        .doesNotContainIgnoringCase("<link").doesNotContainIgnoringCase("<iframe")
        .doesNotContainIgnoringCase("<img").doesNotContainIgnoringCase("<image");
  }

  @Test
  void everyChartIsDrawnWithItsSeries() {
    assertThat(html).contains("data-chart=\"lanes\"", "data-chart=\"clean-rate\"", "data-chart=\"decisions\"",
        "data-chart=\"blocks\"", "data-chart=\"stop-conditions\"");
    assertThat(count("class=\"series lane-step\"")).isEqualTo(5);
    assertThat(count("class=\"series clean-rate\"")).isEqualTo(5);
    assertThat(count("<g class=\"mark promotion\"")).isGreaterThanOrEqualTo(8);
    assertThat(count("<g class=\"mark halt\"")).isGreaterThanOrEqualTo(2);
    assertThat(html).contains("class=\"series verdict-allow\"", "class=\"series verdict-halt\"",
        "data-verified=\"true\"", "<tr class=\"event\" data-kind=\"promotion\"");
  }

  private static int count(String needle) {
    int n = 0;
    for (int i = html.indexOf(needle); i >= 0; i = html.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
