/**
 * URL and host parsing for network rules.
 *
 * <p>Every type in this package is immutable and thread-safe, and no method accepts or returns
 * {@code null}. {@link dev.agentlane.core.net.UrlParser} turns an attacker-controlled URL (or bare
 * host, or scp-like git remote) into a {@link dev.agentlane.core.net.ParsedUrl} with a canonical
 * host, reading ambiguous input the way the most permissive real client (a WHATWG browser, curl,
 * git) would, and rejecting what it cannot read unambiguously.
 * {@link dev.agentlane.core.net.HostPattern} matches rule patterns (exact hosts, subdomain
 * wildcards, CIDR ranges, optional ports) against parsed URLs. Host names are never resolved: a
 * rule about {@code 127.0.0.0/8} does not see {@code localhost}, and DNS rebinding must be handled
 * at connection time.
 */
@org.jspecify.annotations.NullMarked
package dev.agentlane.core.net;
