package io.tailor.recommendation.strategy;

import io.tailor.contracts.decision.RequestContext;
import io.tailor.contracts.profile.ProfileSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What strategies know about one request.
 *
 * @param profile the shopper's hot profile; empty for unknown shoppers or without personalization consent
 * @param excluded products never to recommend here (the current product)
 * @param now the time of the request
 * @param popular the most popular products overall (time-decayed), best first
 * @param popularInCategory the most popular products of the top categories this request may need, best first
 */
public record RecommendationContext(
        Optional<ProfileSnapshot> profile,
        RequestContext request,
        Set<String> excluded,
        Instant now,
        List<String> popular,
        Map<String, List<String>> popularInCategory,
        Map<String, List<String>> popularInSegment) {

    public RecommendationContext(
            Optional<ProfileSnapshot> profile,
            RequestContext request,
            Set<String> excluded,
            Instant now,
            List<String> popular,
            Map<String, List<String>> popularInCategory) {
        this(profile, request, excluded, now, popular, popularInCategory, Map.of());
    }

    public RecommendationContext(Optional<ProfileSnapshot> profile, RequestContext request, Set<String> excluded) {
        this(profile, request, excluded, Instant.now(), List.of(), Map.of());
    }

    /** The products in the cart: from the page if it says, else from the profile. */
    public List<String> cart() {
        if (request.cartProductIds() != null && !request.cartProductIds().isEmpty()) {
            return request.cartProductIds();
        }
        List<String> out = new ArrayList<>();
        profile.ifPresent(p -> {
            if (!p.cartOrEmpty().isEmpty()) {
                p.cartOrEmpty().lines().forEach(line -> {
                    if (line != null && line.productId() != null) {
                        out.add(line.productId());
                    }
                });
            }
        });
        return out;
    }

    /** The shopper's top categories by affinity, strongest first. */
    public List<String> favouriteCategories(int count) {
        return profile.map(ProfileSnapshot::categoryAffinity)
                .map(affinity -> affinity.entrySet().stream()
                        .filter(e -> e.getKey() != null && e.getValue() != null && e.getValue() > 0)
                        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                        .limit(count)
                        .map(Map.Entry::getKey)
                        .toList())
                .orElse(List.of());
    }

    /** The shopper's recently viewed product ids, newest first. */
    public List<String> recentlyViewed() {
        return profile.map(p -> p.recentlyViewed() == null
                        ? List.<String>of()
                        : p.recentlyViewed().stream()
                                .filter(v -> v != null && v.productId() != null)
                                .map(v -> v.productId())
                                .toList())
                .orElse(List.of());
    }
}
