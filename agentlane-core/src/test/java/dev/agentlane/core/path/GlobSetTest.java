package dev.agentlane.core.path;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GlobSetTest {

  private static Glob glob(String pattern, boolean caseInsensitive) {
    try {
      return Glob.compile(pattern, caseInsensitive);
    } catch (InvalidGlobException e) {
      throw new AssertionError(e);
    }
  }

  private final Glob env = glob(".env", false);
  private final Glob pem = glob("*.pem", false);
  private final Glob secrets = glob("secrets/", true);
  private final GlobSet set = GlobSet.of(List.of(env, pem, secrets));

  @Test
  void matchingReturnsAllMatchesInOrder() {
    assertThat(set.matching("SECRETS/.env")).containsExactly(env, secrets);
    assertThat(set.matching("a/b.pem")).containsExactly(pem);
    assertThat(set.matching("src/Main.java")).isEmpty();
  }

  @Test
  void matchesAny() {
    assertThat(set.matchesAny("x/.env")).isTrue();
    assertThat(set.matchesAny("Secrets/key")).isTrue();
    assertThat(set.matchesAny("src/Main.java")).isFalse();
  }

  @Test
  void emptySetMatchesNothing() {
    GlobSet empty = GlobSet.of(List.of());
    assertThat(empty.matchesAny("")).isFalse();
    assertThat(empty.matching("x")).isEmpty();
  }

  @Test
  void globsAreKept() {
    assertThat(set.globs()).containsExactly(env, pem, secrets);
    assertThat(set.toString()).contains(".env", "*.pem");
  }
}
