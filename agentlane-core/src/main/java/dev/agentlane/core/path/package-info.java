/**
 * Path normalization and glob matching for file-system rules.
 *
 * <p>Every type in this package is immutable and thread-safe, and no method accepts or returns
 * {@code null}. {@link dev.agentlane.core.path.PathNormalizer} turns a raw, attacker-controlled
 * path string into a canonical {@link dev.agentlane.core.path.NormalizedPath} classified as
 * inside the workspace, outside it, or invalid; {@link dev.agentlane.core.path.Glob} and
 * {@link dev.agentlane.core.path.GlobSet} match rule patterns against the canonical form.
 *
 * <p>Everything fails closed: input that cannot be interpreted unambiguously is classified
 * {@code INVALID} (or {@code OUTSIDE}), never as a harmless path inside the workspace.
 */
@org.jspecify.annotations.NullMarked
package dev.agentlane.core.path;
