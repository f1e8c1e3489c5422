package io.tailor.recommendation.strategy;

import io.tailor.recommendation.catalog.CatalogIndex;
import io.tailor.recommendation.catalog.CatalogProduct;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Top in a category: the most popular products (time-decayed, from {@link RecommendationContext#popularInCategory})
 * of the category on the page, else of the product on the page, else of the shopper's favourite categories. A
 * category without popularity yet (a new store) is filled with its newest products, so it is never empty.
 */
public final class TopInCategoryStrategy implements Strategy {

    public static final String NAME = "top_in_category";
    static final int FAVOURITES = 2;

    private final CatalogIndex catalog;

    public TopInCategoryStrategy(CatalogIndex catalog) {
        this.catalog = catalog;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The top categories this strategy would look at for a request. */
    public static List<String> categories(RecommendationContext context, CatalogIndex catalog) {
        Set<String> out = new LinkedHashSet<>();
        List<String> path = context.request().categoryPath();
        if (path != null && !path.isEmpty() && path.getFirst() != null) {
            out.add(path.getFirst());
        }
        catalog.get(context.request().productId())
                .map(CatalogProduct::topCategory)
                .ifPresent(out::add);
        if (out.isEmpty()) {
            out.addAll(context.favouriteCategories(FAVOURITES));
        }
        return List.copyOf(out);
    }

    @Override
    public List<Candidate> candidates(RecommendationContext context, int limit) {
        List<Candidate> out = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (String category : categories(context, catalog)) {
            String reason = "Top in " + category;
            List<String> top = context.popularInCategory().getOrDefault(category, List.of());
            for (int i = 0; i < top.size() && i < limit; i++) {
                if (seen.add(top.get(i))) {
                    out.add(new Candidate(top.get(i), 1.0 - (double) i / top.size(), NAME, reason));
                }
            }
            if (top.size() < limit) {
                catalog.inTopCategory(category).stream()
                        .map(catalog::get)
                        .flatMap(java.util.Optional::stream)
                        .filter(CatalogProduct::available)
                        .sorted(Comparator.comparing((CatalogProduct p) ->
                                        p.launchDate() == null ? java.time.LocalDate.MIN : p.launchDate())
                                .reversed()
                                .thenComparing(CatalogProduct::id))
                        .limit(limit)
                        .forEach(p -> {
                            if (seen.add(p.id())) {
                                out.add(new Candidate(p.id(), 0, NAME, reason));
                            }
                        });
            }
        }
        return out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
    }
}
