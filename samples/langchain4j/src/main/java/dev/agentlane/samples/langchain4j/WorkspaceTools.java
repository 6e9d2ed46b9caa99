package dev.agentlane.samples.langchain4j;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The coding agent's tools, named as the shipped default policy names them. They only pretend: each
 * records that it really ran and returns what a real tool might have.
 */
public final class WorkspaceTools {
  private final List<String> ran = new CopyOnWriteArrayList<>();

  @Tool(name = "read_file", value = "Reads a file of the repository")
  public String readFile(@P("path relative to the repository root") String path) {
    ran.add("read_file " + path);
    return "public final class App { /* 42 lines */ }";
  }

  @Tool(name = "bash", value = "Runs a shell command in the repository")
  public String bash(@P("the command line") String command) {
    ran.add("bash " + command);
    return "Tests run: 118, Failures: 0, Errors: 0, Skipped: 0";
  }

  @Tool(name = "deploy_production", value = "Deploys a service to production")
  public String deployProduction(String service, String environment, String version) {
    ran.add("deploy_production " + service + " " + version);
    return "deployed " + service + " " + version;
  }

  /** What really ran, in order. */
  public List<String> ran() {
    return List.copyOf(ran);
  }
}
