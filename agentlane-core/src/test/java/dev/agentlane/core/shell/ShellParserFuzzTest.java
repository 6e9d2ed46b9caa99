package dev.agentlane.core.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random lines built from shell metacharacters: the parser must either return or throw {@link
 * ShellSyntaxException}, quickly, and never fail in any other way.
 */
class ShellParserFuzzTest {

  private static final String[] PIECES = {
    "'", "\"", "`", "\\", "$", "$(", "${", "$((", "$'", "(", ")", "{", "}", "[", "]", "[[",
    "<", ">", "<<", "<<-", "<<<", ">>", "&", "&&", "|", "||", "|&", ";", ";;", "\n", " ", "\t",
    "#", "*", "?", "~", "=", "!", ",", "..", "2>&1", "<(", ">(", "EOF", "a", "x=1", "-c",
    "sudo", "bash", "sh -c", "eval", "env", "xargs", "find", "-exec", "{}", "\\;", "for",
    "do", "done", "if", "cat", ".env", "\u00e9", "0", "9", ":-", "@P", "-u",
  };

  @Test
  void randomMetacharacterLinesEitherParseOrAreRejected() {
    long seed = 0x5eed_a11e_5L;
    Random random = new Random(seed);
    ShellParser parser = ShellParser.withLimits(4096, 8, 256);
    long start = System.nanoTime();
    for (int i = 0; i < 5000; i++) {
      StringBuilder line = new StringBuilder();
      int pieces = random.nextInt(40);
      for (int p = 0; p < pieces; p++) {
        line.append(PIECES[random.nextInt(PIECES.length)]);
      }
      String text = line.toString();
      try {
        CommandLine result = parser.parse(text);
        assertThat(result.commands()).allSatisfy(c -> assertThat(c.argv()).isNotEmpty());
      } catch (ShellSyntaxException expected) {
        assertThat(expected.offset()).as("seed %d, line %s", seed, text).isNotNegative();
      } catch (RuntimeException | StackOverflowError e) {
        throw new AssertionError("seed " + seed + ", iteration " + i + ", line: " + text, e);
      }
    }
    assertThat(System.nanoTime() - start).as("seed %d", seed).isLessThan(10_000_000_000L);
  }
}
