package dev.agentlane.benchmarks.peers;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The decision rules of {@link PeerPolicy} in plain Java: the oracle every peer engine (and agentlane,
 * through the workload generator) is checked against.
 */
public final class ReferencePeer implements PeerEngine {

  private static final List<Pattern> SECRETS = compile(PeerPolicy.SECRET_GLOBS);
  private static final List<Pattern> PROTECTED = compile(PeerPolicy.PROTECTED_GLOBS);

  @Override
  public String name() {
    return "reference";
  }

  @Override
  public boolean allows(PeerRequest r) {
    if (!r.mapped()) {
      return false; // R1
    }
    int highest = -1;
    for (String c : r.capabilities()) {
      Integer lane = PeerPolicy.CAPABILITIES.get(c);
      if (lane == null || lane > r.lane()) {
        return false; // R2
      }
      if (PeerPolicy.APPROVAL_CAPABILITIES.contains(c)) {
        return false; // R9
      }
      highest = Math.max(highest, lane);
    }
    if (highest == PeerPolicy.PRODUCTION) {
      return false; // R10
    }
    for (String p : r.readPaths()) {
      if (matchesAny(SECRETS, p) || !insideOrAllowedOutside(p)) {
        return false; // R3, R5
      }
    }
    for (String p : r.writePaths()) {
      if (matchesAny(SECRETS, p) || matchesAny(PROTECTED, p) || !insideOrAllowedOutside(p)) {
        return false; // R3, R4, R5
      }
    }
    for (String h : r.hosts()) {
      if (!hostAllowed(h)) {
        return false; // R6
      }
    }
    PeerRequest.Evidence e = r.evidence();
    if (highest >= PeerPolicy.GOVERNED) { // R7
      if (!(e.testsRun() && e.filesTouchedStated() && e.assumptionsStated() && e.confidence() >= 0)) {
        return false;
      }
      if (e.testsFailed() > 0 || e.filesTouched() > PeerPolicy.MAX_FILES
          || e.confidence() < PeerPolicy.MIN_CONFIDENCE) {
        return false;
      }
    }
    if (highest >= PeerPolicy.STAGING && !e.rollbackPlan()) {
      return false; // R8
    }
    return true;
  }

  static boolean insideOrAllowedOutside(String path) {
    return !path.startsWith("/") || path.startsWith("/tmp/") || path.equals("/dev/null");
  }

  static boolean hostAllowed(String host) {
    for (String h : PeerPolicy.HOSTS) {
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

  /** A segment glob as a regular expression over a whole path: {@code (^|/)glob(/|$)}. */
  public static String regexOf(String glob) {
    StringBuilder sb = new StringBuilder("(^|/)");
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
