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
 * {@code secrets/x}, and {@code *.pem} matches {@code deploy/tls/server.pem}). A pattern with a {@code /}
 * inside ({@code .github/workflows}) is anchored, as in agentlane (and gitignore): it matches when the
 * path starts with those segments ({@code .github/workflows/ci.yml}, or {@code /.github/workflows/x}
 * outside the workspace), not deeper ({@code sub/.github/workflows/ci.yml} does not match).
 *
 * <h2>What agentlane does beyond these rules</h2>
 *
 * The workload never generates these cases, so that the comparison compares the rules above: agentlane
 * also escalates a write to a directory above an anchored pattern ({@code rm -rf .github}) or to the
 * workspace root; it allows {@code /dev/stdout} and {@code /dev/stderr} besides {@code /dev/null}; its
 * outside-path glob {@code /tmp/**} is case-sensitive (peers see lower-cased paths); it denies
 * inconsistent evidence (confidence outside 0..1, a test run with no test, a written file the
 * files-touched list does not name) in any lane; it halts a pair that exceeds 300 attempts a minute.
 *
 * <h2>Policy size</h2>
 *
 * {@link #BASE} holds the lists above; {@link #scaled(int)} grows them for the scaling benchmark.
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

  /** The number of entries (capabilities, sensitive globs, hosts) of the base policy. */
  public static final int BASE_ENTRIES =
      CAPABILITIES.size() + SECRET_GLOBS.size() + PROTECTED_GLOBS.size() + HOSTS.size();

  /** The base policy's lists as one value. */
  public static final Rules BASE = new Rules(CAPABILITIES, SECRET_GLOBS, PROTECTED_GLOBS, HOSTS);

  /**
   * The lists a policy of this shape is made of: what grows when a policy grows. The decision rules
   * (R1 to R10), the lanes, {@link #MAX_FILES}, {@link #MIN_CONFIDENCE} and
   * {@link #APPROVAL_CAPABILITIES} are the same for every size. Immutable.
   *
   * @param capabilities capability name to lane index, in a stable order
   * @param secretGlobs globs any access to which halts
   * @param protectedGlobs globs writing to which escalates
   * @param hosts allowed hosts ({@code *.} for strict subdomains)
   */
  public record Rules(
      Map<String, Integer> capabilities, List<String> secretGlobs, List<String> protectedGlobs, List<String> hosts) {

    /** Copies the lists. */
    public Rules {
      capabilities = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(capabilities));
      secretGlobs = List.copyOf(secretGlobs);
      protectedGlobs = List.copyOf(protectedGlobs);
      hosts = List.copyOf(hosts);
    }

    /** Capabilities, globs and hosts, counted together. */
    public int entries() {
      return capabilities.size() + secretGlobs.size() + protectedGlobs.size() + hosts.size();
    }

    /** The capabilities added to the base policy's (none for {@link #BASE}), in order. */
    public List<String> extraCapabilities() {
      return capabilities.keySet().stream().filter(c -> !CAPABILITIES.containsKey(c)).toList();
    }
  }

  /**
   * The base policy grown to {@code entries} entries: half of the added entries are capabilities
   * ({@code ext.cap00001}, lanes cycling draft to staging), a quarter secret globs (literal names such as
   * {@code vault-00002}, suffix patterns such as {@code *.seal00003}, prefix patterns such as
   * {@code seal00004-*}) and a quarter hosts ({@code mirror00005.example.org}, every fourth as
   * {@code *.cdn00006.example.net}). Nothing the workload generates matches an added entry, so every
   * size decides the workload exactly as the base policy does.
   *
   * @throws IllegalArgumentException if {@code entries} is below {@link #BASE_ENTRIES}
   */
  public static Rules scaled(int entries) {
    if (entries < BASE_ENTRIES) {
      throw new IllegalArgumentException("entries must be >= " + BASE_ENTRIES + " (the base policy) but was " + entries);
    }
    int extra = entries - BASE_ENTRIES;
    int caps = extra / 2;
    int globs = (extra - caps) / 2;
    int hosts = extra - caps - globs;
    Map<String, Integer> c = new LinkedHashMap<>(CAPABILITIES);
    List<String> s = new java.util.ArrayList<>(SECRET_GLOBS);
    List<String> h = new java.util.ArrayList<>(HOSTS);
    int n = 0;
    for (int i = 0; i < caps; i++) {
      c.put(String.format("ext.cap%05d", ++n), i % 4);
    }
    for (int i = 0; i < globs; i++) {
      n++;
      s.add(switch (i % 3) {
        case 0 -> String.format("vault-%05d", n);
        case 1 -> String.format("*.seal%05d", n);
        default -> String.format("seal%05d-*", n);
      });
    }
    for (int i = 0; i < hosts; i++) {
      n++;
      h.add(i % 4 == 3 ? String.format("*.cdn%05d.example.net", n) : String.format("mirror%05d.example.org", n));
    }
    return new Rules(c, s, PROTECTED_GLOBS, h);
  }

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
