package io.tailor.contracts.decision;

import java.util.List;

/**
 * Asks recommendation-service to fill placements.
 *
 * @param personalize false when the shopper must get the non-personalized experience (no consent, global holdout);
 *     absent means true
 */
public record RecommendationRequest(
        ShopperRef shopper, RequestContext context, List<PlacementRequest> placements, Boolean personalize) {

    public RecommendationRequest(ShopperRef shopper, RequestContext context, List<PlacementRequest> placements) {
        this(shopper, context, placements, null);
    }

    public boolean personalized() {
        return personalize == null || personalize;
    }
}
