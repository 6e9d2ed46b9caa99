package dev.agentlane.core.path;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SegmentTableTest {

  @Test
  void regionsAreFoundAsTheirSubstringsWould() {
    Random random = new Random(0x5e6_7ab1eL);
    Map<String, Integer> keys = new HashMap<>();
    SegmentTable.Builder<Integer> b = SegmentTable.builder();
    for (int i = 0; i < 500; i++) {
      String k = Integer.toString(random.nextInt(2000), 36);
      keys.put(k, i);
      b.put(k, i);
    }
    keys.put("\0", -1); // a key whose hash is 0
    b.put("\0", -1);
    SegmentTable<Integer> table = b.build();
    assertThat(table.size()).isEqualTo(keys.size());
    for (int i = 0; i < 5000; i++) {
      String probe = "x/" + Integer.toString(random.nextInt(2000), 36) + (random.nextBoolean() ? "\0" : "") + "/y";
      for (int from = 0; from < probe.length(); from++) {
        for (int to = from; to <= probe.length(); to++) {
          assertThat(table.get(probe, from, to)).as("%s [%d, %d)", probe, from, to).isEqualTo(keys.get(probe.substring(from, to)));
        }
      }
    }
  }

  @Test
  void foldingComparesAsciiUpperCaseAsLowerCase() {
    SegmentTable<String> table = SegmentTable.<String>builder().put(".env", "env").put("straße", "ß").build();
    String path = "A/.ENV/Straße";
    int h = 0;
    for (int i = 2; i < 6; i++) {
      h = SegmentTable.extend(h, SegmentTable.foldAscii(path.charAt(i)));
    }
    assertThat(table.get(path, 2, 6, h, true)).isEqualTo("env");
    assertThat(table.get(path, 2, 6)).isNull();
    assertThat(table.get(path.toLowerCase(java.util.Locale.ROOT), 7, 13)).isEqualTo("ß");
    assertThat(SegmentTable.<String>builder().build().get("x", 0, 1)).isNull();
  }
}
