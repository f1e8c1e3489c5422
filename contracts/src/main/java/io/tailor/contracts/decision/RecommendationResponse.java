package io.tailor.contracts.decision;

import java.util.List;

public record RecommendationResponse(List<PlacementResult> placements) {}
