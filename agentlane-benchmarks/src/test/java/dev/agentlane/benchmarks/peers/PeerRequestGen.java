package dev.agentlane.benchmarks.peers;

import dev.agentlane.testkit.gen.Gen;
import dev.agentlane.testkit.gen.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Seeded random {@link PeerRequest}s over {@link PeerPolicy}'s capabilities, globs and hosts, weighted
 * towards the places where a translation of the rules goes wrong: segment boundaries of globs
 * ({@code .env.d/x}, {@code .envrc}, {@code secretsx}), {@code /tmp} versus {@code /tmp/} and
 * {@code /tmpx}, {@code /dev/null} versus {@code /dev/nullx}, strict subdomains ({@code .github.com},
 * {@code evilgithub.com}), line terminators after a path, unknown capabilities, and the evidence thresholds
 * exactly at, just under and just over their bounds. About one request in five is allowed.
 *
 * <p>Immutable; the randomness is the {@link Source}'s. Shrinks by emptying or shortening one list, or
 * dropping the evidence.
 */
final class PeerRequestGen implements Gen<PeerRequest> {

  static final List<String> CAPABILITIES = List.copyOf(PeerPolicy.CAPABILITIES.keySet());

  static final List<String> UNKNOWN_CAPABILITIES = List.of(
      "code.write", "CODE.READ", "code.read ", "", "deploy", "tests.run.all", "*", "code", "pr.open\n");

  static final List<String> PRINCIPALS = List.of("agent-1/ci", "agent-17/fixes", "agent-404/docs");

  static final List<String> TOOLS = List.of("read_file", "write_file", "bash", "fetch", "open_pr");

  static final List<String> PLAIN_PATHS = List.of(
      "src/main/java/app.java", "readme.md", "docs/guide.md", "build/out.txt", "pom.xml", "package.json",
      "test/app_test.py", "lib/env.js", "environment/config.yml");

  /** Paths one character or one segment away from a rule's boundary. */
  static final List<String> CORNER_PATHS = List.of(
      ".env", ".env.local", ".env.d/x", "config/.env", ".envrc", "env", ".env.", "a/.env/b", "x.env",
      "secrets", "secrets/db.txt", "a/secrets/b", "secretsx/y", "mysecrets", "secret",
      "deploy/tls/server.pem", "server.pem.bak", "pem", "id_rsa", "id_rsa.pub", "home/.ssh/config",
      "ssh/config", ".aws/credentials", "credentials.json", "credentials.json5", ".npmrc", "a.kdbx",
      "infra/main.tf", "infrastructure/x", "terraform", "main.tf", "tf", "prod.tfvars", "k8s/deploy.yml",
      "helm/chart.yaml", "dockerfile", "dockerfile.dev", "docker-compose.yml", "docker-compose.prod.yml",
      "docker-compose.yaml", ".github/workflows/ci.yml", ".github/workflowsx/ci.yml", ".github/ci.yml",
      "a/.github/workflows", "workflows/.github", ".gitlab-ci.yml", "jenkinsfile", ".circleci/config.yml",
      ".git/config", ".gitignore", "codeowners", "docs/codeowners.md",
      "/tmp/x", "/tmp/", "/tmp", "/tmpx/y", "/tmp/.env", "/tmp/secrets/x", "/tmp/infra/a", "/dev/null",
      "/dev/nullx", "/dev/null/x", "/etc/passwd", "/", "/home/u/.ssh/id_rsa", "/var/tmp/x");

  /** Segments for composed paths: glob matches and near misses. */
  static final List<String> SEGMENTS = List.of(
      "src", "app.java", "x", ".env", ".env.d", ".envrc", ".env.prod", "secrets", "secretsx", "a.pem",
      "id_ed25519_sk", ".ssh", ".gnupg", ".pypirc", ".netrc", ".git-credentials", "infra", "k8s", "helm",
      "main.tf", ".github", "workflows", ".git", "codeowners", "jenkinsfile", "tmp", "dev", "null", "a b",
      "\u00fc");

  static final List<String> LINE_ENDINGS = List.of("\n", "\r\n", "\r", "\u2028", "\u0085", "\n\n", "/");

  static final List<String> GOOD_HOSTS = List.of(
      "github.com", "api.github.com", "a.b.github.com", "registry.npmjs.org", "repo.maven.apache.org",
      "pypi.org", "files.pythonhosted.org", "proxy.golang.org", "crates.io", "static.crates.io");

  static final List<String> BAD_HOSTS = List.of(
      ".github.com", "evilgithub.com", "github.com.evil.io", "xgithub.com", "github.co", "npmjs.org",
      "x.crates.io", "x.pypi.org", "pypi.org.", "", "githubxcom", "evil.example", "api.github.com\n");

  static final List<Double> CONFIDENCES = List.of(
      -1.0, 0.0, 0.3, 0.5999999999999999, 0.6, 0.6000000000000001, 0.61, 0.9, 1.0);

