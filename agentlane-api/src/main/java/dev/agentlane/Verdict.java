package dev.agentlane;

/** Placeholder, replaced below. */
public enum Verdict { ALLOW }
