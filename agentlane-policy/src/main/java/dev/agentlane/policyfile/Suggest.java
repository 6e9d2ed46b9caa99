package dev.agentlane.policyfile;

import java.util.Collection;

/** "Did you mean" suggestions by edit distance. Stateless. */
final class Suggest {
  private Suggest() {}

  /** {@code " (did you mean 'x'?)"} for the closest candidate within a small distance, else {@code ""}. */
  static String didYouMean(String word, Collection<String> candidates) {
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
        if (c.length() > word.length() && c.startsWith(word.substring(0, Math.max(1, word.length() - 1)))
            && c.length() - word.length() <= 3) {
          best = c;
          break;
        }
      }
    }
    return best != null ? " (did you mean '" + best + "'?)" : "";
  }

  static int distance(String a, String b) {
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
}
