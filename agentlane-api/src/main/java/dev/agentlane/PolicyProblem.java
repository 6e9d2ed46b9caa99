package dev.agentlane;

import java.util.Objects;

/**
 * One problem in a policy: where it is, which rule it breaks, and what to do.
 *
 * <p>Immutable.
 *
 * @param source the file, or {@code builder} for a policy built in Java
 * @param line 1-based line, or 0 if unknown
 * @param column 1-based column, or 0 if unknown
 * @param path where in the document, such as {@code capabilities[3].lane} or a rule id
 * @param message what is wrong, what was expected, and a suggestion where one is obvious
 */
public record PolicyProblem(String source, int line, int column, String path, String message) {
  /** Checks for null. */
  public PolicyProblem {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  /** A problem in a policy built in Java, located by its path. */
  public static PolicyProblem inBuilder(String path, String message) {
    return new PolicyProblem("builder", 0, 0, path, message);
  }

  /**
   * A suggestion for a misspelt name, to append to a problem's message: {@code " (did you mean 'x'?)"}
   * for the closest candidate within a small edit distance (or a plural of the word), else {@code ""}.
   */
  public static String suggestion(String word, java.util.Collection<String> candidates) {
    Objects.requireNonNull(word, "word");
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      int d = distance(word, c);
      if (d < bestDistance) {
        bestDistance = d;
        best = c;
      }
    }
    if (best == null || bestDistance > Math.max(2, word.length() / 4)) {
      // A singular for a plural (capability, capabilities) is a typo too.
      best = null;
      for (String c : candidates) {
        if (c.length() > word.length() && c.length() - word.length() <= 3
            && c.startsWith(word.substring(0, Math.max(1, word.length() - 1)))) {
          best = c;
          break;
        }
      }
    }
    return best != null ? " (did you mean '" + best + "'?)" : "";
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  @Override
  public String toString() {
    String where = line > 0 ? source + ":" + line + ":" + column : source;
    return where + ": " + path + ": " + message;
  }
}
