module dev.agentlane.api {
  requires static org.jspecify;
  exports dev.agentlane;
}
