package dev.agentlane.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentlane.Action;
import dev.agentlane.AgentKey;
import dev.agentlane.Decision;
import dev.agentlane.Lane;
import dev.agentlane.PolicyEngine;
import dev.agentlane.Reason;
import dev.agentlane.ReasonCode;
import dev.agentlane.Verdict;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs {@code adversarial/core-table.tsv}: each hostile input must reach its expected verdict. */
class AdversarialTableTest {
  private static final String TABLE = "/adversarial/core-table.tsv";
  private static PolicyEngine engine;

  record Case(int line, Lane lane, String tool, Verdict verdict, String reason, String input) {
    @Override
    public String toString() {
      return "line " + line + ": " + lane.name() + " " + tool + " `" + input.replace("\n", "{NL}") + "` -> " + verdict.code();
    }
  }

  @BeforeAll
  static void start() {
    engine = PolicyEngine.builder().policy(TestPolicies.realistic()).workspace(TestPolicies.WORKSPACE)
        .clock(MutableClock.startingAt("2026-11-24T10:00:00Z")).build();
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  static List<Case> cases() throws Exception {
    List<Case> out = new ArrayList<>();
    try (InputStream in = AdversarialTableTest.class.getResourceAsStream(TABLE);
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        String[] cols = line.split("\t", 5);
        if (cols.length != 5) {
          throw new IllegalStateException(TABLE + ":" + n + ": expected 5 tab-separated columns but found " + cols.length);
        }
        Lane lane = Lane.defaults().stream().filter(l -> l.name().equals(cols[0])).findFirst().orElseThrow();
        String input = cols[4].replace("{NL}", "\n").replace("{TAB}", "\t");
        out.add(new Case(n, lane, cols[1], Verdict.ofCode(cols[2]), cols[3], input));
      }
    }
    return out;
  }

  static Stream<Case> table() throws Exception {
    return cases().stream();
  }

  @Test
  void tableHasAtLeastAHundredCasesAndCoversEveryVerdict() throws Exception {
    List<Case> cases = cases();
    assertThat(cases).hasSizeGreaterThanOrEqualTo(100);
    assertThat(cases).extracting(Case::verdict).contains(Verdict.values());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void hostileInputReachesItsVerdict(Case c) {
    // A fresh pair per case, so that a HALT in one case does not leak into the next.
    AgentKey key = EngineFixture.freshPair(engine, c.lane());
    String argument = c.tool().equals("bash") ? "command" : "path";
    Map<String, Object> args = c.tool().equals("write_file") ? Map.of(argument, c.input(), "content", "x")
        : Map.of(argument, c.input());
    Decision d = engine.decide(Action.builder().key(key).tool(c.tool()).arguments(args).build());
    assertThat(d.verdict()).as("%s%n%s", c, d.explain()).isEqualTo(c.verdict());
    if (!c.reason().equals("-")) {
      assertThat(d.reasons()).as("%s%n%s", c, d.explain()).extracting(Reason::code)
          .contains(ReasonCode.ofCode(c.reason()));
    }
  }
}
