package dev.agentlane.benchmarks.peers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * {@link PeerRequest}s as Jackson trees, for the engines that take JSON (SAPL's subscription, OPA's input).
 * Field names are the record component names. Stateless; every method builds a new tree.
 */
final class PeerRequestJson {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private PeerRequestJson() {}

  /** Every field of the request: {@code principal, lane, tool, mapped, capabilities, ..., evidence}. */
  static ObjectNode request(PeerRequest r) {
    ObjectNode o = JSON.objectNode();
    o.put("principal", r.principal());
    o.put("lane", r.lane());
    o.put("tool", r.tool());
    o.put("mapped", r.mapped());
    o.set("capabilities", strings(r.capabilities()));
    o.set("readPaths", strings(r.readPaths()));
    o.set("writePaths", strings(r.writePaths()));
    o.set("hosts", strings(r.hosts()));
    o.set("evidence", evidence(r.evidence()));
    return o;
  }

  /** The evidence with every component, {@code confidence} -1 when not stated (as in the record). */
  static ObjectNode evidence(PeerRequest.Evidence e) {
    ObjectNode o = JSON.objectNode();
    o.put("stated", e.stated());
    o.put("testsRun", e.testsRun());
    o.put("testsFailed", e.testsFailed());
    o.put("filesTouched", e.filesTouched());
    o.put("filesTouchedStated", e.filesTouchedStated());
    o.put("assumptionsStated", e.assumptionsStated());
    o.put("confidence", e.confidence());
    o.put("rollbackPlan", e.rollbackPlan());
    return o;
  }

  static ArrayNode strings(List<String> values) {
    ArrayNode a = JSON.arrayNode(values.size());
    for (String v : values) {
      a.add(v);
    }
    return a;
  }
}
