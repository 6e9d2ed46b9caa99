package dev.agentlane;

/** A handle returned when registering a listener; closing it unregisters the listener. Idempotent. */
@FunctionalInterface
public interface Registration extends AutoCloseable {
  /** Unregisters. Calling it again does nothing. */
  @Override
  void close();
}
