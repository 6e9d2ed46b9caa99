package dev.agentlane.testkit;

import dev.agentlane.LaneDirectory;
import dev.agentlane.PolicyEngine;
import dev.agentlane.core.promotion.LedgerLaneDirectory;
import dev.agentlane.promotion.PromotionLedger;
import dev.agentlane.policy.Policy;
import dev.agentlane.policyfile.PolicyFiles;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * The JUnit 5 extension behind {@link AgentLaneTest}: for every test it builds a fresh
 * {@link AgentLaneFixture} (a {@link ManualClock}, an in-memory promotion ledger, a {@link DecisionRecorder}
 * and a {@code PolicyEngine} over the annotation's policy, workspace, start time and shadow flag, all wired
 * together), injects its parts into test method parameters by type ({@code PolicyEngine},
 * {@code ManualClock}, {@code DecisionRecorder}, {@code LaneDirectory}, {@code PromotionLedger},
 * {@code LedgerLaneDirectory} or the {@code AgentLaneFixture} itself), and closes the engine after the
 * test.
 *
 * <p>Thread-safe and stateless: per-test state lives in the test's {@code ExtensionContext} store, so tests
 * may run in parallel. When a test fails after the engine reported something, the recorder's {@link DecisionRecorder#timeline() timeline} is
 * published as the report entry {@value #REPORT_KEY} and added to the failure: appended to the message of
 * an assertion error (keeping expected and actual values for IDE diffs), or attached as a suppressed
 * exception to any other failure, whose type is kept. Registered without the annotation
 * ({@code @ExtendWith(AgentLaneExtension.class)}), it uses the annotation's defaults.
 */
public final class AgentLaneExtension
    implements BeforeEachCallback, AfterEachCallback, ParameterResolver, TestExecutionExceptionHandler {
  /** The report entry key the timeline of a failed test is published under. */
  public static final String REPORT_KEY = "agentlane.timeline";

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(AgentLaneExtension.class);

  /** Creates the extension; JUnit does this for {@link AgentLaneTest}. */
  public AgentLaneExtension() {}

  private static final Set<Class<?>> INJECTED = Set.of(PolicyEngine.class, ManualClock.class,
      DecisionRecorder.class, LaneDirectory.class, PromotionLedger.class, LedgerLaneDirectory.class,
      AgentLaneFixture.class);

  @Override
  public void beforeEach(ExtensionContext context) {
    fixture(context);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    AgentLaneFixture f = context.getStore(NAMESPACE).remove(AgentLaneFixture.class, AgentLaneFixture.class);
    if (f != null) {
      f.close();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    Class<?> type = parameterContext.getParameter().getType();
    boolean ours = INJECTED.contains(type);
    if (ours && !(parameterContext.getDeclaringExecutable() instanceof Method)) {
      throw new ParameterResolutionException("agentlane injects " + type.getSimpleName()
          + " into test methods only, not constructors: each test gets a fresh one");
    }
    return ours && extensionContext.getTestMethod().isPresent();
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    AgentLaneFixture f = fixture(extensionContext);
    Class<?> type = parameterContext.getParameter().getType();
    if (type == PolicyEngine.class) {
      return f.engine();
    } else if (type == ManualClock.class) {
      return f.clock();
    } else if (type == DecisionRecorder.class) {
      return f.recorder();
    } else if (type == LaneDirectory.class || type == PromotionLedger.class || type == LedgerLaneDirectory.class) {
      return f.ledger();
    } else if (type == AgentLaneFixture.class) {
      return f;
    }
    throw new ParameterResolutionException("agentlane cannot inject " + type.getName());
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
    AgentLaneFixture f = context.getStore(NAMESPACE).get(AgentLaneFixture.class, AgentLaneFixture.class);
    if (f == null || throwable instanceof TestAbortedException || f.recorder().events().isEmpty()) {
      throw throwable;
    }
    String timeline = f.recorder().timeline();
    context.publishReportEntry(REPORT_KEY, timeline);
    if (throwable.getMessage() != null && throwable.getMessage().contains(timeline)) {
      throw throwable; // a timeline assertion already shows it
    }
    String message = (throwable.getMessage() == null ? "" : throwable.getMessage()) + "\n\n" + timeline;
    if (throwable instanceof AssertionFailedError afe) {
      AssertionFailedError e = new AssertionFailedError(message,
          afe.isExpectedDefined() ? afe.getExpected() : null, afe.isActualDefined() ? afe.getActual() : null,
          throwable);
      e.setStackTrace(throwable.getStackTrace());
      throw e;
    }
    if (throwable instanceof AssertionError) {
      AssertionError e = new AssertionError(message, throwable);
      e.setStackTrace(throwable.getStackTrace());
      throw e;
    }
    throwable.addSuppressed(new TimelineAttached(timeline));
    throw throwable;
  }

  /** Carries the timeline on a failure that is not an assertion error; never thrown on its own. */
  private static final class TimelineAttached extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TimelineAttached(String timeline) {
      super(timeline, null, false, false);
    }
  }

  private static AgentLaneFixture fixture(ExtensionContext context) {
    ExtensionContext.Store store = context.getStore(NAMESPACE);
    AgentLaneFixture f = store.get(AgentLaneFixture.class, AgentLaneFixture.class);
    if (f == null) {
      f = create(context);
      store.put(AgentLaneFixture.class, f);
    }
    return f;
  }

  private static AgentLaneFixture create(ExtensionContext context) {
    Settings s = settings(context);
    ManualClock clock;
    try {
      clock = ManualClock.of(s.start);
    } catch (IllegalArgumentException e) {
      throw new ExtensionConfigurationException("@AgentLaneTest(start) " + e.getMessage(), e);
    }
    AgentLaneFixture.Builder b = AgentLaneFixture.builder().policy(loadPolicy(s.policy, context)).clock(clock)
        .shadow(s.shadow);
    try {
      b.workspace(s.workspace);
    } catch (IllegalArgumentException e) {
      throw new ExtensionConfigurationException("@AgentLaneTest(workspace) " + e.getMessage(), e);
    }
    return b.build();
  }

  private record Settings(String policy, String workspace, String start, boolean shadow) {}

  private static Settings settings(ExtensionContext context) {
    Optional<AgentLaneTest> a = find(context.getElement().orElse(null));
    if (a.isEmpty()) {
      for (Optional<Class<?>> c = context.getTestClass(); c.isPresent() && a.isEmpty();
          c = Optional.ofNullable(c.get().getEnclosingClass())) {
        a = find(c.get());
      }
    }
    if (a.isEmpty()) {
      return new Settings("", "/workspace", ManualClock.DEFAULT_START.toString(), false);
    }
    AgentLaneTest t = a.get();
    return new Settings(t.policy(), t.workspace(), t.start(), t.shadow());
  }

  private static Optional<AgentLaneTest> find(@Nullable AnnotatedElement element) {
    return AnnotationSupport.findAnnotation(element, AgentLaneTest.class);
  }

  private static Policy loadPolicy(String name, ExtensionContext context) {
    if (name.isEmpty()) {
      return PolicyFiles.defaultPolicy();
    }
    URL url = resource(name, context);
    try {
      if (url != null) {
        if ("file".equals(url.getProtocol())) {
          return PolicyFiles.load(Path.of(url.toURI()));
        }
        try (InputStream in = url.openStream()) {
          return PolicyFiles.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name);
        }
      }
      Path file = Path.of(name);
      if (Files.isRegularFile(file)) {
        return PolicyFiles.load(file);
      }
    } catch (IOException | URISyntaxException e) {
      throw new ExtensionConfigurationException("cannot read policy '" + name + "': " + e.getMessage(), e);
    }
    throw new ExtensionConfigurationException("policy '" + name
        + "' is neither a class-path resource nor a file (working directory " + Path.of("").toAbsolutePath() + ")");
  }

  private static @Nullable URL resource(String name, ExtensionContext context) {
    String plain = name.startsWith("/") ? name.substring(1) : name;
    Class<?> testClass = context.getTestClass().orElse(AgentLaneExtension.class);
    URL url = testClass.getResource(name.startsWith("/") ? name : "/" + name);
    if (url == null && testClass.getClassLoader() != null) {
      url = testClass.getClassLoader().getResource(plain);
    }
    ClassLoader tccl = Thread.currentThread().getContextClassLoader();
    if (url == null && tccl != null) {
      url = tccl.getResource(plain);
    }
    return url;
  }
}
