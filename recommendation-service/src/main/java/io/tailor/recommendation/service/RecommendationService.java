package io.tailor.recommendation.service;

import io.smallrye.mutiny.Uni;
import io.tailor.contracts.decision.PlacementRequest;
import io.tailor.contracts.decision.PlacementResult;
import io.tailor.contracts.decision.RecommendationRequest;
import io.tailor.contracts.decision.RecommendationResponse;
import io.tailor.contracts.decision.RecommendedProduct;
import io.tailor.contracts.decision.RequestContext;
import io.tailor.contracts.profile.ProfileSnapshot;
import io.tailor.kit.problem.ProblemException;
import io.tailor.kit.state.ShopperStateReader;
import io.tailor.recommendation.cache.TrendingStore;
import io.tailor.recommendation.catalog.CatalogIndex;
import io.tailor.recommendation.catalog.CatalogProduct;
import io.tailor.recommendation.strategy.Candidate;
import io.tailor.recommendation.strategy.Placement;
import io.tailor.recommendation.strategy.RecentlyViewedStrategy;
import io.tailor.recommendation.strategy.RecommendationContext;
import io.tailor.recommendation.strategy.SessionNextStrategy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Fills placements: runs each placement's strategies in order, drops what must not be shown (unavailable products,
 * the current product, the cart, repeats), and gives every product its reason.
 */
@ApplicationScoped
public class RecommendationService {

    public static final String POPULAR = "popular";

    private static final Map<String, Placement> PLACEMENTS = Map.of(
            "home_for_you",
            new Placement("home_for_you", List.of(RecentlyViewedStrategy.NAME, SessionNextStrategy.NAME, POPULAR), 8),
            "next_in_session",
            new Placement("next_in_session", List.of(SessionNextStrategy.NAME, POPULAR), 8),
            "recently_viewed",
            new Placement("recently_viewed", List.of(RecentlyViewedStrategy.NAME), 8),
            "popular",
            new Placement("popular", List.of(POPULAR), 8));

    private final CatalogIndex catalog;
    private final TrendingStore trending;
    private final ShopperStateReader shoppers;
    private final RecentlyViewedStrategy recentlyViewed;
    private final SessionNextStrategy sessionNext;

    public RecommendationService(
            CatalogIndex catalog, TrendingStore trending, ShopperStateReader shoppers, SessionModel sessions) {
        this.catalog = catalog;
        this.trending = trending;
        this.shoppers = shoppers;
        this.recentlyViewed = new RecentlyViewedStrategy(catalog);
        this.sessionNext = new SessionNextStrategy(sessions, catalog);
    }

    public Uni<RecommendationResponse> recommend(RecommendationRequest request) {
        List<PlacementRequest> requested = request.placements() == null ? List.of() : request.placements();
        for (int i = 0; i < requested.size(); i++) {
            if (requested.get(i) == null
                    || !PLACEMENTS.containsKey(requested.get(i).placement())) {
                throw ProblemException.invalid(
                        "placements[" + i + "].placement",
                        "unknown placement; known: "
                                + String.join(
                                        ", ",
                                        PLACEMENTS.keySet().stream().sorted().toList()));
            }
        }
        RequestContext context = request.context() == null ? RequestContext.EMPTY : request.context();
        Set<String> excluded = new HashSet<>();
        if (context.productId() != null) {
            excluded.add(context.productId());
        }
        if (context.cartProductIds() != null) {
            excluded.addAll(context.cartProductIds());
        }
        Uni<Optional<ProfileSnapshot>> profile = !request.personalized()
                ? Uni.createFrom().item(Optional.empty())
                : shoppers.profile(request.shopper())
                        .map(found -> found.filter(p -> p.consentOrUnknown().allowsPersonalization(true)));
        return Uni.combine().all().unis(profile, trending.top(200)).asTuple().map(both -> {
            RecommendationContext ctx = new RecommendationContext(both.getItem1(), context, excluded);
            List<PlacementResult> results = new ArrayList<>();
            for (PlacementRequest p : requested) {
                Placement placement = PLACEMENTS.get(p.placement());
                int limit = p.limit() == null ? placement.defaultLimit() : p.limit();
                results.add(fill(placement, limit, ctx, both.getItem2()));
            }
            return new RecommendationResponse(results);
        });
    }

    private PlacementResult fill(Placement placement, int limit, RecommendationContext ctx, List<String> popular) {
        Map<String, Candidate> chosen = new LinkedHashMap<>();
        for (String strategy : placement.strategies()) {
            List<Candidate> candidates =
                    switch (strategy) {
                        case RecentlyViewedStrategy.NAME -> recentlyViewed.candidates(ctx, limit * 2);
                        case SessionNextStrategy.NAME -> sessionNext.candidates(ctx, limit * 2);
                        case POPULAR -> popularCandidates(popular);
                        default -> List.of();
                    };
            for (Candidate c : candidates) {
                if (chosen.size() >= limit) {
                    break;
                }
                if (!ctx.excluded().contains(c.productId())
                        && catalog.get(c.productId())
                                .filter(CatalogProduct::available)
                                .isPresent()) {
                    chosen.putIfAbsent(c.productId(), c);
                }
            }
        }
        boolean fallback = !placement.strategies().isEmpty()
                && chosen.values().stream().noneMatch(c -> c.strategy()
                        .equals(placement.strategies().getFirst()))
                && placement.strategies().size() > 1;
        List<RecommendedProduct> items =
                chosen.values().stream().map(this::toProduct).toList();
        return new PlacementResult(placement.key(), items, fallback);
    }

    private static List<Candidate> popularCandidates(List<String> popular) {
        List<Candidate> out = new ArrayList<>();
        for (int i = 0; i < popular.size(); i++) {
            out.add(new Candidate(popular.get(i), popular.size() - i, POPULAR, "Popular right now"));
        }
        return out;
    }

    private RecommendedProduct toProduct(Candidate c) {
        CatalogProduct p = catalog.get(c.productId()).orElseThrow();
        return new RecommendedProduct(
                p.id(), p.title(), p.price(), p.currency(), p.imageUrl(), p.url(), c.score(), c.strategy(), c.reason());
    }
}
