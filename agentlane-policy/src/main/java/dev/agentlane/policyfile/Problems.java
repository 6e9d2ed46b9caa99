package dev.agentlane.policyfile;

import dev.agentlane.PolicyProblem;
import dev.agentlane.policyfile.tree.LocatedNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects the problems of one file, in document order. Not thread-safe. */
final class Problems {
  private final String source;
  private final List<PolicyProblem> list = new ArrayList<>();

  Problems(String source) {
    this.source = source;
  }

  String source() {
    return source;
  }

  void add(int line, int column, String path, String message) {
    list.add(new PolicyProblem(source, line, column, path, message));
  }

  void add(LocatedNode at, String message) {
    add(at.line(), at.column(), at.path(), message);
  }

  void add(PolicyProblem problem) {
    list.add(problem);
  }

  void addAll(List<PolicyProblem> problems) {
    list.addAll(problems);
  }

  boolean isEmpty() {
    return list.isEmpty();
  }

  List<PolicyProblem> sorted() {
    List<PolicyProblem> out = new ArrayList<>(list);
    out.sort(Comparator.comparing(PolicyProblem::source).thenComparingInt(PolicyProblem::line)
        .thenComparingInt(PolicyProblem::column));
    return out;
  }
}
