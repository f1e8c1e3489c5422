package io.tailor.contracts.decision;

import java.util.List;

public record RecommendationRequest(ShopperRef shopper, RequestContext context, List<PlacementRequest> placements) {}
