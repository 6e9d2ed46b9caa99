package dev.agentlane.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.GeneralCodingRules;
import dev.agentlane.PolicyEngine;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module boundary is mechanical: these rules guard it. */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.agentlane");
  }

  @Test
  void apiDependsOnNothingButTheJdkAndJSpecify() {
    noClasses().that().resideInAnyPackage("dev.agentlane", "dev.agentlane.policy", "dev.agentlane.spi",
            "dev.agentlane.promotion")
        .should().dependOnClassesThat().resideOutsideOfPackages(
            "dev.agentlane", "dev.agentlane.policy", "dev.agentlane.spi", "dev.agentlane.promotion", "java..",
            "org.jspecify..")
        .check(classes);
  }

  @Test
  void coreNeverLogsThroughTheJdkOrPrints() {
    GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING.check(classes);
    GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.check(classes);
    GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS.check(classes);
  }

  @Test
  void packagesAreNamedAfterConceptsAndClassesAfterWhatTheyAre() {
    noClasses().should().resideInAnyPackage("..util..", "..utils..", "..common..", "..misc..", "..helpers..")
        .check(classes);
    noClasses().should().haveSimpleNameEndingWith("Impl").check(classes);
  }

  @Test
  void apiModuleExportsExactlyItsPublicPackages() throws Exception {
    ModuleDescriptor api = descriptor(PolicyEngine.class);
    assertThat(api.name()).isEqualTo("dev.agentlane.api");
    assertThat(api.exports()).allSatisfy(e -> assertThat(e.isQualified()).isFalse());
    assertThat(api.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()))
        .isEqualTo(Set.of("dev.agentlane", "dev.agentlane.policy", "dev.agentlane.spi", "dev.agentlane.promotion",
            "dev.agentlane.guard"));
    assertThat(api.requires().stream().map(ModuleDescriptor.Requires::name).collect(Collectors.toSet()))
        .isSubsetOf(Set.of("java.base", "org.jspecify"));
  }

  @Test
  void coreModuleExportsOnlyWhatApplicationsConstruct() throws Exception {
    ModuleDescriptor core = descriptor(CoreEngineProvider.class);
    assertThat(core.name()).isEqualTo("dev.agentlane.core");
    assertThat(core.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()))
        .as("the engine's internals (engine, shell, path, net) stay unexported")
        .isEqualTo(Set.of("dev.agentlane.core.audit", "dev.agentlane.core.promotion"));
    assertThat(core.provides()).anySatisfy(p -> assertThat(p.service()).isEqualTo("dev.agentlane.spi.EngineProvider"));
  }

  @Test
  void exportedCorePackagesDoNotLeakTheEngine() {
    noClasses().that().resideInAnyPackage("dev.agentlane.core.audit..", "dev.agentlane.core.promotion..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.agentlane.core.engine..", "dev.agentlane.core.shell..",
            "dev.agentlane.core.path..", "dev.agentlane.core.net..")
        .check(classes);
  }

  private static ModuleDescriptor descriptor(Class<?> inModule) throws Exception {
    URL location = inModule.getProtectionDomain().getCodeSource().getLocation();
    Path root = Path.of(location.toURI());
    if (Files.isDirectory(root)) {
      try (InputStream in = Files.newInputStream(root.resolve("module-info.class"))) {
        return ModuleDescriptor.read(in);
      }
    }
    try (var jar = new java.util.jar.JarFile(root.toFile())) {
      try (InputStream in = jar.getInputStream(jar.getEntry("module-info.class"))) {
        return ModuleDescriptor.read(in);
      }
    }
  }
}
