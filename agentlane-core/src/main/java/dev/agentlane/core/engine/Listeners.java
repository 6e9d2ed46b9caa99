package dev.agentlane.core.engine;

import dev.agentlane.Registration;
import dev.agentlane.spi.DecisionListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registered listeners. Thread-safe; registration is copy-on-write, notification never holds a
 * lock, and a listener that throws is logged at WARN and skipped: it cannot change a decision.
 */
final class Listeners {
  private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);
  private final CopyOnWriteArrayList<DecisionListener> listeners = new CopyOnWriteArrayList<>();

  Listeners(List<DecisionListener> initial) {
    listeners.addAll(initial);
  }

  Registration add(DecisionListener listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /** Whether no listener is registered; lets the hot path skip building events. */
  boolean isEmpty() {
    return listeners.isEmpty();
  }

  void each(Consumer<DecisionListener> event) {
    for (DecisionListener l : listeners) {
      try {
        event.accept(l);
      } catch (Exception e) { // also a checked exception thrown by a listener written in another JVM language
        LOG.warn("agentlane listener {} failed; the decision is unaffected", l.getClass().getName(), e);
      }
    }
  }
}
