package dev.agentlane.promotion;

import dev.agentlane.AgentLaneException;
import java.util.Objects;

/**
 * A promotion was refused because the pair is not eligible; carries the proposal that says why.
 *
 * <p>Immutable.
 */
public class PromotionException extends AgentLaneException {
  private static final long serialVersionUID = 1L;

  private final transient PromotionProposal proposal;

  /** An exception for a refused promotion. */
  public PromotionException(PromotionProposal proposal) {
    super("promotion of " + Objects.requireNonNull(proposal, "proposal").key() + " from " + proposal.from()
        + " refused: " + (proposal.to() == null ? "already in the top lane" : "not eligible")
        + " (" + proposal.failing().stream().map(CriterionResult::detail)
            .reduce((a, b) -> a + "; " + b).orElse("no failing criterion") + ")");
    this.proposal = proposal;
  }

  /** The proposal that was not eligible. */
  public PromotionProposal proposal() {
    return proposal;
  }
}
