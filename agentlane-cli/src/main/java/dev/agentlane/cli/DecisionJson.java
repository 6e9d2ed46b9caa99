package dev.agentlane.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentlane.Capability;
import dev.agentlane.Decision;
import dev.agentlane.Obligation;
import dev.agentlane.Reason;
import dev.agentlane.Remedy;

/**
 * A decision as JSON, the form {@code agentlane decide} prints and other commands reuse: verdict,
 * lane, every reason with its stable code and rule id, obligations, remedies, capabilities, the rules the
 * action matched, the policy version, the decision id and time, and the action digest. Stateless and
 * thread-safe.
 */
final class DecisionJson {
  private DecisionJson() {}

  static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The decision as a JSON tree. */
  static ObjectNode toTree(Decision d) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("verdict", d.verdict().code());
    o.put("permits-execution", d.permitsExecution());
    if (d.lane() != null) {
      o.put("lane", d.lane().name());
    } else {
      o.putNull("lane");
    }
    ArrayNode reasons = o.putArray("reasons");
    for (Reason r : d.reasons()) {
      reasons.addObject().put("code", r.code().code()).put("rule", r.ruleId()).put("verdict", r.verdict().code())
          .put("message", r.message());
    }
    ArrayNode remedies = o.putArray("remedies");
    for (Remedy r : d.remedies()) {
      remedies.addObject().put("code", r.code()).put("message", r.message());
    }
    ArrayNode obligations = o.putArray("obligations");
    for (Obligation ob : d.obligations()) {
      obligations.addObject().put("code", ob.code()).put("detail", ob.detail()).put("rule", ob.ruleId());
    }
    ArrayNode caps = o.putArray("capabilities");
    for (Capability c : d.capabilities()) {
      caps.add(c.name());
    }
    d.matchedRules().forEach(o.putArray("matched-rules")::add);
    o.put("policy-version", d.policyVersion());
    o.put("decision", d.id());
    o.put("time", d.time().toString());
    o.put("action-digest", d.actionDigest());
    if (d.approver() != null) {
      o.put("approver", d.approver());
    }
    if (d.grantId() != null) {
      o.put("grant", d.grantId());
    }
    if (d.shadow()) {
      o.put("shadow", true);
    }
    return o;
  }

  /** The decision as indented JSON text. */
  static String write(Decision d) {
    try {
      return MAPPER.writeValueAsString(toTree(d));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a decision as JSON", e);
    }
  }
}
