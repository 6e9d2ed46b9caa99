package dev.agentlane.benchmarks.peers;

import java.util.List;
import java.util.Objects;

/**
 * One action, pre-normalized for policy engines that know nothing of paths, shell lines or URLs.
 *
 * <p>agentlane decides the raw {@code Action}; every peer engine decides this form of the same action,
 * produced by the workload generator from the same raw input. The normalization a peer is spared:
 *
 * <ul>
 *   <li>{@code capabilities}: the capabilities the tool (or every command of a shell line) needs, from the
 *       tool mappings and command rules; {@code mapped} is false when the tool or any command is unmapped,
 *       or when agentlane cannot judge the line with certainty (a shell fed from a pipe, {@code | sh}).
 *   <li>paths: lower-cased, {@code /}-separated, {@code .}/{@code ..} resolved. Paths inside the workspace
 *       are relative ({@code src/App.java}); paths outside it are absolute ({@code /tmp/x},
 *       {@code /etc/passwd}). {@code readPaths} holds every path read and every word of a shell line that
 *       mentions a path; {@code writePaths} every path written.
 *   <li>{@code hosts}: the lower-cased host of every URL, without userinfo or port.
 * </ul>
 *
 * @param principal the agent (with its workflow), e.g. {@code agent-17/ci}
 * @param lane the lane index of the pair: 0 draft, 1 sandbox, 2 governed, 3 staging, 4 production
 * @param tool the tool name, for the record (the rules below never look at it)
 * @param mapped whether the tool and every command of a shell line are mapped to capabilities (and the
 *     line can be judged)
 * @param capabilities the capabilities needed, distinct, in a stable order
 * @param readPaths paths read or mentioned
 * @param writePaths paths written
 * @param hosts hosts contacted
 * @param evidence the evidence the call carries, or {@link Evidence#NONE}
 */
public record PeerRequest(
    String principal,
    int lane,
    String tool,
    boolean mapped,
    List<String> capabilities,
    List<String> readPaths,
    List<String> writePaths,
    List<String> hosts,
    Evidence evidence) {

  public PeerRequest {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(tool, "tool");
    if (lane < 0 || lane >= PeerPolicy.LANES.size()) {
      throw new IllegalArgumentException("lane index out of range: " + lane);
    }
    capabilities = List.copyOf(capabilities);
    readPaths = List.copyOf(readPaths);
    writePaths = List.copyOf(writePaths);
    hosts = List.copyOf(hosts);
    Objects.requireNonNull(evidence, "evidence");
  }

  /**
   * The evidence a call carries (see DESIGN: tests run, files touched, assumptions, confidence, rollback
   * plan).
   *
   * @param stated whether evidence was attached at all
   * @param testsRun whether test results are stated
   * @param testsFailed the number of failed tests stated
   * @param filesTouched the number of files the change touches (stated), 0 if not stated
   * @param filesTouchedStated whether files touched are stated
   * @param assumptionsStated whether assumptions are stated
   * @param confidence the stated confidence, or -1 when not stated
   * @param rollbackPlan whether a rollback plan is stated
   */
  public record Evidence(
      boolean stated,
      boolean testsRun,
      int testsFailed,
      int filesTouched,
      boolean filesTouchedStated,
      boolean assumptionsStated,
      double confidence,
      boolean rollbackPlan) {

    /** No evidence attached. */
    public static final Evidence NONE = new Evidence(false, false, 0, 0, false, false, -1, false);
  }
}
