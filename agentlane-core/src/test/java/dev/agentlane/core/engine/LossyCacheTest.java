package dev.agentlane.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LossyCacheTest {

  /** Keys of scope "" that share the pair of {@code "k0"} in {@code cache}. */
  private static List<String> rivals(LossyCache<?> cache, int count) {
    List<String> out = new ArrayList<>();
    int pair = cache.index("", "k0");
    for (int i = 0; out.size() < count; i++) {
      if (cache.index("", "k" + i) == pair) {
        out.add("k" + i);
      }
    }
    return out;
  }

  @Test
  void twoKeysOfOnePairAreBothKept() {
    LossyCache<Integer> cache = new LossyCache<>(64);
    List<String> keys = rivals(cache, 2);
    cache.put("", keys.get(0), 0);
    cache.put("", keys.get(1), 1);
    assertThat(cache.get("", keys.get(0))).isEqualTo(0);
    assertThat(cache.get("", keys.get(1))).isEqualTo(1);
  }

  @Test
  void aThirdKeyOfThePairDropsTheOldest() {
    LossyCache<Integer> cache = new LossyCache<>(64);
    List<String> keys = rivals(cache, 3);
    cache.put("", keys.get(0), 0);
    cache.put("", keys.get(1), 1);
    cache.put("", keys.get(2), 2);
    assertThat(cache.get("", keys.get(0))).isNull();
    assertThat(cache.get("", keys.get(1))).isEqualTo(1);
    assertThat(cache.get("", keys.get(2))).isEqualTo(2);
  }

  @Test
  void replacingAKeyKeepsItsRival() {
    LossyCache<Integer> cache = new LossyCache<>(64);
    List<String> keys = rivals(cache, 2);
    cache.put("", keys.get(0), 0);
    cache.put("", keys.get(1), 1);
    cache.put("", keys.get(1), 11); // the same key again: no entry is pushed out
    assertThat(cache.get("", keys.get(0))).isEqualTo(0);
    assertThat(cache.get("", keys.get(1))).isEqualTo(11);
  }

  @Test
  void theScopeIsPartOfTheKey() {
    LossyCache<String> cache = new LossyCache<>(16);
    cache.put("/a", "x", "in a");
    assertThat(cache.get("/a", "x")).isEqualTo("in a");
    assertThat(cache.get("/b", "x")).isNull();
    assertThat(cache.get("/a", "y")).isNull();
  }

  @Test
  void anyCapacityWorks() {
    for (int size : new int[] {0, 1, 2, 3, 1000}) {
      LossyCache<Integer> cache = new LossyCache<>(size);
      for (int i = 0; i < 50; i++) {
        cache.put("", "k" + i, i);
        assertThat(cache.get("", "k" + i)).as("size %d key %d", size, i).isEqualTo(i);
      }
    }
  }
}
