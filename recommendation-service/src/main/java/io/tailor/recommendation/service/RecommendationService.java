package io.tailor.recommendation.service;

import io.smallrye.mutiny.Uni;
import io.tailor.contracts.decision.PlacementRequest;
import io.tailor.contracts.decision.PlacementResult;
import io.tailor.contracts.decision.RecommendationRequest;
import io.tailor.contracts.decision.RecommendationResponse;
import io.tailor.contracts.decision.RecommendedProduct;
import io.tailor.contracts.decision.RequestContext;
import io.tailor.contracts.event.Violation;
import io.tailor.contracts.profile.ProfileSnapshot;
import io.tailor.kit.problem.ProblemException;
import io.tailor.kit.state.ShopperStateReader;
import io.tailor.recommendation.cache.TrendingStore;
import io.tailor.recommendation.catalog.CatalogIndex;
import io.tailor.recommendation.catalog.CatalogProduct;
import io.tailor.recommendation.placement.PlacementDefinition;
import io.tailor.recommendation.placement.PlacementEngine;
import io.tailor.recommendation.strategy.Candidate;
import io.tailor.recommendation.strategy.RecommendationContext;
import io.tailor.recommendation.strategy.TopInCategoryStrategy;
import io.tailor.recommendation.strategy.TrendingInSegmentStrategy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Fills placements: finds each requested placement's definition, reads the shopper's hot profile and the popularity
 * lists the strategies need, and lets the {@link PlacementEngine} choose the products, each with its reason.
 */
@ApplicationScoped
public class RecommendationService {

    /** Products per placement a request may ask for. */
    public static final int MAX_LIMIT = 50;

    private static final int POPULAR = 200;
    private static final int POPULAR_IN_CATEGORY = 100;
    private static final int MAX_SEGMENTS = 10;

    private final CatalogIndex catalog;
    private final TrendingStore trending;
    private final ShopperStateReader shoppers;
    private final PlacementService placements;
    private final PlacementEngine engine;

    public RecommendationService(
            CatalogIndex catalog,
            TrendingStore trending,
            ShopperStateReader shoppers,
            PlacementService placements,
            Strategies strategies) {
        this.catalog = catalog;
        this.trending = trending;
        this.shoppers = shoppers;
        this.placements = placements;
        this.engine = strategies.engine();
    }

    public Uni<RecommendationResponse> recommend(RecommendationRequest request) {
        List<PlacementRequest> requested = request.placements() == null ? List.of() : request.placements();
        List<PlacementDefinition> definitions = new ArrayList<>();
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            PlacementRequest p = requested.get(i);
            Optional<PlacementDefinition> found = p == null ? Optional.empty() : placements.find(p.placement());
            if (found.isEmpty()) {
                violations.add(new Violation(
                        "placements[" + i + "].placement",
                        "unknown placement; known: " + String.join(", ", placements.keys())));
            } else if (p.limit() != null && (p.limit() < 1 || p.limit() > MAX_LIMIT)) {
                violations.add(new Violation("placements[" + i + "].limit", "must be between 1 and " + MAX_LIMIT));
            } else {
                definitions.add(found.get());
            }
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        RequestContext context = request.context() == null ? RequestContext.EMPTY : request.context();
        Set<String> excluded = new HashSet<>();
        if (context.productId() != null) {
            excluded.add(context.productId());
        }
        Uni<Optional<ProfileSnapshot>> profile = !request.personalized()
                ? Uni.createFrom().item(Optional.empty())
                : shoppers.profile(request.shopper())
                        .map(found -> found.filter(p -> p.consentOrUnknown().allowsPersonalization(true)));
        return profile.flatMap(shopper -> {
            Instant now = Instant.now();
            List<String> categories = TopInCategoryStrategy.categories(
                    new RecommendationContext(shopper, context, excluded, now, List.of(), Map.of()), catalog);
            boolean bySegment = definitions.stream().anyMatch(RecommendationService::usesSegments);
            return Uni.combine()
                    .all()
                    .unis(
                            trending.top(POPULAR),
                            popularIn(categories),
                            bySegment
                                    ? popularInSegments(shopper)
                                    : Uni.createFrom().item(Map.<String, List<String>>of()))
                    .asTuple()
                    .map(popular -> {
                        RecommendationContext ctx = new RecommendationContext(
                                shopper,
                                context,
                                excluded,
                                now,
                                popular.getItem1(),
                                popular.getItem2(),
                                popular.getItem3());
                        List<PlacementResult> results = new ArrayList<>();
                        for (int i = 0; i < definitions.size(); i++) {
                            PlacementDefinition placement = definitions.get(i);
                            Integer asked = requested.get(i).limit();
                            int limit = asked == null ? placement.limitOrDefault() : asked;
                            PlacementEngine.Filled filled = engine.fill(placement, limit, ctx);
                            results.add(new PlacementResult(
                                    requested.get(i).placement(),
                                    filled.items().stream().map(this::toProduct).toList(),
                                    filled.fallback()));
                        }
                        return new RecommendationResponse(results);
                    });
        });
    }

    /** Whether a placement asks for popularity within the shopper's segments (which costs Redis reads). */
    private static boolean usesSegments(PlacementDefinition placement) {
        return placement.strategies().stream().anyMatch(s -> TrendingInSegmentStrategy.NAME.equals(s.name()))
                || (placement.fallbacks() != null && placement.fallbacks().contains(TrendingInSegmentStrategy.NAME));
    }

    /** The most popular products of each segment the shopper is in (at most {@value #MAX_SEGMENTS} segments). */
    private Uni<Map<String, List<String>>> popularInSegments(Optional<ProfileSnapshot> shopper) {
        if (shopper.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return shoppers.memberships(shopper.get().profileId()).flatMap(memberships -> {
            List<String> segments =
                    memberships.keySet().stream().sorted().limit(MAX_SEGMENTS).toList();
            if (segments.isEmpty()) {
                return Uni.createFrom().item(Map.<String, List<String>>of());
            }
            return Uni.join()
                    .all(segments.stream()
                            .map(s -> trending.topInSegment(s, POPULAR_IN_CATEGORY))
                            .toList())
                    .andFailFast()
                    .map(lists -> {
                        Map<String, List<String>> bySegment = new java.util.LinkedHashMap<>();
                        for (int i = 0; i < segments.size(); i++) {
                            bySegment.put(segments.get(i), lists.get(i));
                        }
                        return bySegment;
                    });
        });
    }

    private Uni<Map<String, List<String>>> popularIn(List<String> categories) {
        if (categories.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<Uni<List<String>>> lookups = categories.stream()
                .map(c -> trending.topInCategory(c, POPULAR_IN_CATEGORY))
                .toList();
        return Uni.join().all(lookups).andFailFast().map(lists -> {
            Map<String, List<String>> out = new LinkedHashMap<>();
            for (int i = 0; i < categories.size(); i++) {
                out.put(categories.get(i), lists.get(i));
            }
            return out;
        });
    }

    private RecommendedProduct toProduct(Candidate c) {
        CatalogProduct p = catalog.get(c.productId()).orElseThrow();
        return new RecommendedProduct(
                p.id(), p.title(), p.price(), p.currency(), p.imageUrl(), p.url(), c.score(), c.strategy(), c.reason());
    }
}
