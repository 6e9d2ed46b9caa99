package dev.agentlane.policyfile;

import dev.agentlane.PolicyProblem;
import java.util.Collection;

/** "Did you mean" suggestions for policy-file messages. Stateless. */
final class Suggest {
  private Suggest() {}

  /** See {@link PolicyProblem#suggestion(String, Collection)}. */
  static String didYouMean(String word, Collection<String> candidates) {
    return PolicyProblem.suggestion(word, candidates);
  }
}
