@org.jspecify.annotations.NullMarked
package dev.agentlane.core;
