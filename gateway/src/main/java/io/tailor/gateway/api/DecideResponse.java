package io.tailor.gateway.api;

import io.tailor.contracts.decision.OfferDecision;
import io.tailor.contracts.decision.PlacementResult;
import io.tailor.contracts.decision.SegmentMembership;
import io.tailor.contracts.decision.SlotContent;
import io.tailor.contracts.decision.VariantAssignment;
import java.util.List;

/**
 * One decision: everything the page shows for this shopper, with why.
 *
 * @param decisionId send it back with events (as properties.decisionId) to attribute them to this decision
 * @param offers the offers the shopper sees, each with the prices it sets and why; empty when the request did not
 *     ask for offers, when none applies, or when content-service did not answer in time (regular prices apply)
 * @param degraded the parts served by a fallback because a service was slow or down; empty when all answered
 * @param tookMs time the gateway spent on the decision
 */
public record DecideResponse(
        String decisionId,
        ShopperView shopper,
        List<SegmentMembership> segments,
        List<PlacementResult> placements,
        List<SlotContent> slots,
        List<OfferDecision.ShownOffer> offers,
        List<VariantAssignment> experiments,
        List<Degradation> degraded,
        long tookMs) {}
