package dev.agentlane.benchmarks.peers;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The decision rules of {@link PeerPolicy} in plain Java: the oracle every peer engine (and agentlane,
 * through the workload generator) is checked against.
 *
 * <p>Immutable and thread-safe.
 */
public final class ReferencePeer implements PeerEngine {

  private final PeerPolicy.Rules rules;
  private final List<Pattern> secrets;
  private final List<Pattern> protectedPaths;

  /** The reference for the base policy. */
  public ReferencePeer() {
    this(PeerPolicy.BASE);
  }

  /** The reference for a policy of the given size ({@link PeerPolicy#scaled}). */
  public ReferencePeer(PeerPolicy.Rules rules) {
    this.rules = rules;
    this.secrets = compile(rules.secretGlobs());
    this.protectedPaths = compile(rules.protectedGlobs());
  }

  @Override
  public String name() {
    return "reference";
  }

  @Override
  public boolean allows(PeerRequest r) {
    return refusal(r) == null;
  }

  /**
   * The first rule that refuses the request, in the order R1, R2, R9, R10, R3/R4/R5 (reads, then
   * writes), R6, R7, R8, as {@code "R1"} to {@code "R10"}; {@code null} if the request is allowed.
   */
  public String refusal(PeerRequest r) {
    if (!r.mapped()) {
      return "R1";
    }
    int highest = -1;
    for (String c : r.capabilities()) {
      Integer lane = rules.capabilities().get(c);
      if (lane == null || lane > r.lane()) {
        return "R2";
      }
      if (PeerPolicy.APPROVAL_CAPABILITIES.contains(c)) {
        return "R9";
      }
      highest = Math.max(highest, lane);
    }
    if (highest == PeerPolicy.PRODUCTION) {
      return "R10";
    }
    for (String p : r.readPaths()) {
      if (matchesAny(secrets, p)) {
        return "R3";
      }
      if (!insideOrAllowedOutside(p)) {
        return "R5";
      }
    }
    for (String p : r.writePaths()) {
      if (matchesAny(secrets, p)) {
        return "R3";
      }
      if (matchesAny(protectedPaths, p)) {
        return "R4";
      }
      if (!insideOrAllowedOutside(p)) {
        return "R5";
      }
    }
    for (String h : r.hosts()) {
      if (!hostAllowed(rules.hosts(), h)) {
        return "R6";
      }
    }
    PeerRequest.Evidence e = r.evidence();
    if (highest >= PeerPolicy.GOVERNED) {
      if (!(e.testsRun() && e.filesTouchedStated() && e.assumptionsStated() && e.confidence() >= 0)) {
        return "R7";
      }
      if (e.testsFailed() > 0 || e.filesTouched() > PeerPolicy.MAX_FILES
          || e.confidence() < PeerPolicy.MIN_CONFIDENCE) {
        return "R7";
      }
    }
    if (highest >= PeerPolicy.STAGING && !e.rollbackPlan()) {
      return "R8";
    }
    return null;
  }

  static boolean insideOrAllowedOutside(String path) {
    return !path.startsWith("/") || path.startsWith("/tmp/") || path.equals("/dev/null");
  }

  static boolean hostAllowed(List<String> hosts, String host) {
    for (String h : hosts) {
      if (h.startsWith("*.")) {
        String suffix = h.substring(1); // ".github.com"
        if (host.endsWith(suffix) && host.length() > suffix.length()) {
          return true;
        }
      } else if (host.equals(h)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matchesAny(List<Pattern> patterns, String path) {
    for (Pattern p : patterns) {
      if (p.matcher(path).find()) {
        return true;
      }
    }
    return false;
  }

  /**
   * A glob as a regular expression over a whole path (see {@link PeerPolicy}'s glob semantics): a
   * one-segment glob as {@code (^|/)glob(/|$)}, an anchored one (with a {@code /} inside) as
   * {@code ^/?glob(/|$)}.
   */
  public static String regexOf(String glob) {
    StringBuilder sb = new StringBuilder(glob.indexOf('/') > 0 ? "^/?" : "(^|/)");
    for (char ch : glob.toCharArray()) {
      if (ch == '*') {
        sb.append("[^/]*");
      } else if (Character.isLetterOrDigit(ch) || ch == '/' || ch == '_' || ch == '-') {
        sb.append(ch);
      } else {
        sb.append('\\').append(ch);
      }
    }
    return sb.append("(/|$)").toString();
  }

  private static List<Pattern> compile(List<String> globs) {
    List<Pattern> out = new ArrayList<>();
    for (String g : globs) {
      out.add(Pattern.compile(regexOf(g)));
    }
    return List.copyOf(out);
  }
}
