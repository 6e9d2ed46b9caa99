package dev.agentlane.benchmarks.peers;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.optimizer.CelOptimizationException;
import dev.cel.optimizer.CelOptimizerFactory;
import dev.cel.optimizer.optimizers.ConstantFoldingOptimizer;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelVariableResolver;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Google CEL (dev.cel:cel 0.14.0) deciding the peer requests: the whole policy is one CEL expression
 * ({@link #expression}), written from {@link PeerPolicy}, compiled, type-checked and constant-folded once;
 * each request is an activation whose variables ({@code lane}, {@code mapped}, {@code caps},
 * {@code reads}, {@code writes}, {@code hosts} and the evidence fields) are read straight from the
 * {@link PeerRequest} by a variable resolver, without building a map per call. The two tables of the
 * policy, capability to lane ({@code lanes}) and the exact host names ({@code allowed_hosts}), are CEL
 * maps bound once and passed as variables too (as Kubernetes passes a policy's parameters): written into
 * the expression as literals, they defeat CEL's constant folding from 1,000 entries on ("max iteration
 * count reached").
 *
 * <p>Globs are RE2 regular expressions ({@code matches}), one alternation per glob list, exact for every
 * glob; CEL's {@code all} and {@code exists} macros quantify over the lists.
 *
 * <p>Not thread-safe by contract of {@link PeerEngine} (the compiled program itself is immutable).
 */
public final class CelPeer implements PeerEngine {

  private final CelRuntime.Program program;
  private final Map<String, Long> lanes;
  private final Map<String, Boolean> allowedHosts;

  /** A CEL program for {@code rules}. */
  public CelPeer(PeerPolicy.Rules rules) {
    Map<String, Long> l = new LinkedHashMap<>();
    rules.capabilities().forEach((c, lane) -> l.put(c, (long) lane));
    this.lanes = Map.copyOf(l);
    Map<String, Boolean> h = new LinkedHashMap<>();
    rules.hosts().stream().filter(x -> !x.startsWith("*.")).forEach(x -> h.put(x, true));
    this.allowedHosts = Map.copyOf(h);
    Cel cel = CelFactory.standardCelBuilder()
        // The default limits (100,000 code points of expression) refuse the 10,000-entry policy.
        .setOptions(CelOptions.current().maxExpressionCodePointSize(4_000_000).maxRegexProgramSize(4_000_000).build())
        .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
        .addVar("lanes", MapType.create(SimpleType.STRING, SimpleType.INT))
        .addVar("allowed_hosts", MapType.create(SimpleType.STRING, SimpleType.BOOL))
        .addVar("lane", SimpleType.INT)
        .addVar("mapped", SimpleType.BOOL)
        .addVar("caps", ListType.create(SimpleType.STRING))
        .addVar("reads", ListType.create(SimpleType.STRING))
        .addVar("writes", ListType.create(SimpleType.STRING))
        .addVar("hosts", ListType.create(SimpleType.STRING))
        .addVar("tests_run", SimpleType.BOOL)
        .addVar("tests_failed", SimpleType.INT)
        .addVar("files_touched", SimpleType.INT)
        .addVar("files_stated", SimpleType.BOOL)
        .addVar("assumptions_stated", SimpleType.BOOL)
        .addVar("confidence", SimpleType.DOUBLE)
        .addVar("rollback_plan", SimpleType.BOOL)
        .build();
    try {
      CelAbstractSyntaxTree ast = cel.compile(expression(rules)).getAst();
      ast = CelOptimizerFactory.standardCelOptimizerBuilder(cel)
          .addAstOptimizers(ConstantFoldingOptimizer.getInstance()).build().optimize(ast);
      this.program = cel.createProgram(ast);
    } catch (CelValidationException | CelOptimizationException | CelEvaluationException e) {
      throw new IllegalStateException("the CEL policy does not compile: " + e.getMessage(), e);
    }
  }

  @Override
  public String name() {
    return "cel";
  }

  @Override
  public boolean allows(PeerRequest r) {
    CelVariableResolver vars = name -> Optional.ofNullable(variable(r, name));
    try {
      return (Boolean) program.eval(vars);
    } catch (CelEvaluationException e) {
      throw new IllegalStateException("CEL failed: " + e.getMessage(), e);
    }
  }

  private Object variable(PeerRequest r, String name) {
    PeerRequest.Evidence e = r.evidence();
    return switch (name) {
      case "lanes" -> lanes;
      case "allowed_hosts" -> allowedHosts;
      case "lane" -> (long) r.lane();
      case "mapped" -> r.mapped();
      case "caps" -> r.capabilities();
      case "reads" -> r.readPaths();
      case "writes" -> r.writePaths();
      case "hosts" -> r.hosts();
      case "tests_run" -> e.testsRun();
      case "tests_failed" -> (long) e.testsFailed();
      case "files_touched" -> (long) e.filesTouched();
      case "files_stated" -> e.filesTouchedStated();
      case "assumptions_stated" -> e.assumptionsStated();
      case "confidence" -> e.confidence();
      case "rollback_plan" -> e.rollbackPlan();
      default -> null;
    };
  }

  /** The policy as one CEL expression. */
  public static String expression(PeerPolicy.Rules rules) {
    String lanes = "lanes";
    String approval = PeerPolicy.APPROVAL_CAPABILITIES.stream().sorted().map(c -> "\"" + c + "\": true")
        .collect(Collectors.joining(", ", "{", "}"));
    String secret = regex(rules.secretGlobs());
    String prot = regex(rules.protectedGlobs());
    String outside = "(!p.startsWith(\"/\") || p.startsWith(\"/tmp/\") || p == \"/dev/null\")";
    String exactHosts = "allowed_hosts";
    List<String> wild = rules.hosts().stream().filter(h -> h.startsWith("*.")).map(h -> h.substring(2)).toList();
    String wildHosts = wild.isEmpty() ? "false"
        : "h.matches('^.+\\\\.(" + wild.stream().map(w -> w.replace(".", "\\\\.")).collect(Collectors.joining("|"))
            + ")$')";
    return String.join("\n&& ",
        "mapped",
        "caps.all(c, c in " + lanes + " && " + lanes + "[c] <= lane)",                       // R2
        "!caps.exists(c, c in " + approval + ")",                                              // R9
        "!caps.exists(c, " + lanes + "[c] == " + PeerPolicy.PRODUCTION + ")",                  // R10
        "reads.all(p, !p.matches('" + secret + "') && " + outside + ")",                       // R3, R5
        "writes.all(p, !p.matches('" + secret + "') && !p.matches('" + prot + "') && " + outside + ")", // R3-R5
        "hosts.all(h, h in " + exactHosts + " || " + wildHosts + ")",                          // R6
        "(!caps.exists(c, " + lanes + "[c] >= " + PeerPolicy.GOVERNED + ") || (tests_run && files_stated"
            + " && assumptions_stated && confidence >= 0.0 && tests_failed == 0 && files_touched <= "
            + PeerPolicy.MAX_FILES + " && confidence >= " + PeerPolicy.MIN_CONFIDENCE + "))",  // R7
        "(!caps.exists(c, " + lanes + "[c] >= " + PeerPolicy.STAGING + ") || rollback_plan)"); // R8
  }

  /** One RE2 alternation of the globs' regular expressions, escaped for a single-quoted CEL string. */
  private static String regex(List<String> globs) {
    return globs.stream().map(ReferencePeer::regexOf).map(r -> r.replace("\\", "\\\\"))
        .collect(Collectors.joining("|"));
  }
}
