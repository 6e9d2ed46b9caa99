package dev.agentlane.core.path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.agentlane.core.path.NormalizedPath.Location;
import dev.agentlane.core.path.PathNormalizer.Options;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Symbolic-link resolution against a real filesystem (POSIX hosts only). */
class SymlinkResolutionTest {

  private static final Options RESOLVING = new Options(false, false, true, 4096);

  @TempDir Path tmp;

  private Path workspace;
  private Path outside;
  private String realOutside;
  private PathNormalizer normalizer;

  @BeforeEach
  void setUp() throws IOException {
    assumeTrue(File.separatorChar == '/', "POSIX host");
    Path base = tmp.toRealPath();
    workspace = Files.createDirectories(base.resolve("ws"));
    outside = Files.createDirectories(base.resolve("outside/sub"));
    realOutside = base.resolve("outside").toString();
    Files.writeString(outside.resolve("secret.txt"), "s");
    Files.createDirectories(workspace.resolve("src"));
    Files.createDirectories(workspace.resolve("secrets"));
    Files.writeString(workspace.resolve("secrets/key"), "k");
    try {
      Files.createSymbolicLink(workspace.resolve("escape"), outside);
    } catch (UnsupportedOperationException | IOException e) {
      assumeTrue(false, "symbolic links not supported: " + e);
    }
    Files.createSymbolicLink(workspace.resolve("src/alias"), workspace.resolve("secrets"));
    Files.createSymbolicLink(workspace.resolve("dangling"), base.resolve("outside/nope/x"));
    Files.createSymbolicLink(workspace.resolve("loop1"), workspace.resolve("loop2"));
    Files.createSymbolicLink(workspace.resolve("loop2"), workspace.resolve("loop1"));
    normalizer = PathNormalizer.of(workspace.toString(), RESOLVING);
  }

  @Test
  void linkLeavingTheWorkspaceIsOutside() {
    NormalizedPath result = normalizer.normalize("escape/secret.txt");
    assertThat(result.location()).isEqualTo(Location.OUTSIDE);
    assertThat(result.path()).isEqualTo(realOutside + "/sub/secret.txt");
  }

  @Test
  void linkToANewFileOutsideIsOutside() {
    NormalizedPath result = normalizer.normalize("escape/not-yet-created/x");
    assertThat(result.location()).isEqualTo(Location.OUTSIDE);
    assertThat(result.path()).isEqualTo(realOutside + "/sub/not-yet-created/x");
  }

  @Test
  void dotDotAfterALinkLeavesTheLinkTarget() {
    // Lexically "escape/../x" is "x", inside; the kernel reads it as outside/x.
    NormalizedPath result = normalizer.normalize("escape/../secret.txt");
    assertThat(result.location()).isEqualTo(Location.OUTSIDE);
    assertThat(result.path()).isEqualTo(realOutside + "/secret.txt");
  }

  @Test
  void absoluteInputThroughALink() {
    NormalizedPath result = normalizer.normalize(workspace + "/escape/secret.txt");
    assertThat(result.location()).isEqualTo(Location.OUTSIDE);
    assertThat(result.path()).isEqualTo(realOutside + "/sub/secret.txt");
  }

  @Test
  void linkInsideTheWorkspaceResolvesToItsTarget() {
    NormalizedPath result = normalizer.normalize("src/alias/key");
    assertThat(result.location()).isEqualTo(Location.INSIDE);
    assertThat(result.path()).isEqualTo("secrets/key");
  }

  @Test
  void plainPathsAreUnchanged() {
    assertThat(normalizer.normalize("src/Main.java"))
        .isEqualTo(NormalizedPath.inside("src/Main.java", "src/Main.java"));
    assertThat(normalizer.normalize(".").path()).isEmpty();
    assertThat(normalizer.normalize("new/dir/file.txt").path()).isEqualTo("new/dir/file.txt");
  }

  @Test
  void danglingLinkCannotBeResolved() {
    NormalizedPath result = normalizer.normalize("dangling");
    assertThat(result.location()).isEqualTo(Location.INVALID);
    assertThat(result.problem()).startsWith("cannot resolve");
  }

  @Test
  void linkLoopCannotBeResolved() {
    NormalizedPath result = normalizer.normalize("loop1/x");
    assertThat(result.location()).isEqualTo(Location.INVALID);
    assertThat(result.problem()).startsWith("cannot resolve");
  }

  @Test
  void workspaceReachedThroughALinkedRoot() throws IOException {
    Path linkedRoot = Files.createSymbolicLink(tmp.toRealPath().resolve("ws-link"), workspace);
    PathNormalizer viaLink = PathNormalizer.of(linkedRoot.toString(), RESOLVING);
    assertThat(viaLink.normalize("src/x").path()).isEqualTo("src/x");
    assertThat(viaLink.normalize(linkedRoot + "/src/x").path()).isEqualTo("src/x");
    assertThat(viaLink.normalize("escape/secret.txt").location()).isEqualTo(Location.OUTSIDE);
  }

  @Test
  void lexicallyOutsideStaysOutsideEvenIfALinkLeadsBackIn() throws IOException {
    Path back = Files.createSymbolicLink(tmp.toRealPath().resolve("back"), workspace);
    NormalizedPath result = normalizer.normalize("../back/src");
    assertThat(result.location()).isEqualTo(Location.OUTSIDE);
    assertThat(result.path()).isEqualTo(back + "/src");
  }

  @Test
  void withoutTheOptionLinksAreNotFollowed() {
    PathNormalizer lexical = PathNormalizer.of(workspace.toString(), Options.defaults());
    assertThat(lexical.normalize("escape/secret.txt").location()).isEqualTo(Location.INSIDE);
  }

  @Test
  void missingRootFallsBackToLexical() {
    PathNormalizer missing = PathNormalizer.of(tmp + "/does-not-exist", RESOLVING);
    assertThat(missing.normalize("a/b").path()).isEqualTo("a/b");
    assertThat(missing.normalize("../x").location()).isEqualTo(Location.OUTSIDE);
  }

  @Test
  void nonHostFormsStayLexical() {
    assertThat(normalizer.normalize("~/.ssh").path()).isEqualTo("~/.ssh");
    assertThat(normalizer.normalize("C:\\x").path()).isEqualTo("/C:/x");
    assertThat(normalizer.normalize("a\u0000").location()).isEqualTo(Location.INVALID);
  }
}
