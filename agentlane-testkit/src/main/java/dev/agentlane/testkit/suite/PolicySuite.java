package dev.agentlane.testkit.suite;

import dev.agentlane.Decision;
import dev.agentlane.policy.Policy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A policy test suite: a YAML file of actions and the verdicts a policy must give them, like
 *
 * <pre>{@code
 * suite: secrets and CI
 * policy: default            # "default" (the shipped policy) or a path relative to this file
 * workspace: /workspace      # optional
 * tests:
 *   - name: cat .env halts
 *     lane: sandbox
 *     action: {tool: bash, arguments: {command: "cat .env"}}
 *     expect: halt
 *     reason: sensitive-path  # optional: a reason code (or a list) that must be among the reasons
 *     rule: stop.secrets      # optional: a rule id (or a list) that must be among the reasons
 * }</pre>
 *
 * <p>A case also accepts {@code agent}, {@code workflow}, {@code run-id}, {@code evidence} ({@code tests},
 * {@code files-touched}, {@code assumptions}, {@code confidence}, {@code rollback-plan},
 * {@code validation-links}) and {@code context}.
 *
 * <p><b>Thread-safety:</b> immutable and thread-safe. Each {@link #run()} builds its own engine, so runs
 * may proceed concurrently.
 *
 * <pre>{@code
 * SuiteResult result = PolicySuite.load(Path.of("src/test/policy/secrets.yaml")).run();
 * assertThat(result.failures()).isEmpty();
 * System.out.println(result.coverage().report());
 * }</pre>
 */
public final class PolicySuite {
  private final String name;
  private final Path file;
  private final Policy policy;
  private final String workspace;
  private final List<SuiteCase> cases;

  PolicySuite(String name, Path file, Policy policy, String workspace, List<SuiteCase> cases) {
    this.name = name;
    this.file = file;
    this.policy = policy;
    this.workspace = workspace;
    this.cases = List.copyOf(cases);
  }

  /**
   * Loads and validates a suite file, and the policy it names.
   *
   * @throws PolicySuiteException listing every problem, each with {@code file:line:column}
   */
  public static PolicySuite load(Path file) {
    Objects.requireNonNull(file, "file");
    return SuiteReader.load(file);
  }

  /** The suite's name ({@code suite:}, else the file name without extension). */
  public String name() {
    return name;
  }

  /** The suite file. */
  public Path file() {
    return file;
  }

  /** The policy under test. */
  public Policy policy() {
    return policy;
  }

  /** The workspace root actions are judged against. */
  public String workspace() {
    return workspace;
  }

  /** The cases, in file order. */
  public List<SuiteCase> cases() {
    return cases;
  }

  /**
   * Decides every case on a fresh engine over the policy (one engine for the run, with each case's pair
   * reset and put in its lane first, so a halt in one case does not leak into another) and checks it.
   */
  public SuiteResult run() {
    List<CaseResult> results = new ArrayList<>();
    try (SuiteRunner runner = new SuiteRunner(this)) {
      for (SuiteCase c : cases) {
        results.add(runner.run(c));
      }
    }
    return new SuiteResult(this, results);
  }

  /** Runs the suite and reports which of the policy's rules its decisions exercised. */
  public RuleCoverage coverage() {
    return run().coverage();
  }

  /** Coverage of this suite's policy by the given decisions (package-private, for the dynamic tests). */
  RuleCoverage coverageOf(List<Decision> decisions) {
    return RuleCoverage.of(policy, decisions);
  }

  @Override
  public String toString() {
    return "PolicySuite{" + name + ", " + cases.size() + " cases, policy " + policy.name() + "}";
  }
}
