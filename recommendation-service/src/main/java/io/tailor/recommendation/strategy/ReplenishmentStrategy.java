package io.tailor.recommendation.strategy;

import io.tailor.contracts.profile.PurchaseStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Replenishment: products the shopper bought at least twice whose usual interval (from the profile's purchase
 * statistics) has nearly or fully elapsed since the last purchase. Due from {@value #NEAR} of the interval; ranked
 * by how close "now" is to the due date, so a product due today comes before one overdue by months (which the
 * shopper may have stopped buying), and overdue by more than {@value #STALE} intervals is dropped.
 */
public final class ReplenishmentStrategy implements Strategy {

    public static final String NAME = "replenishment";
    static final double NEAR = 0.8;
    static final double STALE = 4.0;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Candidate> candidates(RecommendationContext context, int limit) {
        List<PurchaseStats> purchases = context.profile()
                .map(p -> p.purchases() == null ? List.<PurchaseStats>of() : p.purchases())
                .orElse(List.of());
        List<Candidate> out = new ArrayList<>();
        for (PurchaseStats p : purchases) {
            if (p == null
                    || p.productId() == null
                    || p.orders() < 2
                    || p.averageIntervalDays() == null
                    || p.averageIntervalDays() <= 0
                    || p.lastPurchasedAt() == null) {
                continue;
            }
            double elapsedDays =
                    Duration.between(p.lastPurchasedAt(), context.now()).toSeconds() / 86_400.0;
            double ratio = elapsedDays / p.averageIntervalDays();
            if (ratio < NEAR || ratio > STALE) {
                continue;
            }
            double score = 1.0 / (1.0 + Math.abs(ratio - 1.0));
            long days = Math.max(1, Math.round(p.averageIntervalDays()));
            out.add(new Candidate(
                    p.productId(), score, NAME, "You usually reorder every " + days + (days == 1 ? " day" : " days")));
        }
        out.sort(Comparator.comparingDouble(Candidate::score).reversed().thenComparing(Candidate::productId));
        return out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
    }
}
