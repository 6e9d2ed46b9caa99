package dev.agentlane.testkit.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Enumeration;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.engine.JupiterTestEngine;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Proves that this module really runs on JUnit Jupiter 5 / Platform 1.x: if a JUnit 6 jar leaked onto the
 * test class path (say, through the parent's junit-bom import), the testkit's tests would silently run on 6.
 */
class JUnit5RuntimeTest {
  @Test
  void theJupiterEngineRunningTheseTestsIsVersion5() {
    assertThat(new JupiterTestEngine().getVersion()).hasValueSatisfying(v -> assertThat(v).startsWith("5."));
    assertThat(Test.class.getPackage().getImplementationVersion()).startsWith("5.");
    assertThat(JupiterTestEngine.class.getPackage().getImplementationVersion()).startsWith("5.");
  }

  @Test
  void thePlatformIsVersion1() {
    assertThat(LauncherFactory.class.getPackage().getImplementationVersion()).startsWith("1.");
    assertThat(EngineTestKit.class.getPackage().getImplementationVersion()).startsWith("1.");
  }

  @Test
  void everyJUnitJarOnTheClassPathIsFromJUnit5() throws IOException {
    Map<String, String> junit = junitJarsOnTheClassPath();

    assertThat(junit).containsKeys("junit-jupiter-api", "junit-jupiter-engine", "junit-jupiter-params",
        "junit-platform-commons", "junit-platform-engine", "junit-platform-launcher", "junit-platform-testkit");
    junit.forEach((name, version) -> {
      if (name.startsWith("junit-jupiter")) {
        assertThat(version).as(name).startsWith("5.");
      } else {
        assertThat(version).as(name).startsWith("1.");
      }
    });
  }

  /** Implementation-Title to Implementation-Version of every JUnit jar the test class loader sees. */
  private static Map<String, String> junitJarsOnTheClassPath() throws IOException {
    Map<String, String> found = new TreeMap<>();
    Enumeration<URL> manifests = JUnit5RuntimeTest.class.getClassLoader().getResources("META-INF/MANIFEST.MF");
    while (manifests.hasMoreElements()) {
      URL url = manifests.nextElement();
      Attributes main;
      try (InputStream in = url.openStream()) {
        main = new Manifest(in).getMainAttributes();
      }
      String title = main.getValue(Attributes.Name.IMPLEMENTATION_TITLE);
      String vendor = main.getValue(Attributes.Name.IMPLEMENTATION_VENDOR);
      if (title != null && title.startsWith("junit-") && (vendor == null || vendor.equals("junit.org"))) {
        String version = main.getValue(Attributes.Name.IMPLEMENTATION_VERSION);
        String previous = found.put(title, version);
        assertThat(previous).as("two copies of " + title + " (" + url + ")").isNull();
      }
    }
    return found;
  }
}
