package dev.agentlane.benchmarks.peers;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
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
 * ({@link #expression}), written from {@link PeerPolicy}, compiled and type-checked once;
 * each request is an activation whose variables ({@code lane}, {@code mapped}, {@code caps},
 * {@code reads}, {@code writes}, {@code hosts} and the evidence fields) are read straight from the
 * {@link PeerRequest} by a variable resolver, without building a map per call. The tables of the
 * policy (capability to lane, approval capabilities, exact host names, literal glob names) are CEL maps
 * built once and passed as variables too (as Kubernetes passes a policy's parameters), so that a lookup
 * is a hash lookup: written into the expression as literals, they are rebuilt on every evaluation, and
 * CEL's constant folding, which would fold them, gives up from 1,000 entries on ("max iteration count
 * reached").
 *
 * <p>Globs are tested segment by segment ({@code p.split('/').exists(s, ...)}, CEL's strings extension):
 * literal names ({@code .env}) through a map, {@code *.pem} as {@code s.endsWith('.pem')},
 * {@code id_rsa*} as {@code s.startsWith('id_rsa')}; anchored globs ({@code .github/workflows}) as
 * {@code startsWith} on the path. That is exact for every glob, and several times faster in CEL-Java than
 * the same globs as RE2 regular expressions ({@code matches}), which was the first version. CEL's
 * {@code all} and {@code exists} macros quantify over the lists.
 *
 * <p>Not thread-safe by contract of {@link PeerEngine} (the compiled program itself is immutable).
 */
public final class CelPeer implements PeerEngine {

  private final CelRuntime.Program program;
  private final Map<String, Long> lanes;
  private final Map<String, Boolean> allowedHosts;
  private final Map<String, Boolean> secretNames;
  private final Map<String, Boolean> approvalCaps;
  private final Map<String, Boolean> protectedNames;

  /** A CEL program for {@code rules}. */
  public CelPeer(PeerPolicy.Rules rules) {
    Map<String, Long> l = new LinkedHashMap<>();
    rules.capabilities().forEach((c, lane) -> l.put(c, (long) lane));
    this.lanes = Map.copyOf(l);
    Map<String, Boolean> h = new LinkedHashMap<>();
    rules.hosts().stream().filter(x -> !x.startsWith("*.")).forEach(x -> h.put(x, true));
    this.allowedHosts = Map.copyOf(h);
    this.secretNames = literals(rules.secretGlobs());
    this.approvalCaps = literals(List.copyOf(PeerPolicy.APPROVAL_CAPABILITIES));
    this.protectedNames = literals(rules.protectedGlobs());
    Cel cel = CelFactory.standardCelBuilder()
        // The default limits (100,000 code points of expression) refuse the 10,000-entry policy.
        .setOptions(CelOptions.current().maxExpressionCodePointSize(4_000_000).maxRegexProgramSize(4_000_000).build())
        .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
        .addCompilerLibraries(CelExtensions.strings())
        .addRuntimeLibraries(CelExtensions.strings())
        .addVar("approval_caps", MapType.create(SimpleType.STRING, SimpleType.BOOL))
        .addVar("secret_names", MapType.create(SimpleType.STRING, SimpleType.BOOL))
        .addVar("protected_names", MapType.create(SimpleType.STRING, SimpleType.BOOL))
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
      this.program = cel.createProgram(ast);
    } catch (CelValidationException | CelEvaluationException e) {
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
      case "secret_names" -> secretNames;
      case "approval_caps" -> approvalCaps;
      case "protected_names" -> protectedNames;
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
    String approval = "approval_caps";
    String secret = matches("p", rules.secretGlobs(), "secret_names");
    String prot = matches("p", rules.protectedGlobs(), "protected_names");
    String outside = "(!p.startsWith(\"/\") || p.startsWith(\"/tmp/\") || p == \"/dev/null\")";
    String exactHosts = "allowed_hosts";
    List<String> wild = rules.hosts().stream().filter(h -> h.startsWith("*.")).map(h -> h.substring(2)).toList();
    String wildHosts = wild.isEmpty() ? "false" : wild.stream()
        .map(w -> "(h.endsWith('." + w + "') && size(h) > " + (w.length() + 1) + ")")
        .collect(Collectors.joining(" || "));
    return String.join("\n&& ",
        "mapped",
        "caps.all(c, c in " + lanes + " && " + lanes + "[c] <= lane)",                       // R2
        "!caps.exists(c, c in " + approval + ")",                                              // R9
        "!caps.exists(c, " + lanes + "[c] == " + PeerPolicy.PRODUCTION + ")",                  // R10
        "reads.all(p, !(" + secret + ") && " + outside + ")",                                 // R3, R5
        "writes.all(p, !(" + secret + ") && !(" + prot + ") && " + outside + ")",             // R3, R4, R5
        "hosts.all(h, h in " + exactHosts + " || " + wildHosts + ")",                          // R6
        "(!caps.exists(c, " + lanes + "[c] >= " + PeerPolicy.GOVERNED + ") || (tests_run && files_stated"
            + " && assumptions_stated && confidence >= 0.0 && tests_failed == 0 && files_touched <= "
            + PeerPolicy.MAX_FILES + " && confidence >= " + PeerPolicy.MIN_CONFIDENCE + "))",  // R7
        "(!caps.exists(c, " + lanes + "[c] >= " + PeerPolicy.STAGING + ") || rollback_plan)"); // R8
  }

  /** The literal globs ({@code .env}, {@code secrets}) as a CEL map for {@code in}. */
  private static Map<String, Boolean> literals(List<String> globs) {
    Map<String, Boolean> m = new LinkedHashMap<>();
    globs.stream().filter(g -> g.indexOf('*') < 0 && g.indexOf('/') < 0).forEach(g -> m.put(g, true));
    return Map.copyOf(m);
  }

  /**
   * The CEL condition "some segment of {@code path} matches one of {@code globs}", or "the path starts
   * with" an anchored glob: literal names are looked up in the map variable {@code names}, the others
   * are {@code startsWith} / {@code endsWith} tests on the segments of {@code path.split('/')}.
   */
  static String matches(String path, List<String> globs, String names) {
    List<String> segment = new java.util.ArrayList<>();
    segment.add("s in " + names);
    List<String> anchored = new java.util.ArrayList<>();
    for (String g : globs) {
      int star = g.indexOf('*');
      if (g.indexOf('/') > 0) {
        anchored.add(path + " == '" + g + "' || " + path + ".startsWith('" + g + "/') || " + path + " == '/" + g
            + "' || " + path + ".startsWith('/" + g + "/')");
      } else if (star < 0) {
        continue; // in the map
      } else if (star == 0) {
        segment.add("s.endsWith('" + g.substring(1) + "')");
      } else if (star == g.length() - 1) {
        segment.add("s.startsWith('" + g.substring(0, star) + "')");
      } else {
        String head = g.substring(0, star);
        String tail = g.substring(star + 1);
        segment.add("(s.startsWith('" + head + "') && s.endsWith('" + tail + "') && size(s) >= "
            + (head.length() + tail.length()) + ")");
      }
    }
    String bySegment = path + ".split('/').exists(s, " + String.join(" || ", segment) + ")";
    return anchored.isEmpty() ? bySegment : bySegment + " || " + String.join(" || ", anchored);
  }
}
