package dev.agentlane.benchmarks.peers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The benchmark policy as plain data, the single source from which every peer engine's policy text (Cedar
 * policies, a CEL expression, a Casbin model, SAPL documents, Rego) is written. The agentlane form of the
 * same policy is {@code benchmark-policy.yaml}; a test checks the two agree.
 *
 * <h2>Decision rules</h2>
 *
 * A {@link PeerRequest} is <b>allowed</b> exactly when all of these hold ({@link ReferencePeer} is the
 * executable form; any other outcome is "not allowed", whatever agentlane's verdict among ESCALATE, DENY
 * and HALT):
 *
 * <ol>
 *   <li>R1 mapped: {@code mapped} is true.
 *   <li>R2 lane: every capability is in {@link #CAPABILITIES} with a lane index {@code <=} the request's.
 *   <li>R3 secrets: no read or write path matches a {@link #SECRET_GLOBS} pattern (agentlane: HALT).
 *   <li>R4 protected: no write path matches a {@link #PROTECTED_GLOBS} pattern (agentlane: ESCALATE).
 *   <li>R5 outside: every absolute path starts with {@code /tmp/} or is {@code /dev/null}.
 *   <li>R6 hosts: every host equals a {@link #HOSTS} entry, or is a strict subdomain of a {@code *.}
 *       entry ({@code a.github.com} matches {@code *.github.com}; {@code github.com} does not).
 *   <li>R7 governed evidence: when a capability's lane is {@code >=} {@link #GOVERNED}: tests run, files
 *       touched stated, assumptions stated, confidence stated; no failed test; files touched {@code <=}
 *       {@link #MAX_FILES}; confidence {@code >=} {@link #MIN_CONFIDENCE}.
 *   <li>R8 staging evidence: when a capability's lane is {@code >=} {@link #STAGING}: a rollback plan.
 *   <li>R9 approval: no capability is in {@link #APPROVAL_CAPABILITIES} (they escalate to a human).
 *   <li>R10 production: no capability has lane {@link #PRODUCTION} (agentlane escalates them through
 *       its catalogue or denies them; the peers do not model a catalogue).
 * </ol>
 *
 * <h2>Glob semantics</h2>
 *
 * Patterns are matched against lower-case, {@code /}-separated paths. A pattern is one path segment in
 * which {@code *} matches any run of characters other than {@code /}; it matches a path when <em>any</em>
 * segment of the path matches it (so {@code secrets} matches {@code secrets}, {@code a/secrets/b} and
 * {@code secrets/x}, and {@code *.pem} matches {@code deploy/tls/server.pem}). Patterns with a {@code /}
 * inside ({@code .github/workflows}) match when consecutive segments match, anywhere in the path.
 */
public final class PeerPolicy {

  private PeerPolicy() {}

  /** The lanes, lowest first. */
  public static final List<String> LANES = List.of("draft", "sandbox", "governed", "staging", "production");

  public static final int DRAFT = 0;
  public static final int SANDBOX = 1;
  public static final int GOVERNED = 2;
  public static final int STAGING = 3;
  public static final int PRODUCTION = 4;

  /** Capability name to the index of the lane that earns it (40 capabilities). */
  public static final Map<String, Integer> CAPABILITIES = capabilities();

  /** Any access to these halts the pair. */
  public static final List<String> SECRET_GLOBS = List.of(
      ".env", ".env.*", "*.pem", "*.key", "*.p12", "id_rsa*", "id_ed25519*", ".ssh", ".aws", ".gnupg",
      "secrets", ".npmrc", ".pypirc", ".netrc", ".git-credentials", "credentials.json", "*.kdbx");

  /** Writing to these escalates. */
  public static final List<String> PROTECTED_GLOBS = List.of(
      "infra", "terraform", "*.tf", "*.tfvars", "k8s", "helm", "dockerfile", "docker-compose*.yml",
      ".github/workflows", ".gitlab-ci.yml", "jenkinsfile", ".circleci", ".git", "codeowners");

  /** Hosts network capabilities may reach: exact names, or {@code *.} for strict subdomains. */
  public static final List<String> HOSTS = List.of(
      "github.com", "*.github.com", "registry.npmjs.org", "repo.maven.apache.org", "pypi.org",
      "files.pythonhosted.org", "proxy.golang.org", "crates.io", "static.crates.io");

  /** Blast radius: most files a governed change may touch. */
  public static final int MAX_FILES = 30;

  /** Lowest stated confidence for a governed change. */
  public static final double MIN_CONFIDENCE = 0.6;

  /** Capabilities that always need a human's approval. */
  public static final Set<String> APPROVAL_CAPABILITIES = Set.of("config.edit", "automation.update");

  private static Map<String, Integer> capabilities() {
    Map<String, Integer> m = new LinkedHashMap<>();
    // draft: read and suggest (8)
    for (String c : List.of("code.read", "patch.propose", "docs.read", "issues.read", "logs.read",
        "metrics.read", "deps.audit", "history.read")) {
      m.put(c, DRAFT);
    }
    // sandbox: execute in isolation (12)
    for (String c : List.of("tests.run", "build.run", "lint.run", "format.run", "command.exec",
        "workspace.write", "net.fetch", "deps.install", "bench.run", "docs.build", "container.build",
        "db.migrate.local")) {
      m.put(c, SANDBOX);
    }
    // governed: shared changes (10)
    for (String c : List.of("branch.write", "pr.open", "pr.comment", "issue.comment", "config.edit",
        "release-notes.write", "automation.update", "deps.update", "docs.publish", "schema.change")) {
      m.put(c, GOVERNED);
    }
    // staging (6)
    for (String c : List.of("deploy.staging", "integration.run", "rollback.verify", "db.migrate.staging",
        "flags.staging", "load.test")) {
      m.put(c, STAGING);
    }
    // production (4)
    for (String c : List.of("deploy.production", "hotfix.push", "infra.change", "incident.remediate")) {
      m.put(c, PRODUCTION);
    }
    return java.util.Collections.unmodifiableMap(m);
  }
}
