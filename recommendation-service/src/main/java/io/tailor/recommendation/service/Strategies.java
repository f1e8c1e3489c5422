package io.tailor.recommendation.service;

import io.tailor.recommendation.catalog.CatalogIndex;
import io.tailor.recommendation.placement.Impressions;
import io.tailor.recommendation.placement.PlacementEngine;
import io.tailor.recommendation.strategy.BoughtTogetherStrategy;
import io.tailor.recommendation.strategy.NewArrivalsStrategy;
import io.tailor.recommendation.strategy.RecentlyViewedStrategy;
import io.tailor.recommendation.strategy.RelatedStrategy;
import io.tailor.recommendation.strategy.ReplenishmentStrategy;
import io.tailor.recommendation.strategy.SessionNextStrategy;
import io.tailor.recommendation.strategy.SimilarShoppersStrategy;
import io.tailor.recommendation.strategy.Strategy;
import io.tailor.recommendation.strategy.TopInCategoryStrategy;
import io.tailor.recommendation.strategy.TrendingInSegmentStrategy;
import io.tailor.recommendation.strategy.TrendingStrategy;
import io.tailor.recommendation.strategy.WholesaleReorderStrategy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Every strategy, by the name placements use, and the engine that fills placements with them. */
@ApplicationScoped
public class Strategies {

    private final Map<String, Strategy> byName = new LinkedHashMap<>();
    private final PlacementEngine engine;

    public Strategies(
            CatalogIndex catalog,
            SessionModel sessions,
            InteractionModels models,
            @ConfigProperty(name = "recommendation.new-arrivals.window-days", defaultValue = "30") int newDays) {
        int support = models.minSupport();
        for (Strategy s : List.of(
                new RecentlyViewedStrategy(catalog),
                new SessionNextStrategy(sessions, catalog),
                new RelatedStrategy(catalog, () -> models.current().coView(), support),
                new BoughtTogetherStrategy(catalog, () -> models.current().coPurchase(), support),
                new SimilarShoppersStrategy(catalog, () -> models.current().shopperPurchases(), support),
                new ReplenishmentStrategy(),
                new WholesaleReorderStrategy(),
                new TopInCategoryStrategy(catalog),
                new TrendingStrategy(TrendingStrategy.NAME, "Trending now"),
                new TrendingStrategy(TrendingStrategy.POPULAR, "Popular right now"),
                new TrendingInSegmentStrategy(),
                new NewArrivalsStrategy(catalog, newDays))) {
            byName.put(s.name(), s);
        }
        this.engine = new PlacementEngine(catalog, byName, new Impressions());
    }

    public Set<String> names() {
        return byName.keySet();
    }

    public PlacementEngine engine() {
        return engine;
    }
}
