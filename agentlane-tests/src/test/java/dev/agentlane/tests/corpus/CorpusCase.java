package dev.agentlane.tests.corpus;

import dev.agentlane.ActionSize;
import dev.agentlane.Evidence;
import dev.agentlane.Lane;
import dev.agentlane.ReasonCode;
import dev.agentlane.Verdict;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One case of the adversarial corpus: an action, the workspace it runs against, and the verdict and reasons
 * the shipped default policy must reach. Read by {@link CorpusReader}; the format is described in
 * {@code src/test/resources/corpus/README.md}.
 *
 * <p>Immutable.
 *
 * @param file the corpus file (its name without {@code .yaml}: the attack class)
 * @param id the case's id, unique in the corpus
 * @param lane the lane of the (fresh) agent/workflow pair that makes the call
 * @param tool the tool name
 * @param arguments the tool's arguments as JSON text, exactly as given to the engine (after the
 *     placeholders {@code ${WS}}, {@code ${OUT}} and those of {@code repeat} are replaced)
 * @param expect the verdict the engine must reach
 * @param reasons reason codes that must all be among the decision's reasons (empty for ALLOW)
 * @param rules rule ids that must all be among the decision's reason rule ids
 * @param sources public reports the case reproduces ({@code owner/repo#number})
 * @param note why the verdict is right, when it is not obvious
 * @param knownGap for an attack the engine does not (and from the text alone cannot) catch: why it is let
 *     through, and what covers it instead; such cases expect ALLOW
 * @param setup files, directories and links to create in a real workspace on disk before deciding
 * @param options how the engine is configured for this case
 * @param runId the action's run id
 * @param evidence the action's evidence
 * @param size the action's declared size
 * @param context the action's context
 * @param repeat what each {@code ${NAME}} placeholder of the arguments stands for
 */
record CorpusCase(
    String file,
    String id,
    Lane lane,
    String tool,
    String arguments,
    Verdict expect,
    List<ReasonCode> reasons,
    List<String> rules,
    List<String> sources,
    @Nullable String note,
    @Nullable String knownGap,
    List<Setup> setup,
    Options options,
    @Nullable String runId,
    @Nullable Evidence evidence,
    @Nullable ActionSize size,
    Map<String, String> context,
    Map<String, Repeat> repeat) {

  CorpusCase {
    reasons = List.copyOf(reasons);
    rules = List.copyOf(rules);
    sources = List.copyOf(sources);
    setup = List.copyOf(setup);
    context = Map.copyOf(context);
    repeat = Map.copyOf(repeat);
  }

  /** Whether the case needs a real workspace on disk. */
  boolean onDisk() {
    return !setup.isEmpty();
  }

  /** Where the case is, for messages: {@code file/id}. */
  String where() {
    return file + "/" + id;
  }

  /**
   * One thing to create before the case runs. {@code path} is relative to the workspace ({@link Kind#FILE},
   * {@link Kind#DIR}, {@link Kind#LINK}) or to the sibling directory outside it ({@link Kind#OUTSIDE_FILE},
   * {@link Kind#OUTSIDE_DIR}); a link's {@code target} is written as given, after {@code ${WS}} and
   * {@code ${OUT}} are replaced, so it may be relative to the link.
   */
  record Setup(Kind kind, String path, @Nullable String target) {
    enum Kind {
      FILE, DIR, LINK, OUTSIDE_FILE, OUTSIDE_DIR
    }
  }

  /**
   * Engine options.
   *
   * @param resolveSymlinks {@code PolicyEngine.Builder.resolveSymlinks}; {@code null}: on for cases with a
   *     setup on disk, off otherwise (the builder's default)
   * @param caseInsensitivePaths {@code PolicyEngine.Builder.caseInsensitivePaths}
   * @param workspace the (virtual) workspace root of a case without setup; {@code null}: {@code /workspace}
   */
  record Options(@Nullable Boolean resolveSymlinks, boolean caseInsensitivePaths, @Nullable String workspace) {}

  /** A placeholder stands for {@code token} written {@code times} times. */
  record Repeat(String token, int times) {}
}
