package io.tailor.recommendation.strategy;

import io.tailor.contracts.decision.RequestContext;
import io.tailor.contracts.profile.ProfileSnapshot;
import java.util.Optional;
import java.util.Set;

/**
 * What strategies know about one request.
 *
 * @param profile the shopper's hot profile; empty for unknown shoppers or without personalization consent
 * @param excluded products never to recommend here (the current product, the cart)
 */
public record RecommendationContext(Optional<ProfileSnapshot> profile, RequestContext request, Set<String> excluded) {}
