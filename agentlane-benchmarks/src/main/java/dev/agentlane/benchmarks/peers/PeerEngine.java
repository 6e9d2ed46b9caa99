package dev.agentlane.benchmarks.peers;

/**
 * A policy engine deciding {@link PeerRequest}s under {@link PeerPolicy}. One instance is used by one
 * thread (benchmarks create one per thread: some engines, such as OPA's Wasm runtime, are not
 * thread-safe).
 */
public interface PeerEngine extends AutoCloseable {

  /** A short, stable name for tables, e.g. {@code cedar}, {@code cedar-cached}, {@code cel}. */
  String name();

  /** Whether the engine allows the request. Throws if the engine fails (a benchmark must not hide it). */
  boolean allows(PeerRequest request);

  @Override
  default void close() {}
}
