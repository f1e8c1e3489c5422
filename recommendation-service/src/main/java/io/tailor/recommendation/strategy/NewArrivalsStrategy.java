package io.tailor.recommendation.strategy;

import io.tailor.recommendation.catalog.CatalogIndex;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * New arrivals in the shopper's favourite categories: products launched within the window (and not in the future),
 * in the top categories of the shopper's category affinity, scored by affinity times freshness. Without affinities
 * (a new shopper) the category on the page is used, else every category.
 */
public final class NewArrivalsStrategy implements Strategy {

    public static final String NAME = "new_arrivals";
    static final int FAVOURITES = 3;

    private final CatalogIndex catalog;
    private final int windowDays;

    public NewArrivalsStrategy(CatalogIndex catalog, int windowDays) {
        this.catalog = catalog;
        this.windowDays = windowDays;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Candidate> candidates(RecommendationContext context, int limit) {
        Map<String, Double> affinity = context.profile()
                .map(p -> p.categoryAffinity() == null ? Map.<String, Double>of() : p.categoryAffinity())
                .orElse(Map.of());
        List<String> categories = context.favouriteCategories(FAVOURITES);
        if (categories.isEmpty()) {
            List<String> path = context.request().categoryPath();
            categories = path != null && !path.isEmpty() && path.getFirst() != null
                    ? List.of(path.getFirst())
                    : List.copyOf(catalog.topCategories());
        }
        LocalDate today = context.now().atOffset(ZoneOffset.UTC).toLocalDate();
        List<Candidate> out = new ArrayList<>();
        for (String category : categories) {
            double weight = affinity.getOrDefault(category, 1.0);
            int taken = 0;
            // newest first: stop at the end of the window or once this category alone could fill the placement
            for (CatalogIndex.Launch launch : catalog.launchesIn(category)) {
                if (launch.date().isAfter(today)) {
                    continue;
                }
                long age = ChronoUnit.DAYS.between(launch.date(), today);
                if (age > windowDays || taken >= limit) {
                    break;
                }
                taken++;
                double freshness = 1.0 - (double) age / (windowDays + 1);
                out.add(new Candidate(launch.productId(), weight * freshness, NAME, "New in " + category));
            }
        }
        out.sort(Comparator.comparingDouble(Candidate::score).reversed().thenComparing(Candidate::productId));
        return out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
    }
}
