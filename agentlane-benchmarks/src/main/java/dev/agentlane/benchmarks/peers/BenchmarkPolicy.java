package dev.agentlane.benchmarks.peers;

import dev.agentlane.policy.Policy;
import dev.agentlane.policyfile.PolicyFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The agentlane form of {@link PeerPolicy}: {@code benchmark-policy.yaml} (the shipped default policy
 * with 40 capabilities), and the same file grown to the sizes of {@link PeerPolicy#scaled}.
 *
 * <p>Stateless.
 */
public final class BenchmarkPolicy {

  /** The resource holding the policy file. */
  public static final String RESOURCE = "benchmark-policy.yaml";

  private BenchmarkPolicy() {}

  /** The text of {@code benchmark-policy.yaml}. */
  public static String text() {
    try (InputStream in = BenchmarkPolicy.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The base policy, loaded. */
  public static Policy load() {
    return PolicyFiles.parse(text(), RESOURCE);
  }

  /**
   * The policy file for {@code rules}: the base file with every added capability (each with a tool
   * mapping of its own, {@code ext_tool_00001}, so that agentlane's tool index grows too), secret glob
   * and host written into its sections.
   *
   * @throws IllegalArgumentException if {@code rules} changes the protected globs (the scaled policies
   *     never do)
   */
  public static String text(PeerPolicy.Rules rules) {
    if (!rules.protectedGlobs().equals(PeerPolicy.PROTECTED_GLOBS)) {
      throw new IllegalArgumentException("only capabilities, secret globs and hosts can grow");
    }
    StringBuilder caps = new StringBuilder();
    StringBuilder tools = new StringBuilder();
    for (String c : rules.extraCapabilities()) {
      int lane = rules.capabilities().get(c);
      String effect = switch (lane) {
        case PeerPolicy.DRAFT -> "read";
        case PeerPolicy.SANDBOX -> "sandboxed";
        case PeerPolicy.PRODUCTION -> "production";
        default -> "shared-change";
      };
      caps.append("  ").append(c).append(": {lane: ").append(PeerPolicy.LANES.get(lane)).append(", effect: ")
          .append(effect).append("}\n");
      tools.append("  ").append(c.replace("ext.cap", "ext_tool_")).append(":\n    capabilities: [").append(c)
          .append("]\n");
    }
    StringBuilder globs = new StringBuilder();
    for (String g : rules.secretGlobs().subList(PeerPolicy.SECRET_GLOBS.size(), rules.secretGlobs().size())) {
      globs.append("      - \"").append(g).append("\"\n");
    }
    StringBuilder hosts = new StringBuilder();
    for (String h : rules.hosts().subList(PeerPolicy.HOSTS.size(), rules.hosts().size())) {
      hosts.append("  - \"").append(h).append("\"\n");
    }
    String text = text();
    for (Map.Entry<String, StringBuilder> e : Map.of(
        "  incident.remediate:   {lane: production, effect: production}\n", caps,
        "\ntools:\n", tools,
        "      - \"*.kdbx\"\n", globs,
        "  - static.crates.io\n", hosts).entrySet()) {
      int at = text.indexOf(e.getKey());
      if (at < 0) {
        throw new IllegalStateException("anchor '" + e.getKey().strip() + "' not found in " + RESOURCE);
      }
      int end = at + e.getKey().length();
      text = text.substring(0, end) + e.getValue() + text.substring(end);
    }
    return text;
  }

  /** The policy for {@code rules}, loaded. */
  public static Policy load(PeerPolicy.Rules rules) {
    return rules.entries() == PeerPolicy.BASE_ENTRIES ? load() : PolicyFiles.parse(text(rules), RESOURCE);
  }
}
