package dev.agentlane;

import java.util.Objects;

/**
 * Something an action touches: a workspace path, a shell command line, a URL, an environment, a
 * branch or a service.
 *
 * <p>Immutable. Resources can be declared on an {@link Action} by the runtime; the engine also
 * extracts them from tool arguments through the policy's tool mappings. Raw values are kept as
 * given: the engine normalizes them (paths against the workspace root, URLs to canonical hosts,
 * command lines into the commands they run) before matching any rule.
 */
public sealed interface Resource {

  /** A file or directory path, relative to the workspace root or absolute. */
  record PathResource(String path, Access access) implements Resource {
    /** Checks for null. */
    public PathResource {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(access, "access");
    }
  }

  /** A shell command line, parsed by the engine into every command it would run. */
  record CommandResource(String line) implements Resource {
    /** Checks for null. */
    public CommandResource {
      Objects.requireNonNull(line, "line");
    }
  }

  /** A URL or bare host the action contacts. */
  record UrlResource(String url) implements Resource {
    /** Checks for null. */
    public UrlResource {
      Objects.requireNonNull(url, "url");
    }
  }

  /** A deployment environment such as {@code staging} or {@code production}. */
  record EnvironmentResource(String name) implements Resource {
    /** Checks for null. */
    public EnvironmentResource {
      Objects.requireNonNull(name, "name");
    }
  }

  /** A version-control branch such as {@code main}. */
  record BranchResource(String name) implements Resource {
    /** Checks for null. */
    public BranchResource {
      Objects.requireNonNull(name, "name");
    }
  }

  /** A service the action affects, counted by the blast-radius stop condition. */
  record ServiceResource(String name) implements Resource {
    /** Checks for null. */
    public ServiceResource {
      Objects.requireNonNull(name, "name");
    }
  }

  /** A path the action reads. */
  static PathResource read(String path) {
    return new PathResource(path, Access.READ);
  }

  /** A path the action creates, changes or deletes. */
  static PathResource write(String path) {
    return new PathResource(path, Access.WRITE);
  }

  /** A shell command line. */
  static CommandResource command(String line) {
    return new CommandResource(line);
  }

  /** A URL or bare host. */
  static UrlResource url(String url) {
    return new UrlResource(url);
  }

  /** A deployment environment. */
  static EnvironmentResource environment(String name) {
    return new EnvironmentResource(name);
  }

  /** A branch. */
  static BranchResource branch(String name) {
    return new BranchResource(name);
  }

  /** A service. */
  static ServiceResource service(String name) {
    return new ServiceResource(name);
  }
}