  @Override
  public PeerRequest generate(Source s) {
    int lane = s.nextInt(PeerPolicy.LANES.size());
    List<String> capabilities = new ArrayList<>();
    for (int i = s.nextInt(4); i > 0; i--) {
      capabilities.add(capability(s, lane));
    }
    List<String> reads = list(s, 3, this::path);
    List<String> writes = list(s, 2, this::path);
    List<String> hosts = list(s, 2, x -> x.nextInt(10) < 6 ? x.pick(GOOD_HOSTS) : x.pick(BAD_HOSTS));
    return new PeerRequest(s.pick(PRINCIPALS), lane, s.pick(TOOLS), s.nextInt(100) < 93,
        capabilities.stream().distinct().toList(), reads, writes, hosts, evidence(s));
  }

  private static String capability(Source s, int lane) {
    int roll = s.nextInt(100);
    if (roll < 8) {
      return s.pick(UNKNOWN_CAPABILITIES);
    }
    if (roll < 75) { // mostly capabilities the lane has earned, so that some requests pass R2
      List<String> earned = CAPABILITIES.stream().filter(c -> PeerPolicy.CAPABILITIES.get(c) <= lane).toList();
      return s.pick(earned);
    }
    return s.pick(CAPABILITIES);
  }

  private static List<String> list(Source s, int max, Function<Source, String> element) {
    List<String> out = new ArrayList<>();
    for (int i = s.nextInt(max + 1); i > 0; i--) {
      out.add(element.apply(s));
    }
    return out;
  }

  private String path(Source s) {
    int roll = s.nextInt(100);
    String path;
    if (roll < 55) {
      path = s.pick(PLAIN_PATHS);
    } else if (roll < 80) {
      path = s.pick(CORNER_PATHS);
    } else {
      StringBuilder b = new StringBuilder(switch (s.nextInt(6)) {
        case 0 -> "/tmp/";
        case 1 -> "/";
        default -> "";
      });
      for (int i = s.between(1, 4); i > 0; i--) {
        b.append(s.pick(SEGMENTS)).append(i > 1 ? "/" : "");
      }
      path = b.toString();
    }
    return s.nextInt(100) < 4 ? path + s.pick(LINE_ENDINGS) : path;
  }

  private static PeerRequest.Evidence evidence(Source s) {
    int roll = s.nextInt(100);
    if (roll < 20) {
      return PeerRequest.Evidence.NONE;
    }
    if (roll < 65) { // sufficient for governed work, sometimes exactly at the bounds
      int files = s.nextInt(3) == 0 ? PeerPolicy.MAX_FILES : s.between(1, PeerPolicy.MAX_FILES);
      double confidence = s.nextInt(3) == 0 ? PeerPolicy.MIN_CONFIDENCE : 0.6 + 0.4 * s.nextDouble();
      return new PeerRequest.Evidence(true, true, 0, files, true, true, confidence, s.nextInt(10) < 7);
    }
    return new PeerRequest.Evidence(true, s.nextInt(10) < 8, s.nextInt(4) == 0 ? s.between(1, 3) : 0,
        s.pick(List.of(0, 1, 29, 30, 31, 200)), s.nextInt(10) < 8, s.nextInt(10) < 8, s.pick(CONFIDENCES),
        s.nextBoolean());
  }

  @Override
  public List<PeerRequest> shrink(PeerRequest r) {
    List<PeerRequest> out = new ArrayList<>();
    if (!r.evidence().equals(PeerRequest.Evidence.NONE)) {
      out.add(with(r, r.capabilities(), r.readPaths(), r.writePaths(), r.hosts(), PeerRequest.Evidence.NONE));
    }
    for (int i = 0; i < r.capabilities().size(); i++) {
      out.add(with(r, without(r.capabilities(), i), r.readPaths(), r.writePaths(), r.hosts(), r.evidence()));
    }
    for (int i = 0; i < r.readPaths().size(); i++) {
      out.add(with(r, r.capabilities(), without(r.readPaths(), i), r.writePaths(), r.hosts(), r.evidence()));
    }
    for (int i = 0; i < r.writePaths().size(); i++) {
      out.add(with(r, r.capabilities(), r.readPaths(), without(r.writePaths(), i), r.hosts(), r.evidence()));
    }
    for (int i = 0; i < r.hosts().size(); i++) {
      out.add(with(r, r.capabilities(), r.readPaths(), r.writePaths(), without(r.hosts(), i), r.evidence()));
    }
    return out;
  }

  private static PeerRequest with(PeerRequest r, List<String> capabilities, List<String> reads,
      List<String> writes, List<String> hosts, PeerRequest.Evidence evidence) {
    return new PeerRequest(r.principal(), r.lane(), r.tool(), r.mapped(), capabilities, reads, writes, hosts,
        evidence);
  }

  private static List<String> without(List<String> values, int index) {
    List<String> out = new ArrayList<>(values);
    out.remove(index);
    return out;
  }
}
