package io.tailor.recommendation.strategy;

import io.tailor.contracts.profile.PurchaseStats;
import io.tailor.recommendation.catalog.CatalogIndex;
import io.tailor.recommendation.model.CoOccurrence;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Similar shoppers, item to item over purchase histories: for the products the shopper bought (most recent first),
 * the products that other shoppers' histories hold together with them significantly often. Products the shopper
 * already bought are not proposed (replenishment does that).
 */
public final class SimilarShoppersStrategy implements Strategy {

    public static final String NAME = "similar_shoppers";
    private static final int SEEDS = 10;

    private final CatalogIndex catalog;
    private final Supplier<CoOccurrence> shopperPurchases;
    private final int minSupport;

    public SimilarShoppersStrategy(CatalogIndex catalog, Supplier<CoOccurrence> shopperPurchases, int minSupport) {
        this.catalog = catalog;
        this.shopperPurchases = shopperPurchases;
        this.minSupport = minSupport;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Candidate> candidates(RecommendationContext context, int limit) {
        List<PurchaseStats> purchases = context.profile()
                .map(p -> p.purchases() == null ? List.<PurchaseStats>of() : p.purchases())
                .orElse(List.of());
        List<PurchaseStats> seeds = purchases.stream()
                .filter(p -> p != null && p.productId() != null)
                .sorted(Comparator.comparing(
                                (PurchaseStats p) -> p.lastPurchasedAt() == null ? Instant.EPOCH : p.lastPurchasedAt())
                        .reversed())
                .limit(SEEDS)
                .toList();
        Set<String> bought = new HashSet<>();
        purchases.forEach(p -> bought.add(p.productId()));
        Map<String, Candidate> out = new LinkedHashMap<>();
        for (int i = 0; i < seeds.size(); i++) {
            String seed = seeds.get(i).productId();
            String reason = "Shoppers who bought " + Reasons.title(catalog, seed) + " also bought this";
            double weight = 1.0 / (1 + i);
            for (CoOccurrence.Neighbour n : shopperPurchases.get().neighbours(seed, minSupport, limit)) {
                if (!bought.contains(n.item())) {
                    RelatedStrategy.merge(out, new Candidate(n.item(), weight * n.llr(), NAME, reason));
                }
            }
        }
        List<Candidate> ranked = new ArrayList<>(out.values());
        ranked.sort(Comparator.comparingDouble(Candidate::score).reversed());
        return ranked.size() > limit ? List.copyOf(ranked.subList(0, limit)) : ranked;
    }
}
