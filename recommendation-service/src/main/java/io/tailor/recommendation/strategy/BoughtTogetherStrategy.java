package io.tailor.recommendation.strategy;

import io.tailor.recommendation.catalog.CatalogIndex;
import io.tailor.recommendation.model.CoOccurrence;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Frequently bought together / complementary: products that occur in the same orders as the product on the page or
 * the products in the cart more often than chance (co-purchase lift above 1, ranked by log-likelihood ratio, with a
 * minimum support).
 */
public final class BoughtTogetherStrategy implements Strategy {

    public static final String NAME = "bought_together";
    private static final int SEEDS = 5;

    private final CatalogIndex catalog;
    private final Supplier<CoOccurrence> coPurchase;
    private final int minSupport;

    public BoughtTogetherStrategy(CatalogIndex catalog, Supplier<CoOccurrence> coPurchase, int minSupport) {
        this.catalog = catalog;
        this.coPurchase = coPurchase;
        this.minSupport = minSupport;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Candidate> candidates(RecommendationContext context, int limit) {
        Set<String> seeds = new LinkedHashSet<>();
        if (context.request().productId() != null) {
            seeds.add(context.request().productId());
        }
        seeds.addAll(context.cart());
        Map<String, Candidate> out = new LinkedHashMap<>();
        int s = 0;
        for (String seed : seeds) {
            if (s++ >= SEEDS) {
                break;
            }
            String reason = "Often bought with " + Reasons.title(catalog, seed);
            for (CoOccurrence.Neighbour n : coPurchase.get().neighbours(seed, minSupport, limit)) {
                RelatedStrategy.merge(out, new Candidate(n.item(), n.llr(), NAME, reason));
            }
        }
        List<Candidate> ranked = new ArrayList<>(out.values());
        ranked.removeIf(c -> seeds.contains(c.productId()));
        ranked.sort(Comparator.comparingDouble(Candidate::score).reversed());
        return ranked.size() > limit ? List.copyOf(ranked.subList(0, limit)) : ranked;
    }
}
