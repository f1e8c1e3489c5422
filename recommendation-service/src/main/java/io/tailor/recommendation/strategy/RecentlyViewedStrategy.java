package io.tailor.recommendation.strategy;

import io.tailor.contracts.profile.RecentView;
import io.tailor.recommendation.catalog.CatalogIndex;
import java.util.ArrayList;
import java.util.List;

/** The shopper's recently viewed products, newest first. */
public final class RecentlyViewedStrategy implements Strategy {

    public static final String NAME = "recently_viewed";

    private final CatalogIndex catalog;

    public RecentlyViewedStrategy(CatalogIndex catalog) {
        this.catalog = catalog;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Candidate> candidates(RecommendationContext context, int limit) {
        List<Candidate> out = new ArrayList<>();
        List<RecentView> views = context.profile().map(p -> p.recentlyViewed()).orElse(List.of());
        for (int i = 0; i < views.size() && out.size() < limit; i++) {
            String id = views.get(i).productId();
            if (catalog.get(id).isPresent()) {
                out.add(new Candidate(id, views.size() - i, NAME, "You viewed this recently"));
            }
        }
        return out;
    }
}
