package dev.agentlane.testkit.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PropertyTest {
  @Test
  void aPassingPropertyRunsEveryCase() {
    int[] n = {0};
    Property.forAll(Gens.paths()).cases(250).check(p -> n[0]++);
    assertThat(n[0]).isEqualTo(250);
  }

  @Test
  void aFailingStringShrinksToTheMinimalExample() {
    Gen<String> gen = Gens.strings("abcxyz", 0, 40);
    assertThatThrownBy(() -> Property.forAll(gen).seed(12345).cases(500)
        .check(s -> assertThat(s).doesNotContain("x")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("reduced value:  \"x\" ")
        .hasMessageContaining("seed 12345")
        .hasMessageContaining("-Dagentlane.seed=12345")
        .hasMessageContaining("case 0")
        .hasMessageContaining("original value: \"")
        .hasMessageContaining("original failure: ")
        .hasMessageContaining("not to contain");
  }

  @Test
  void stringsRespectTheirMinimumWhenShrinking() {
    Gen<String> gen = Gens.strings("ab", 3, 30);
    assertThatThrownBy(() -> Property.forAll(gen).seed(1).check(s -> assertThat(s).doesNotContain("b")))
        .hasMessageMatching("(?s).*reduced value:  \"[ab]{3}\".*");
  }

  @Test
  void aFailingListShrinksToTheMinimalExample() {
    Gen<List<Integer>> gen = Gen.choose(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9)).listOf(0, 30);
    assertThatThrownBy(() -> Property.forAll(gen).seed(7).check(l -> assertThat(l).doesNotContain(7)))
        .hasMessageContaining("reduced value:  [7] ")
        .hasMessageContaining("-Dagentlane.seed=7");
  }

  @Test
  void aPropertyOverSumsShrinksTheListToFewElements() {
    Gen<List<String>> gen = Gens.strings("ab", 1, 3).listOf(0, 20);
    assertThatThrownBy(() -> Property.forAll(gen).seed(3).check(l -> assertThat(l.size()).isLessThan(3)))
        .hasMessageMatching("(?s).*reduced value:  \\[[ab], [ab], [ab]\\] .*");
  }

  @Test
  void theFailingCaseIndexAndHostileValueAreReported() {
    List<String> sample = Gens.hostilePaths().sample(5, 50);
    int expected = -1;
    for (int i = 0; i < sample.size(); i++) {
      if (sample.get(i).contains("..")) {
        expected = i;
        break;
      }
    }
    assertThat(expected).isNotNegative();
    assertThatThrownBy(() -> Property.forAll(Gens.hostilePaths()).seed(5).check(p -> assertThat(p).doesNotContain("..")))
        .hasMessageContaining("case " + expected + " of")
        .hasMessageContaining("reduced value:  \"..\" ");
  }

  @Test
  void runtimeExceptionsFailTooAndTheSeedPropertyIsReadAtConstruction() {
    String old = System.getProperty(Property.SEED_PROPERTY);
    System.setProperty(Property.SEED_PROPERTY, "777");
    try {
      assertThat(Property.defaultSeed()).isEqualTo(777L);
      assertThatThrownBy(() -> Property.forAll(Gen.constant("v")).check(v -> {
        throw new IllegalStateException("boom");
      })).hasMessageContaining("seed 777").hasMessageContaining("boom").hasMessageContaining("-Dagentlane.seed=777");
    } finally {
      if (old == null) {
        System.clearProperty(Property.SEED_PROPERTY);
      } else {
        System.setProperty(Property.SEED_PROPERTY, old);
      }
    }
    assertThat(Property.defaultSeed()).isEqualTo(old == null ? Property.DEFAULT_SEED : Long.decode(old));
  }
}
