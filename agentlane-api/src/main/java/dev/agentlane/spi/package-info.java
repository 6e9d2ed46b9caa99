/**
 * Service provider interfaces: what users implement (stop conditions, listeners, approval handlers)
 * and what the engine implementation provides.
 */
@org.jspecify.annotations.NullMarked
package dev.agentlane.spi;
